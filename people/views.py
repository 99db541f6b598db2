"""The griffie's screens for members, fracties and bodies with their terms. Thin: saving
goes through :mod:`people.service`, which keeps access to secret information in step."""

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView, ListView, UpdateView

from . import service
from .forms import BodyForm, FractieForm, MembershipForm, PersonForm
from .models import Body, Fractie, Membership, Person, PersonQuerySet
from .permissions import GriffieRequiredMixin


class PersonListView(GriffieRequiredMixin, ListView):
    template_name = "people/person_list.html"
    context_object_name = "people"

    def get_queryset(self) -> PersonQuerySet:
        people = Person.objects.select_related("fractie", "user").prefetch_related(
            "memberships__body"
        )
        self.show = self.request.GET.get("toon", "")
        if self.show != "alle":
            people = people.in_office()
        return people

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(show_all=self.show == "alle", **kwargs)


class PersonCreateView(GriffieRequiredMixin, CreateView):
    template_name = "people/person_form.html"
    form_class = PersonForm

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        person = service.save_person(form.save(commit=False))
        messages.success(self.request, _("%(name)s is opgeslagen.") % {"name": person.name})
        return redirect("people:person-update", pk=person.pk)


class PersonUpdateView(GriffieRequiredMixin, UpdateView):
    """A person with their terms: memberships of bodies, with start and end."""

    template_name = "people/person_form.html"
    form_class = PersonForm
    model = Person

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(
            memberships=self.object.memberships.select_related("body").order_by("-start"),
            membership_form=MembershipForm(),
            **kwargs,
        )

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        person = service.save_person(form.save(commit=False))
        messages.success(self.request, _("%(name)s is opgeslagen.") % {"name": person.name})
        return redirect("people:person-update", pk=person.pk)


class MembershipCreateView(GriffieRequiredMixin, CreateView):
    template_name = "people/membership_form.html"
    form_class = MembershipForm

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if request.user.is_authenticated and self.test_func():
            self.person = get_object_or_404(Person, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(person=self.person, **kwargs)

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        membership = form.save(commit=False)
        membership.person = self.person
        service.save_membership(membership)
        messages.success(self.request, _("Het lidmaatschap is vastgelegd."))
        return redirect("people:person-update", pk=self.person.pk)


class MembershipUpdateView(GriffieRequiredMixin, UpdateView):
    """Change or end a term (an end date ends access to the body's secret information)."""

    template_name = "people/membership_form.html"
    form_class = MembershipForm
    model = Membership

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(person=self.object.person, **kwargs)

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        service.save_membership(form.save(commit=False))
        messages.success(self.request, _("Het lidmaatschap is opgeslagen."))
        return redirect("people:person-update", pk=self.object.person_id)


class FractieListView(GriffieRequiredMixin, ListView):
    template_name = "people/fractie_list.html"
    context_object_name = "fracties"

    def get_queryset(self) -> QuerySet[Fractie]:
        return Fractie.objects.prefetch_related("members")


class FractieCreateView(GriffieRequiredMixin, CreateView):
    template_name = "people/simple_form.html"
    form_class = FractieForm
    extra_context = {"heading": _("Nieuwe fractie")}

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        form.save()
        messages.success(self.request, _("De fractie is opgeslagen."))
        return redirect("people:fracties")


class FractieUpdateView(GriffieRequiredMixin, UpdateView):
    template_name = "people/simple_form.html"
    form_class = FractieForm
    model = Fractie
    extra_context = {"heading": _("Fractie bewerken")}

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        form.save()
        messages.success(self.request, _("De fractie is opgeslagen."))
        return redirect("people:fracties")


class BodyListView(GriffieRequiredMixin, ListView):
    template_name = "people/body_list.html"
    context_object_name = "bodies"

    def get_queryset(self) -> QuerySet[Body]:
        return Body.objects.all()


class BodyCreateView(GriffieRequiredMixin, CreateView):
    template_name = "people/simple_form.html"
    form_class = BodyForm
    extra_context = {"heading": _("Nieuw orgaan")}

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        body = service.save_body(form.save(commit=False))
        messages.success(self.request, _("%(name)s is opgeslagen.") % {"name": body.name})
        return redirect("people:body-update", pk=body.pk)


class BodyUpdateView(GriffieRequiredMixin, UpdateView):
    """A body with its members now and before."""

    template_name = "people/body_form.html"
    form_class = BodyForm
    model = Body

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        memberships = self.object.memberships.select_related("person", "person__fractie")
        return super().get_context_data(
            current=memberships.active().order_by("person__name"),
            former=memberships.exclude(pk__in=memberships.active()).order_by("-end"),
            **kwargs,
        )

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        service.save_body(form.save(commit=False))
        messages.success(self.request, _("Het orgaan is opgeslagen."))
        return redirect("people:body-update", pk=self.object.pk)

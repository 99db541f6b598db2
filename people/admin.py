from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group
from django.http import HttpRequest

from .admin_tools import GriffieOnlyAdmin
from .models import Body, Fractie, Membership, Person
from .roles import is_griffie
from .service import sync_body_groups


class MembershipInline(GriffieOnlyAdmin, admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "fractie", "public_email", "term_start", "term_end")
    list_filter = ("role", "fractie")
    search_fields = ("name", "department")
    inlines = [MembershipInline]

    def get_readonly_fields(
        self, request: HttpRequest, obj: Person | None = None
    ) -> tuple[str, ...]:
        fields = tuple(super().get_readonly_fields(request, obj))
        # Linking a login to a member hands it that member's secret information.
        return fields if is_griffie(request.user) else (*fields, "user")

    def save_related(
        self,
        request: HttpRequest,
        form: forms.ModelForm,
        formsets: list[forms.BaseFormSet],
        change: bool,
    ) -> None:
        super().save_related(request, form, formsets, change)
        # Access to secret information follows current memberships (confidentiality.access).
        sync_body_groups(form.instance)


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind")
    inlines = [MembershipInline]

    def save_model(
        self, request: HttpRequest, obj: Body, form: forms.ModelForm, change: bool
    ) -> None:
        if not obj.group_id:
            obj.group = Group.objects.get_or_create(name=f"orgaan: {obj.name}")[0]
        super().save_model(request, obj, form, change)

    def save_related(
        self,
        request: HttpRequest,
        form: forms.ModelForm,
        formsets: list[forms.BaseFormSet],
        change: bool,
    ) -> None:
        super().save_related(request, form, formsets, change)
        for membership in form.instance.memberships.select_related("person"):
            sync_body_groups(membership.person)


admin.site.register(Fractie)

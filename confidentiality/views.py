"""The councillors' area. Thin: who sees what is decided in access.py, work in service.py."""

from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, ListView, TemplateView, UpdateView
from django_filters.views import FilterView
from django_otp import login as otp_login

from documents.models import Document
from griffie.http import private
from people.roles import acting_user, is_second_factor_verified

from . import access, access_log, second_factor, service
from .filters import AccessLogFilter
from .forms import (
    ActivationCodeForm,
    EndExclusionForm,
    ExclusionForm,
    ImposeSecrecyForm,
    IssueActivationForm,
    LiftForm,
    TokenForm,
    VerifyTokenForm,
)
from .models import AccessLog, Activation, Exclusion, SecrecyDecision, SecretItem
from .watermark import NotWatermarkable

ResponseT = TypeVar("ResponseT", bound=HttpResponseBase)


def harden(response: ResponseT) -> ResponseT:
    """Headers for every response of this area, HTML and PDF alike."""
    private(response)
    response["Pragma"] = "no-cache"
    response["X-Frame-Options"] = "DENY"
    response["Referrer-Policy"] = "same-origin"
    return response


# What the mixins here are mixed into; for the type checker.
if TYPE_CHECKING:
    _ViewBase = View
else:
    _ViewBase = object


@method_decorator(never_cache, name="dispatch")
class HardenedMixin(_ViewBase):
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        return harden(super().dispatch(request, *args, **kwargs))


class SecondFactorRequiredMixin(HardenedMixin, LoginRequiredMixin):
    """Logged in with password and second factor; otherwise off to the next step."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if request.user.is_authenticated and not is_second_factor_verified(request.user):
            return harden(redirect(f"{reverse('confidentiality:otp-verify')}?next={request.path}"))
        return super().dispatch(request, *args, **kwargs)


class GriffieManageMixin(SecondFactorRequiredMixin):
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if request.user.is_authenticated and is_second_factor_verified(request.user):
            if not access.can_manage(request.user):
                raise Http404
        return super().dispatch(request, *args, **kwargs)


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# --- second factor ----------------------------------------------------------------------------
class VerifyView(HardenedMixin, LoginRequiredMixin, FormView):
    """The second step after the password: a TOTP code or a backup code. A user without a
    device is told to ask the griffie for an activation; nobody enrols by password alone."""

    template_name = "confidentiality/otp_verify.html"
    form_class = VerifyTokenForm

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(
            next=_safe_next(self.request, ""),
            has_device=second_factor.has_second_factor(self.request.user),
            activation_form=ActivationCodeForm(),
            **kwargs,
        )

    # Below this many seconds the throttle is not worth mentioning after a wrong code.
    MENTION_WAIT_FROM = 5

    def form_valid(self, form: VerifyTokenForm) -> HttpResponse:
        user = self.request.user
        blocked = second_factor.seconds_to_wait(user)  # even the right code is refused now
        device = second_factor.verify(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(self.request, device)
            service.log_access(
                self.request,
                "second_factor",
                decision=access.AccessDecision(True, device.__class__.__name__.lower()),
            )
            return redirect(_safe_next(self.request, reverse("home-after-login")))
        service.log_access(
            self.request,
            "second_factor",
            decision=access.AccessDecision(False, "throttled" if blocked else "wrong_token"),
        )
        if blocked:
            form.add_error(
                "token",
                _(
                    "Te veel pogingen met een verkeerde code: er wordt even geen code "
                    "gecontroleerd. Wacht %(wait)s en voer dan de code in die uw app op dat "
                    "moment toont."
                )
                % {"wait": second_factor.wait_text(blocked)},
            )
            return self.form_invalid(form)
        message = _("Deze code klopt niet of is verlopen.")
        wait = second_factor.seconds_to_wait(user)
        if wait >= self.MENTION_WAIT_FROM:
            message = _(
                "Deze code klopt niet of is verlopen. Na te veel verkeerde codes kunt u het "
                "pas over %(wait)s opnieuw proberen."
            ) % {"wait": second_factor.wait_text(wait)}
        form.add_error("token", message)
        return self.form_invalid(form)


class ActivateView(HardenedMixin, LoginRequiredMixin, View):
    """Redeem an activation link (or a typed activation code) for the logged-in user: the
    activation is remembered in the session and the user goes on to set up the app.
    Unknown, expired, used and other people's activations all get the same answer."""

    def get(self, request: HttpRequest, token: str = "") -> HttpResponse:
        return self._redeem(request, token)

    def post(self, request: HttpRequest, token: str = "") -> HttpResponse:
        form = ActivationCodeForm(request.POST)
        return self._redeem(request, form.cleaned_data["code"] if form.is_valid() else "")

    def _redeem(self, request: HttpRequest, token: str) -> HttpResponse:
        activation = second_factor.find_activation(request.user, token)
        if activation is None:
            service.log_access(
                request,
                "activation",
                decision=access.AccessDecision(False, "activation_unusable"),
            )
            messages.error(
                request,
                _(
                    "Deze activering is ongeldig, al gebruikt of verlopen. Vraag de griffie om een nieuwe."
                ),
            )
            return harden(redirect("confidentiality:otp-verify"))
        request.session[second_factor.ACTIVATION_SESSION_KEY] = activation.pk
        request.session.pop(second_factor.PENDING_KEY_SESSION_KEY, None)
        return harden(redirect("confidentiality:otp-setup"))


class SetupView(HardenedMixin, LoginRequiredMixin, FormView):
    """Set up the authenticator app after a redeemed activation. GET only shows a key kept in
    the session; the device is created on POST, once the user proved to hold the key."""

    template_name = "confidentiality/otp_setup.html"
    form_class = TokenForm

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if request.user.is_authenticated:
            self.activation = (
                Activation.objects.usable()
                .filter(
                    user=request.user,
                    pk=request.session.get(second_factor.ACTIVATION_SESSION_KEY, 0),
                )
                .first()
            )
            if self.activation is None:
                return harden(redirect("confidentiality:otp-verify"))
        return super().dispatch(request, *args, **kwargs)

    def pending_key(self) -> str:
        key = self.request.session.get(second_factor.PENDING_KEY_SESSION_KEY)
        if not key:
            key = second_factor.new_pending_key()
            self.request.session[second_factor.PENDING_KEY_SESSION_KEY] = key
        return key

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        import segno

        key = self.pending_key()
        url = second_factor.config_url(self.request.user, key)
        return super().get_context_data(
            qr_svg=segno.make(url, error="m").svg_inline(scale=4),
            secret=second_factor.base32_key(key),
            **kwargs,
        )

    def form_valid(self, form: TokenForm) -> HttpResponse:
        if self.activation is None:  # never: dispatch sent the user back without one
            return harden(redirect("confidentiality:otp-verify"))
        key = self.pending_key()
        if not second_factor.totp_matches(key, form.cleaned_data["token"]):
            form.add_error("token", _("Deze code klopt niet. Controleer de tijd op uw telefoon."))
            return self.form_invalid(form)
        try:
            device, codes = second_factor.enrol(
                acting_user(self.request), self.activation, key, request=self.request
            )
        except ValueError:
            return harden(redirect("confidentiality:otp-verify"))
        for name in (second_factor.ACTIVATION_SESSION_KEY, second_factor.PENDING_KEY_SESSION_KEY):
            self.request.session.pop(name, None)
        otp_login(self.request, device)
        # The backup codes are shown in this response only: not stored for a later page.
        return self.response_class(
            request=self.request,
            template=["confidentiality/otp_backup_codes.html"],
            context={"codes": codes, "next": reverse("home-after-login")},
        )


class SecondFactorAdminView(GriffieManageMixin, TemplateView):
    """The griffie issues activations and resets lost devices (each is logged)."""

    template_name = "confidentiality/second_factor_admin.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        users = (
            get_user_model()
            .objects.filter(is_active=True)
            .order_by("username")
            .prefetch_related("groups")
        )
        rows = [(user, second_factor.has_second_factor(user)) for user in users]
        return super().get_context_data(rows=rows, **kwargs)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = IssueActivationForm(request.POST)
        user = None
        if form.is_valid():
            user = get_user_model().objects.filter(pk=form.cleaned_data["user"]).first()
        if user is None or not second_factor.may_issue(acting_user(request), user):
            raise Http404
        issued = second_factor.issue_activation(
            user, issued_by=acting_user(request), request=request, reset=form.cleaned_data["reset"]
        )
        context = self.get_context_data(
            issued=issued, issued_url=request.build_absolute_uri(issued.path), issued_for=user
        )
        return self.render_to_response(context)


# --- the area -----------------------------------------------------------------------------------
class IndexView(SecondFactorRequiredMixin, TemplateView):
    template_name = "confidentiality/index.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        user = self.request.user
        exclusion = access.active_exclusion(user)
        return super().get_context_data(
            notices=access.notices_visible_to(user).select_related("decision", "body")[:20],
            exclusion_message=access.exclusion_message(exclusion) if exclusion else "",
            confidential_count=access.confidential_documents_visible_to(user).count(),
            secret_count=access.secret_items_visible_to(user).count(),
            can_manage=access.can_manage(user),
            **kwargs,
        )


class NoticesReadView(SecondFactorRequiredMixin, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        access.notices_visible_to(request.user).unread().update(read_at=timezone.now())
        return redirect("confidentiality:index")


class ConfidentialListView(SecondFactorRequiredMixin, ListView):
    template_name = "confidentiality/confidential_list.html"
    paginate_by = 25

    def get_queryset(self) -> QuerySet[Document]:
        service.log_access(self.request, "list_vertrouwelijk")
        return access.confidential_documents_visible_to(self.request.user)


# How each kind of object in the access log is looked up for a user.
_FIND_READABLE = {
    "document": access.find_readable_document,
    "secret_item": access.find_readable_secret_item,
}


def _document_or_404(request: HttpRequest, uuid: UUID, action: str) -> Document:
    document = _readable_or_404(request, "document", uuid, action)
    if not isinstance(document, Document):  # never: the document lookup finds documents
        raise Http404
    return document


def _secret_item_or_404(request: HttpRequest, uuid: UUID, action: str) -> SecretItem:
    item = _readable_or_404(request, "secret_item", uuid, action)
    if not isinstance(item, SecretItem):  # never: the secret item lookup finds secret items
        raise Http404
    return item


def _readable_or_404(
    request: HttpRequest, object_type: str, uuid: UUID, action: str
) -> Document | SecretItem:
    """The document or secret item ``uuid`` if the user may read it, the lookup logged.
    The same 404 (same template, status, no message, same queries) for one the user may not
    read (an excluded member, another body) and for a random id; only the access log tells
    them apart. An exclusion itself is explained on the list page, which depends on no id."""
    obj, decision = _FIND_READABLE[object_type](request.user, uuid)
    service.log_access(
        request, action, object_type=object_type, object_id=str(uuid), decision=decision
    )
    if obj is None:
        raise Http404
    return obj


class ConfidentialDetailView(SecondFactorRequiredMixin, TemplateView):
    template_name = "confidentiality/confidential_detail.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        document = _document_or_404(self.request, kwargs["uuid"], "view")
        return super().get_context_data(
            document=document, has_file=document.working_pdf() is not None, **kwargs
        )


class ConfidentialDownloadView(SecondFactorRequiredMixin, View):
    def get(self, request: HttpRequest, uuid: UUID) -> HttpResponse:
        document = _document_or_404(request, uuid, "download")
        return _download(request, document, document)


def _download(request: HttpRequest, obj: Document | SecretItem, document: Document) -> HttpResponse:
    document_file = document.working_pdf()
    if document_file is None:
        raise Http404
    try:
        return harden(service.watermarked_download(request, obj, document_file))
    except NotWatermarkable:
        messages.error(
            request, _("Dit bestand kan niet veilig worden uitgegeven; vraag de griffie.")
        )
        raise Http404 from None


class SecretListView(SecondFactorRequiredMixin, TemplateView):
    template_name = "confidentiality/secret_list.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        user = self.request.user
        exclusion = access.active_exclusion(user)
        service.log_access(
            self.request,
            "list_geheim",
            decision=access.AccessDecision(
                exclusion is None, "excluded" if exclusion else "geheim"
            ),
        )
        return super().get_context_data(
            items=access.secret_items_visible_to(user),
            exclusion_message=access.exclusion_message(exclusion) if exclusion else "",
            **kwargs,
        )


class SecretDetailView(SecondFactorRequiredMixin, TemplateView):
    template_name = "confidentiality/secret_detail.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        item = _secret_item_or_404(self.request, kwargs["uuid"], "view")
        return super().get_context_data(
            item=item,
            decision=item.decision,
            has_file=item.document.working_pdf() is not None,
            **kwargs,
        )


class SecretDownloadView(SecondFactorRequiredMixin, View):
    def get(self, request: HttpRequest, uuid: UUID) -> HttpResponse:
        item = _secret_item_or_404(request, uuid, "download")
        return _download(request, item, item.document)


# --- public register --------------------------------------------------------------------------
class PublicRegisterView(HardenedMixin, ListView):
    """Anyone may see that secret information exists: title, ground, date, bodies. Never its
    content, documents or recipients' members."""

    template_name = "confidentiality/register.html"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[SecrecyDecision]:
        return SecrecyDecision.objects.select_related(
            "imposed_by_body", "lifting_body", "lifted_by_body"
        ).order_by("-decided_on", "-id")


# --- griffie management -----------------------------------------------------------------------
class ManageView(GriffieManageMixin, TemplateView):
    template_name = "confidentiality/manage.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        decisions = SecrecyDecision.objects.select_related("lifting_body").prefetch_related(
            "provided_to"
        )
        return super().get_context_data(decisions=decisions, lift_form=LiftForm(), **kwargs)


class ImposeView(GriffieManageMixin, FormView):
    """Record a secrecy decision: the documents, the ground and the bodies it goes to."""

    template_name = "confidentiality/impose.html"
    form_class = ImposeSecrecyForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        source = self.request.POST if self.request.method == "POST" else self.request.GET
        kwargs["document_query"] = source.get("document_query", "")[:100]
        return kwargs

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if "find_documents" not in request.POST:
            return super().post(request, *args, **kwargs)
        # The picker's search: show the matching documents, keep what was typed and
        # chosen, save nothing yet (works without JavaScript).
        fields = self.form_class.base_fields
        initial = {
            name: request.POST.getlist(name)
            if isinstance(field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField))
            else request.POST.get(name, "")
            for name, field in fields.items()
        }
        form = self.form_class(
            initial=initial,
            document_query=request.POST.get("document_query", "")[:100],
            chosen=request.POST.getlist("documents"),
        )
        return self.render_to_response(self.get_context_data(form=form))

    def form_valid(self, form: ImposeSecrecyForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            decision = service.impose_secrecy(actor=acting_user(self.request), **data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        service.log_access(self.request, "impose", obj=decision)
        messages.success(self.request, _("Het besluit tot geheimhouding is vastgelegd."))
        return redirect("confidentiality:manage")


class ExclusionView(GriffieManageMixin, FormView):
    """Record a raad decision excluding a member from secret information (max. 3 months)."""

    template_name = "confidentiality/exclusion.html"
    form_class = ExclusionForm

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        exclusions = Exclusion.objects.select_related("person")[:50]
        return super().get_context_data(
            exclusions=exclusions,
            end_form=EndExclusionForm(initial={"access_from": timezone.localdate()}),
            today=timezone.localdate(),
            **kwargs,
        )

    def form_valid(self, form: ExclusionForm) -> HttpResponse:
        exclusion = form.save(commit=False)
        exclusion.created_by = self.request.user
        exclusion.save()
        messages.success(self.request, _("De uitsluiting is vastgelegd."))
        return redirect("confidentiality:exclusions")


class ExclusionCorrectView(GriffieManageMixin, UpdateView):
    """Correct a recorded exclusion (member, decision, dates) to what the raad decided."""

    model = Exclusion
    form_class = ExclusionForm
    template_name = "confidentiality/exclusion_correct.html"
    context_object_name = "exclusion"

    def form_valid(self, form: forms.ModelForm) -> HttpResponse:
        exclusion = form.save()
        service.log_access(
            self.request,
            "exclusion_corrected",
            object_type="exclusion",
            object_id=str(exclusion.pk),
        )
        messages.success(self.request, _("De uitsluiting is gecorrigeerd."))
        return redirect("confidentiality:exclusions")


class ExclusionEndView(GriffieManageMixin, View):
    """The raad ends an exclusion early: access returns from the given day."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        exclusion = get_object_or_404(Exclusion, pk=pk)
        form = EndExclusionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Vul de datum in vanaf wanneer het lid weer toegang heeft."))
            return redirect("confidentiality:exclusions")
        try:
            exclusion.end_early(form.cleaned_data["access_from"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            service.log_access(
                request, "exclusion_ended", object_type="exclusion", object_id=str(exclusion.pk)
            )
            messages.success(
                request,
                _("De uitsluiting van %(person)s is beëindigd; toegang weer vanaf %(day)s.")
                % {
                    "person": exclusion.person,
                    "day": date_format(form.cleaned_data["access_from"]),
                },
            )
        return redirect("confidentiality:exclusions")


class LiftView(GriffieManageMixin, View):
    def post(self, request: HttpRequest, uuid: UUID) -> HttpResponse:
        decision = get_object_or_404(SecrecyDecision, uuid=uuid)
        form = LiftForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Vul orgaan, datum en kenmerk in."))
            return redirect("confidentiality:manage")
        try:
            service.lift_secrecy(decision, actor=acting_user(request), **form.cleaned_data)
        except Exception as exc:  # InvalidSecrecyChange carries a message for the user
            messages.error(request, str(exc))
        else:
            service.log_access(request, "lift", obj=decision)
            messages.success(request, _("De geheimhouding is opgeheven."))
        return redirect("confidentiality:manage")


class AccessLogView(GriffieManageMixin, FilterView):
    template_name = "confidentiality/access_log.html"
    filterset_class = AccessLogFilter
    paginate_by = 50

    def get_queryset(self) -> QuerySet[AccessLog]:
        return AccessLog.objects.all()

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        form = self.filterset.form
        issue = None
        if form.is_valid() and form.cleaned_data["code"]:
            issue = service.resolve_watermark(form.cleaned_data["code"])
            service.log_access(
                self.request,
                "resolve_watermark",
                object_type="watermark",
                object_id=form.cleaned_data["code"][:64],
            )
        context = super().get_context_data(form=form, issue=issue, **kwargs)
        context["rows"] = access_log.readable_rows(context["page_obj"].object_list)
        return context


class AccessLogExportView(GriffieManageMixin, View):
    def get(self, request: HttpRequest) -> HttpResponseBase:
        entries = AccessLogFilter(request.GET, AccessLog.objects.all()).qs
        service.log_access(request, "export_access_log")
        response = StreamingHttpResponse(
            access_log.csv_lines(entries), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="toegangslog.csv"'
        return harden(response)

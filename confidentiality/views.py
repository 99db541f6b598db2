"""The councillors' area. Thin: who sees what is decided in access.py, work in service.py."""

import csv
import uuid

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, ListView, TemplateView
from django_filters.views import FilterView
from django_otp import login as otp_login

from documents.models import Document

from . import access, second_factor, service
from .filters import AccessLogFilter
from .forms import (
    ActivationCodeForm,
    ExclusionForm,
    ImposeSecrecyForm,
    IssueActivationForm,
    LiftForm,
    TokenForm,
    VerifyTokenForm,
)
from .models import AccessLog, Activation, Exclusion, SecrecyDecision, SecretItem
from .watermark import NotWatermarkable


def harden(response):
    """Headers for every response of this area, HTML and PDF alike."""
    response["Cache-Control"] = "no-store, private"
    response["Pragma"] = "no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Frame-Options"] = "DENY"
    response["Referrer-Policy"] = "same-origin"
    return response


@method_decorator(never_cache, name="dispatch")
class HardenedMixin:
    def dispatch(self, request, *args, **kwargs):
        return harden(super().dispatch(request, *args, **kwargs))


class SecondFactorRequiredMixin(HardenedMixin, LoginRequiredMixin):
    """Logged in with password and second factor; otherwise off to the next step."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.is_second_factor_verified(request.user):
            return harden(redirect(f"{reverse('confidentiality:otp-verify')}?next={request.path}"))
        return super().dispatch(request, *args, **kwargs)


class GriffieManageMixin(SecondFactorRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and access.is_second_factor_verified(request.user):
            if not access.can_manage(request.user):
                raise Http404
        return super().dispatch(request, *args, **kwargs)


def _safe_next(request, default: str) -> str:
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

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            next=_safe_next(self.request, ""),
            has_device=second_factor.has_second_factor(self.request.user),
            activation_form=ActivationCodeForm(),
            **kwargs,
        )

    def form_valid(self, form):
        device = second_factor.verify(self.request.user, form.cleaned_data["token"])
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
            decision=access.AccessDecision(False, "wrong_token"),
        )
        form.add_error("token", _("Deze code klopt niet of is verlopen."))
        return self.form_invalid(form)


class ActivateView(HardenedMixin, LoginRequiredMixin, View):
    """Redeem an activation link (or a typed activation code) for the logged-in user: the
    activation is remembered in the session and the user goes on to set up the app.
    Unknown, expired, used and other people's activations all get the same answer."""

    def get(self, request, token=""):
        return self._redeem(request, token)

    def post(self, request, token=""):
        form = ActivationCodeForm(request.POST)
        return self._redeem(request, form.cleaned_data["code"] if form.is_valid() else "")

    def _redeem(self, request, token):
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

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.activation = (
                Activation.objects.usable()
                .filter(
                    user=request.user,
                    pk=request.session.get(second_factor.ACTIVATION_SESSION_KEY),
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

    def get_context_data(self, **kwargs):
        import segno

        key = self.pending_key()
        url = second_factor.config_url(self.request.user, key)
        return super().get_context_data(
            qr_svg=segno.make(url, error="m").svg_inline(scale=4),
            secret=second_factor.base32_key(key),
            **kwargs,
        )

    def form_valid(self, form):
        key = self.pending_key()
        if not second_factor.totp_matches(key, form.cleaned_data["token"]):
            form.add_error("token", _("Deze code klopt niet. Controleer de tijd op uw telefoon."))
            return self.form_invalid(form)
        try:
            device, codes = second_factor.enrol(
                self.request.user, self.activation, key, request=self.request
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

    def get_context_data(self, **kwargs):
        users = (
            get_user_model()
            .objects.filter(is_active=True)
            .order_by("username")
            .prefetch_related("groups")
        )
        rows = [(user, second_factor.has_second_factor(user)) for user in users]
        return super().get_context_data(rows=rows, **kwargs)

    def post(self, request):
        form = IssueActivationForm(request.POST)
        user = None
        if form.is_valid():
            user = get_user_model().objects.filter(pk=form.cleaned_data["user"]).first()
        if user is None or not second_factor.may_issue(request.user, user):
            raise Http404
        issued = second_factor.issue_activation(
            user, issued_by=request.user, request=request, reset=form.cleaned_data["reset"]
        )
        context = self.get_context_data(
            issued=issued, issued_url=request.build_absolute_uri(issued.path), issued_for=user
        )
        return self.render_to_response(context)


# --- the area -----------------------------------------------------------------------------------
class IndexView(SecondFactorRequiredMixin, TemplateView):
    template_name = "confidentiality/index.html"

    def get_context_data(self, **kwargs):
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
    def post(self, request):
        access.notices_visible_to(request.user).unread().update(read_at=timezone.now())
        return redirect("confidentiality:index")


class ConfidentialListView(SecondFactorRequiredMixin, ListView):
    template_name = "confidentiality/confidential_list.html"
    paginate_by = 25

    def get_queryset(self):
        service.log_access(self.request, "list_vertrouwelijk")
        return access.confidential_documents_visible_to(self.request.user)


# How each kind of object in the access log is looked up for a user.
_FIND_READABLE = {
    "document": access.find_readable_document,
    "secret_item": access.find_readable_secret_item,
}


def _readable_or_404(request, object_type: str, uuid, action):
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

    def get_context_data(self, **kwargs):
        document = _readable_or_404(self.request, "document", kwargs["uuid"], "view")
        return super().get_context_data(
            document=document, has_file=service.readable_file(document) is not None, **kwargs
        )


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
    return harden(response)


class ConfidentialDownloadView(SecondFactorRequiredMixin, View):
    def get(self, request, uuid):
        document = _readable_or_404(request, "document", uuid, "download")
        return _download(request, document, document)


def _download(request, obj, document):
    document_file = service.readable_file(document)
    if document_file is None:
        raise Http404
    try:
        with transaction.atomic():
            data, issue = service.watermarked_copy(request, obj, document_file)
    except NotWatermarkable:
        messages.error(
            request, _("Dit bestand kan niet veilig worden uitgegeven; vraag de griffie.")
        )
        raise Http404 from None
    return _pdf_response(data, f"{issue.code}.pdf")


class SecretListView(SecondFactorRequiredMixin, TemplateView):
    template_name = "confidentiality/secret_list.html"

    def get_context_data(self, **kwargs):
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

    def get_context_data(self, **kwargs):
        item = _readable_or_404(self.request, "secret_item", kwargs["uuid"], "view")
        return super().get_context_data(
            item=item,
            decision=item.decision,
            has_file=service.readable_file(item.document) is not None,
            **kwargs,
        )


class SecretDownloadView(SecondFactorRequiredMixin, View):
    def get(self, request, uuid):
        item = _readable_or_404(request, "secret_item", uuid, "download")
        return _download(request, item, item.document)


# --- public register --------------------------------------------------------------------------
class PublicRegisterView(HardenedMixin, ListView):
    """Anyone may see that secret information exists: title, ground, date, bodies. Never its
    content, documents or recipients' members."""

    template_name = "confidentiality/register.html"
    paginate_by = 50

    def get_queryset(self):
        return SecrecyDecision.objects.select_related(
            "imposed_by_body", "lifting_body", "lifted_by_body"
        ).order_by("-decided_on", "-id")


# --- griffie management -----------------------------------------------------------------------
class ManageView(GriffieManageMixin, TemplateView):
    template_name = "confidentiality/manage.html"

    def get_context_data(self, **kwargs):
        decisions = SecrecyDecision.objects.select_related("lifting_body").prefetch_related(
            "provided_to"
        )
        return super().get_context_data(decisions=decisions, lift_form=LiftForm(), **kwargs)


class ImposeView(GriffieManageMixin, FormView):
    """Record a secrecy decision: the documents, the ground and the bodies it goes to."""

    template_name = "confidentiality/impose.html"
    form_class = ImposeSecrecyForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            decision = service.impose_secrecy(actor=self.request.user, **data)
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

    def get_context_data(self, **kwargs):
        exclusions = Exclusion.objects.select_related("person")[:50]
        return super().get_context_data(exclusions=exclusions, **kwargs)

    def form_valid(self, form):
        exclusion = form.save(commit=False)
        exclusion.created_by = self.request.user
        exclusion.save()
        messages.success(self.request, _("De uitsluiting is vastgelegd."))
        return redirect("confidentiality:exclusions")


class LiftView(GriffieManageMixin, View):
    def post(self, request, uuid):
        decision = get_object_or_404(SecrecyDecision, uuid=uuid)
        form = LiftForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Vul orgaan, datum en kenmerk in."))
            return redirect("confidentiality:manage")
        try:
            service.lift_secrecy(decision, actor=request.user, **form.cleaned_data)
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

    def get_queryset(self):
        return AccessLog.objects.all()

    def get_context_data(self, **kwargs):
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
        context["rows"] = readable_log(context["page_obj"].object_list)
        return context


ACCESS_ACTION_LABELS = {
    "second_factor": gettext_lazy("tweestapsverificatie"),
    "second_factor_enrolled": gettext_lazy("tweestapsverificatie ingesteld"),
    "list_vertrouwelijk": gettext_lazy("lijst vertrouwelijke stukken bekeken"),
    "list_geheim": gettext_lazy("lijst geheime stukken bekeken"),
    "view": gettext_lazy("bekijken"),
    "download": gettext_lazy("downloaden"),
    "impose": gettext_lazy("geheimhouding opgelegd"),
    "lift": gettext_lazy("geheimhouding opgeheven"),
    "resolve_watermark": gettext_lazy("watermerk opgezocht"),
    "export_access_log": gettext_lazy("toegangslog geëxporteerd"),
    "read": gettext_lazy("gelezen in de browser"),
    "read_page": gettext_lazy("pagina gelezen in de browser"),
    "note": gettext_lazy("notitie gemaakt (inhoud niet gelogd)"),
    "meeting_view": gettext_lazy("vergadering met vertrouwelijke stukken bekeken"),
    "search": gettext_lazy("gezocht (zoekterm niet gelogd)"),
}
ACCESS_REASON_LABELS = {
    "anonymous": gettext_lazy("niet ingelogd"),
    "vertrouwelijk": gettext_lazy("vertrouwelijk, mag inzien"),
    "geheim": gettext_lazy("geheim, verstrekt aan dit orgaan"),
    "not_visible": gettext_lazy("niet zichtbaar voor deze gebruiker"),
    "excluded": gettext_lazy("uitgesloten (belang)"),
    "unknown_object": gettext_lazy("onbekend stuk"),
    "not_found": gettext_lazy("bestaat niet"),
    "wrong_token": gettext_lazy("verkeerde code"),
}


def readable_log(entries) -> list[dict]:
    """Access-log rows for the griffie: Dutch labels and registration numbers instead of
    action codes and uuids. The log itself keeps only opaque references."""
    entries = list(entries)
    ids = {e.object_type: set() for e in entries}
    for entry in entries:
        ids[entry.object_type].add(entry.object_id)
    documents = {
        str(d.uuid): d.registration_number
        for d in Document.objects.filter(uuid__in=_uuids(ids.get("document", ())))
    }
    items = {
        str(i.uuid): i
        for i in SecretItem.objects.filter(
            uuid__in=_uuids(ids.get("secret_item", ()))
        ).select_related("document", "decision")
    }
    decisions = {
        str(d.uuid): d.title
        for d in SecrecyDecision.objects.filter(uuid__in=_uuids(ids.get("secrecy_decision", ())))
    }
    rows = []
    for entry in entries:
        if entry.object_type == "document":
            subject = documents.get(entry.object_id, _("onbekend stuk"))
        elif entry.object_type == "secret_item":
            item = items.get(entry.object_id)
            subject = (
                _("geheim stuk bij %s") % item.document.registration_number
                if item
                else _("onbekend geheim stuk")
            )
        elif entry.object_type == "secrecy_decision":
            subject = _("besluit: %s") % decisions.get(entry.object_id, "?")
        elif entry.object_type == "meeting":
            subject = _("vergadering %s") % entry.object_id
        elif entry.object_type == "watermark":
            subject = _("watermerk %s") % entry.object_id
        else:
            subject = ""
        action = ACCESS_ACTION_LABELS.get(entry.action, entry.action.replace("_", " "))
        reason = ACCESS_REASON_LABELS.get(entry.reason, entry.reason.replace("_", " "))
        rows.append({"entry": entry, "action": action, "subject": subject, "reason": reason})
    return rows


def _uuids(values) -> list[str]:
    valid = []
    for value in values:
        try:
            valid.append(str(uuid.UUID(value)))
        except ValueError:
            continue
    return valid


def _csv_cell(value) -> str:
    text = "" if value is None else str(value)
    # Spreadsheet formula injection: a user agent could start with '='.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


class AccessLogExportView(GriffieManageMixin, View):
    def get(self, request):
        entries = AccessLogFilter(request.GET, AccessLog.objects.all()).qs.order_by(
            "created_at", "id"
        )
        service.log_access(request, "export_access_log")
        writer = csv.writer(_Echo())
        header = [
            "tijd",
            "gebruiker",
            "actie",
            "soort",
            "id",
            "resultaat",
            "reden",
            "ip",
            "user_agent",
        ]

        def rows():
            yield writer.writerow(header)
            for e in entries.iterator():
                yield writer.writerow(
                    [
                        _csv_cell(v)
                        for v in (
                            timezone.localtime(e.created_at).isoformat(),
                            e.actor_name,
                            e.action,
                            e.object_type,
                            e.object_id,
                            e.result,
                            e.reason,
                            e.ip,
                            e.user_agent,
                        )
                    ]
                )

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="toegangslog.csv"'
        return harden(response)

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import ManyToManyField, Model, QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from griffie.http import private
from people.admin_tools import GriffieOnlyAdmin, groups_assignable_by_hand
from people.roles import acting_user, is_griffie

from . import second_factor, service
from .admin_tools import HidesSecretDocumentsAdmin
from .models import (
    AccessLog,
    AuthenticatorApp,
    BackupCodes,
    Exclusion,
    SecrecyDecision,
    SecretItem,
    WatermarkIssue,
)


class SecretItemInline(GriffieOnlyAdmin, HidesSecretDocumentsAdmin, admin.TabularInline):
    model = SecretItem
    fk_name = "decision"
    extra = 1
    raw_id_fields = ("document", "public_document")


@admin.register(SecrecyDecision)
class SecrecyDecisionAdmin(GriffieOnlyAdmin, admin.ModelAdmin):
    list_display = ("title", "imposed_by", "ground", "decided_on", "review_on", "status")
    list_filter = ("status", "imposed_by", "legal_basis")
    search_fields = ("title", "reference")
    filter_horizontal = ("provided_to",)
    inlines = [SecretItemInline]
    readonly_fields = ("status", "lifted_on", "lifted_by_body", "lift_reference")

    def get_inlines(
        self, request: HttpRequest, obj: SecrecyDecision | None
    ) -> list[type[InlineModelAdmin]]:
        # Which documents are secret (numbers, subjects) is for the griffie only.
        return self.inlines if is_griffie(request.user) else []

    def save_model(
        self, request: HttpRequest, obj: SecrecyDecision, form: forms.ModelForm, change: bool
    ) -> None:
        if not change:
            obj.created_by = acting_user(request)
        super().save_model(request, obj, form, change)

    def save_related(
        self,
        request: HttpRequest,
        form: forms.ModelForm,
        formsets: list[forms.BaseFormSet],
        change: bool,
    ) -> None:
        super().save_related(request, form, formsets, change)
        # Grants and notices follow provided_to: the same service the app uses.
        service.sync_grants(form.instance)


@admin.register(Exclusion)
class ExclusionAdmin(GriffieOnlyAdmin, admin.ModelAdmin):
    list_display = ("person", "decision_reference", "start", "end")
    raw_id_fields = ("person",)

    def save_model(
        self, request: HttpRequest, obj: Exclusion, form: forms.ModelForm, change: bool
    ) -> None:
        if not change:
            obj.created_by = acting_user(request)
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "actor_name",
        "action",
        "object_type",
        "object_id",
        "result",
        "ip",
    )
    list_filter = ("result", "action")
    search_fields = ("actor_name", "object_id")


@admin.register(WatermarkIssue)
class WatermarkIssueAdmin(ReadOnlyAdmin):
    list_display = ("code", "user", "level", "object_type", "object_id", "issued_at")
    search_fields = ("code",)


# --- second factor devices ---------------------------------------------------------------------
# django-otp's own admins show (and let staff set) TOTP keys and backup codes. Devices are
# created only through an activation (confidentiality.second_factor); here they can only be
# seen, without any key or code hash, and nobody adds or edits one; under Dutch names.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(AuthenticatorApp, BackupCodes)
class DeviceAdmin(ReadOnlyAdmin):
    list_display = ("user", "name", "confirmed")
    fields = ("user", "name", "confirmed")
    list_select_related = ("user",)


# --- activations from the user list (superusers; the griffie has its own screen) ------------
_UserAdmin: type[admin.ModelAdmin] = admin.site._registry[get_user_model()].__class__


class SecondFactorUserAdmin(_UserAdmin):  # type: ignore[valid-type,misc]
    actions = [*(_UserAdmin.actions or []), "issue_second_factor_activation"]
    # Who holds which role and permission is a superuser's decision: staff allowed to change
    # users would otherwise make themselves griffie, or superuser (people.admin_tools).
    superuser_only_fields = ("is_staff", "is_superuser", "groups", "user_permissions")

    def get_readonly_fields(
        self, request: HttpRequest, obj: Model | None = None
    ) -> tuple[str, ...]:
        fields = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return fields
        return fields + self.superuser_only_fields

    def formfield_for_manytomany(
        self, db_field: ManyToManyField, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField | None:
        if db_field.name == "groups":
            kwargs["queryset"] = groups_assignable_by_hand()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.action(
        description=_("Activering tweede factor uitgeven (een bestaande koppeling vervalt)")
    )
    def issue_second_factor_activation(
        self, request: HttpRequest, queryset: QuerySet[User]
    ) -> HttpResponseBase:
        issued = []
        for user in queryset:
            if not second_factor.may_issue(acting_user(request), user):
                continue
            activation = second_factor.issue_activation(
                user,
                issued_by=acting_user(request),
                request=request,
                reset=second_factor.has_second_factor(user),
            )
            issued.append((user, request.build_absolute_uri(activation.path), activation))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Activeringen tweede factor"),
            "issued": issued,
        }
        return private(TemplateResponse(request, "admin/second_factor_issued.html", context))


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), SecondFactorUserAdmin)

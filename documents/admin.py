from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from confidentiality.admin_tools import HidesSecretDocumentsAdmin
from confidentiality.service import record_if_closed_meeting
from people.roles import acting_user, is_griffie

from .models import Document, DocumentEvent, DocumentFile, DocumentQuerySet, Redaction


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    extra = 0
    fields = (
        "kind",
        "original_name",
        "content_type",
        "size",
        "sha256",
        "page_number",
        "created_at",
    )
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: DocumentFile | None = None) -> bool:
        return False


class DocumentEventInline(admin.TabularInline):
    model = DocumentEvent
    extra = 0
    readonly_fields = ("created_at", "actor", "action", "detail")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: DocumentEvent | None = None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = (
        "registration_number",
        "received_on",
        "subject",
        "category",
        "sender_type",
        "status",
    )
    list_filter = ("status", "category", "sender_type", "received_on")
    search_fields = ("subject", "description", "sender_name")
    date_hierarchy = "received_on"
    readonly_fields = (
        "registration_number",
        "status",
        "status_reason",
        "pages_total",
        "created_by",
    )
    inlines = [DocumentFileInline, DocumentEventInline]
    # Status changes only through the workflow (model methods), never by editing here.

    def save_model(
        self, request: HttpRequest, obj: Document, form: forms.ModelForm, change: bool
    ) -> None:

        super().save_model(request, obj, form, change)
        record_if_closed_meeting(obj, actor=acting_user(request))  # secret by law (closed meeting)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A document comes in through intake (griffie screens or ``manage.py intake``), with
        # its original file and a registration number; there is nothing to add here.
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Document]:
        # Secret information reaches bodies, not administrators: only the griffie, custodian
        # of the post, sees secret documents here; a superuser without that role does not.
        queryset = super().get_queryset(request)
        if not isinstance(queryset, DocumentQuerySet):  # never: Document.objects makes these
            raise TypeError("documents without their secrecy rule")
        if not is_griffie(request.user):
            queryset = queryset.not_under_secrecy()
        return queryset


@admin.register(Redaction)
class RedactionAdmin(HidesSecretDocumentsAdmin, admin.ModelAdmin):
    secret_lookups = ("document",)
    list_display = ("document", "page", "entity_type", "decision", "is_manual")
    list_filter = ("decision", "entity_type")

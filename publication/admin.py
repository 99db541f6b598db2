import json

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html

from confidentiality.admin_tools import HidesSecretDocumentsAdmin
from documents.forms import PublicTextCheckedForm
from people.roles import acting_user

from .models import (
    Activity,
    InspectionRequest,
    MeetingDocument,
    PublicationDecision,
    RemovalRequest,
)
from .service import PublicationRefused, publication_summary, publish_meeting_document


@admin.register(PublicationDecision)
class PublicationDecisionAdmin(HidesSecretDocumentsAdmin, admin.ModelAdmin):
    secret_lookups = ("document",)
    list_display = [
        "document",
        "proposed_outcome",
        "outcome",
        "decided_by",
        "decided_at",
        "withdrawn_at",
    ]
    list_filter = ["outcome", "needs_reanonymisation"]
    # Decisions are made in the griffie's screens through the service; read-only here.
    readonly_fields = [f.name for f in PublicationDecision._meta.fields if f.name != "id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class MeetingDocumentForm(PublicTextCheckedForm):
    public_text_fields = ("title",)


class ActivityForm(PublicTextCheckedForm):
    # The contact person's name, phone and e-mail are public by design (3h); the address
    # only where unavoidable, which the model checks.
    public_text_fields = ("title", "description")


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(admin.ModelAdmin):
    form = MeetingDocumentForm
    list_display = ["title", "meeting", "kind", "published_at"]
    list_filter = ["kind"]
    actions = ["publish"]
    readonly_fields = ["published_at", "report"]

    @admin.display(description="verslag van de anonimisering")
    def report(self, md: MeetingDocument) -> str:
        if not md.publication_report:
            return "nog niet gepubliceerd"
        return format_html(
            "{}<pre>{}</pre>",
            publication_summary(md.publication_report),
            json.dumps(md.publication_report, indent=2, ensure_ascii=False),
        )

    @admin.action(description="Publiceren op de raadsinformatiesite")
    def publish(self, request: HttpRequest, queryset: QuerySet[MeetingDocument]) -> None:
        for md in queryset:
            try:
                report = publish_meeting_document(md, actor=acting_user(request))
            except PublicationRefused as exc:
                self.message_user(request, f"{md}: {exc.reason}", messages.ERROR)
            else:
                self.message_user(request, f"{md}: {publication_summary(report)}", messages.SUCCESS)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    form = ActivityForm
    list_display = ["title", "date", "contact_name", "is_published"]


@admin.register(RemovalRequest)
class RemovalRequestAdmin(HidesSecretDocumentsAdmin, admin.ModelAdmin):
    secret_lookups = ("document",)
    list_display = ["received_at", "status", "location"]
    readonly_fields = ["status", "decided_by", "decided_at"]


@admin.register(InspectionRequest)
class InspectionRequestAdmin(HidesSecretDocumentsAdmin, admin.ModelAdmin):
    secret_lookups = ("documents",)
    list_display = ["received_at", "requester", "sent_at"]

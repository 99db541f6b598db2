from django import template

from documents.models import Document, FileKind, Status
from publication.forms import DecisionForm, WithdrawForm
from publication.models import PublicationDecision
from publication.rules import NEEDS_FILE
from publication.service import proposal_for

register = template.Library()


def public_field_problems(document) -> list[str]:
    """Why publication will ask for a reason: personal items in the public fields."""
    from documents.anonymisation.public_fields import describe
    from documents.public_fields import proposed_subject, public_field_findings

    try:
        findings = public_field_findings(document)
    except Exception:  # noqa: BLE001 - fail closed: say so, publication refuses too
        return ["De openbare velden konden niet worden gecontroleerd."]
    if not findings:
        return []
    message = f"Mogelijk persoonsgegevens in de openbare velden: {describe(findings)}."
    if any(f.field == "subject" for f in findings):
        message += f' Voorstel voor het onderwerp: "{proposed_subject(document, findings)}".'
    return [message]


@register.inclusion_tag("publication/_decision_panel_body.html", takes_context=True)
def decision_panel(context, document):
    """The griffie's publication panel on the document detail page."""
    proposal = proposal_for(document)
    decision = PublicationDecision.objects.filter(document=document).first()
    has_anonymised = document.files.filter(kind=FileKind.ANONYMISED).exists()
    problems = []
    if (
        proposal.needs_file
        and document.status != Status.APPROVED
        and (document.status != Status.PUBLISHED)
    ):
        problems.append("De geanonimiseerde versie is nog niet goedgekeurd.")
    if proposal.needs_file and not proposal.may_publish_original and not has_anonymised:
        problems.append("Er is nog geen geanonimiseerde PDF.")
    # The panel asks the same rules as the public site: published is not the same as public.
    under_secrecy = Document.objects.under_secrecy().filter(pk=document.pk).exists()
    if under_secrecy:
        problems.append(
            "Op dit stuk rust geheimhouding; het kan pas worden gepubliceerd als de "
            "geheimhouding is opgeheven."
        )
    if document.status != Status.PUBLISHED:
        problems += public_field_problems(document)
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "document": document,
        "proposal": proposal,
        "decision": decision,
        "problems": problems,
        "is_published": document.status == Status.PUBLISHED,
        "is_public": Document.objects.public().filter(pk=document.pk).exists(),
        "under_secrecy": under_secrecy,
        "form": DecisionForm(
            initial={"outcome": decision.outcome if decision else proposal.outcome}
        ),
        "withdraw_form": WithdrawForm(),
        "needs_file": NEEDS_FILE,
    }

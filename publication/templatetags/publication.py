from typing import Any

from django import forms, template
from django.template import Context

from documents.anonymisation.public_fields import describe
from documents.models import Document, Status
from documents.public_text import proposed_subject, public_field_findings
from griffie.forms import typed_field
from publication.forms import DecisionForm, WithdrawForm
from publication.models import PublicationDecision
from publication.rules import NEEDS_FILE, Outcome
from publication.service import proposal_for, publishable_outcomes, refusal_reason

register = template.Library()


def public_field_problems(document: Document) -> list[str]:
    """Why publication will ask for a reason: personal items in the public fields."""

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
def decision_panel(context: Context, document: Document) -> dict[str, Any]:
    """The griffie's publication panel on the document detail page."""
    proposal = proposal_for(document)
    decision = PublicationDecision.objects.filter(document=document).first()
    is_published = document.status == Status.PUBLISHED
    possible = [] if is_published else publishable_outcomes(document)
    problems = []
    if not is_published and not possible:
        problems.append(refusal_reason(document, proposal.outcome))
    # The panel asks the same rules as the public site: published is not the same as public.
    under_secrecy = Document.objects.under_secrecy().filter(pk=document.pk).exists()
    if not is_published:
        problems += public_field_problems(document)
    form = DecisionForm(
        initial={"outcome": decision.outcome if decision and decision.outcome in possible else None}
    )
    typed_field(form, "outcome", forms.ChoiceField).choices = [
        (o, Outcome(o).label) for o in possible
    ]
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "document": document,
        "proposal": proposal,
        "decision": decision,
        "problems": problems,
        "is_published": is_published,
        "is_public": Document.objects.public().filter(pk=document.pk).exists(),
        "under_secrecy": under_secrecy,
        "can_publish": bool(possible),
        "proposal_possible": proposal.outcome in possible,
        "form": form,
        "withdraw_form": WithdrawForm(),
        "needs_file": NEEDS_FILE,
    }

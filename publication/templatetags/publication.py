from django import template

from documents.models import Status
from publication.forms import DecisionForm, WithdrawForm
from publication.models import PublicationDecision
from publication.rules import NEEDS_FILE, Outcome
from publication.service import proposal_for, publishable_outcomes, refusal_reason

register = template.Library()


@register.inclusion_tag("publication/_decision_panel_body.html", takes_context=True)
def decision_panel(context, document):
    """The griffie's publication panel on the document detail page."""
    proposal = proposal_for(document)
    decision = PublicationDecision.objects.filter(document=document).first()
    is_published = document.status == Status.PUBLISHED
    possible = [] if is_published else publishable_outcomes(document)
    problems = []
    if not is_published and not possible:
        problems.append(refusal_reason(document, proposal.outcome))
    form = DecisionForm(
        initial={"outcome": decision.outcome if decision and decision.outcome in possible else None}
    )
    form.fields["outcome"].choices = [(o, Outcome(o).label) for o in possible]
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "document": document,
        "proposal": proposal,
        "decision": decision,
        "problems": problems,
        "is_published": is_published,
        "can_publish": bool(possible),
        "proposal_possible": proposal.outcome in possible,
        "form": form,
        "withdraw_form": WithdrawForm(),
        "needs_file": NEEDS_FILE,
    }

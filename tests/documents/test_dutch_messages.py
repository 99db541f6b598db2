"""Issue 17: Dutch errors on screen. "1 bestand(en)" and "1 plaats(en)" use plural forms;
the notice of a secret by law no longer reads "op grond van van rechtswege geheim"."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse

from confidentiality.models import Authority, LegalBasis, SecrecyDecision, WooGround
from documents import workflow
from documents.intake import receive_file
from tests.factories import make_pdf

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "1 bestand ontvangen"), (2, "2 bestanden ontvangen")]
)
def test_received_files_are_counted_in_singular_or_plural(griffie_client, n, expected):
    files = [SimpleUploadedFile(f"brief{i}.pdf", make_pdf(f"Brief {i}")) for i in range(n)]
    response = griffie_client.post(reverse("documents:upload"), {"files": files})
    shown = " ".join(_messages(response))
    assert expected in shown
    assert "(en)" not in shown


def test_one_redacted_suspect_is_one_plaats_in_the_history(griffie_user):
    document = receive_file(make_pdf("Brief van Jansen"), "brief.pdf").document
    workflow.redact_suspect(document, griffie_user, "Jansen", [(0, [10, 10, 50, 20])])
    detail = document.events.latest("created_at").detail
    assert detail == "“Jansen” weggelakt op 1 plaats"


def _notice(**fields) -> str:
    return " ".join(
        render_to_string(
            "confidentiality/_secrecy_notice.html", {"decision": SecrecyDecision(**fields)}
        ).split()
    )


def test_the_notice_of_secrecy_by_law_has_no_doubled_van():
    text = _notice(
        legal_basis=LegalBasis.CLOSED_MEETING,
        imposed_by=Authority.RAAD,
        lifting_authority=Authority.RAAD,
    )
    assert "van van" not in text
    assert "van rechtswege geheimhouding" in text
    assert "besloten vergadering" in text


def test_the_notice_of_a_decision_names_its_woo_ground():
    text = _notice(
        legal_basis=LegalBasis.DECISION,
        imposed_by=Authority.COLLEGE,
        lifting_authority=Authority.COLLEGE,
        ground=WooGround.L2B,
    )
    assert "opgelegd door het college van B&amp;W op grond van Woo art. 5.1 lid 2 b" in text

"""Issue 17: the registration form filled the sender from the letterhead but not the subject
from the "Betreft:" line. The subject is suggested as well, and still goes through the
public-fields check like a typed one."""

import pytest
from django.urls import reverse

from documents.intake import receive_file
from documents.letterhead import subject_line
from tests.factories import make_pdf

pytestmark = pytest.mark.django_db

LETTER = (
    "Stichting Dorpsbelang Noord\nKerkweg 4\n4481 AB Kloetinge\n\n"
    "Aan de gemeenteraad\nPostbus 3\n4490 AA Wissenkerke\n\n"
    "Kloetinge, 3 november 2026\n"
    "Betreft: onderhoud van de speeltuin aan de Kerkweg\n\n"
    "Geachte raad,\n\nWij vragen aandacht voor de speeltuin.\n"
)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        (LETTER, "onderhoud van de speeltuin aan de Kerkweg"),
        (
            "Datum: 2 mei\nBETREFT   zienswijze ontwerpbegroting.\n\nGeachte",
            "zienswijze ontwerpbegroting",
        ),
        ("Onderwerp: verkeersveiligheid Dorpsstraat\n", "verkeersveiligheid Dorpsstraat"),
        (
            "Betreft:\n  verzoek om een bankje bij de haven\nGeachte raad",
            "verzoek om een bankje bij de haven",
        ),
        ("Geachte raad,\nDit betreft de speeltuin.\n", ""),
        ("", ""),
    ],
)
def test_the_subject_line_is_read(text, subject):
    assert subject_line(text) == subject


def test_a_very_long_subject_is_cut_at_a_word_within_the_field():
    subject = subject_line("Betreft: " + "zeer lange onderwerpregel " * 20)
    assert len(subject) <= 200 and subject.endswith(("zeer", "lange", "onderwerpregel"))


def test_the_registration_form_suggests_the_subject(griffie_client, griffie_user):
    document = receive_file(make_pdf(LETTER), "brief.pdf", user=griffie_user).document
    response = griffie_client.get(reverse("documents:register", args=[document.pk]))
    assert (
        response.context["form"].initial["subject"] == "onderhoud van de speeltuin aan de Kerkweg"
    )
    assert response.context["form"].initial["sender_name"] == "Stichting Dorpsbelang Noord"
    assert "uit de regel ‘Betreft’ van de brief" in response.content.decode()


def test_a_subject_already_registered_is_not_overwritten(griffie_client, griffie_user):
    document = receive_file(make_pdf(LETTER), "brief.pdf", user=griffie_user).document
    document.subject = "Speeltuin Kloetinge"
    document.save()
    response = griffie_client.get(reverse("documents:register", args=[document.pk]))
    assert response.context["form"].initial["subject"] == "Speeltuin Kloetinge"

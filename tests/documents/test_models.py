"""Model rules: status transitions, registration numbers, the neutral sender term."""

import pytest
from django.core.exceptions import ValidationError

from documents.models import Category, InvalidTransition, SenderType, Status
from documents.sender_terms import default_public_sender_term
from tests.factories import DocumentFactory, UserFactory

pytestmark = pytest.mark.django_db


class TestTransitions:
    def test_the_happy_path_records_every_step(self):
        document = DocumentFactory()
        actor = UserFactory(griffie=True)
        document.start_anonymising(actor)
        document.finish_anonymising()
        document.approve(actor)
        document.publish(actor)
        document.withdraw(actor, "verzoek art. 2")
        assert document.status == Status.WITHDRAWN
        assert list(document.events.values_list("action", flat=True)) == [
            "anonymisation_started",
            "anonymisation_finished",
            "approved",
            "published",
            "withdrawn",
        ]

    @pytest.mark.parametrize("status", [Status.RECEIVED, Status.ANONYMISING, Status.FAILED])
    def test_only_an_approved_document_can_be_published_with_a_file(self, status):
        document = DocumentFactory(status=status)
        with pytest.raises(InvalidTransition):
            document.publish(None)

    def test_a_listing_can_be_published_without_a_file(self):
        document = DocumentFactory(status=Status.RECEIVED)
        document.publish(None, listing_only=True)
        assert document.status == Status.PUBLISHED
        assert document.published_at is not None

    def test_approval_needs_a_review_first(self):
        with pytest.raises(InvalidTransition):
            DocumentFactory(status=Status.RECEIVED).approve(None)

    def test_withdrawal_needs_a_reason(self):
        document = DocumentFactory(status=Status.PUBLISHED)
        with pytest.raises(ValidationError):
            document.withdraw(None, "")
        assert document.status == Status.PUBLISHED

    def test_a_published_document_cannot_fail(self):
        with pytest.raises(InvalidTransition):
            DocumentFactory(status=Status.PUBLISHED).fail("oops")


def test_registration_number_is_year_and_sequence():
    assert DocumentFactory(registration_year=2026, registration_sequence=7).registration_number == (
        "2026-0007"
    )


def test_registration_numbers_are_unique():
    DocumentFactory(registration_year=2026, registration_sequence=1)
    with pytest.raises(Exception):  # noqa: B017 - the database's unique constraint decides
        DocumentFactory(registration_year=2026, registration_sequence=1)


@pytest.mark.parametrize(
    ("category", "sender_type", "name", "expected"),
    [
        (Category.LETTER, SenderType.CITIZEN, "Piet Jansen", "inwoner"),
        (Category.OBJECTION, SenderType.CITIZEN, "Piet Jansen", "bezwaarmaker"),
        (Category.COLLEGE_ANSWER, SenderType.CITIZEN, "Piet Jansen", "aanvrager"),
        (Category.LETTER, SenderType.ORGANISATION, "Dorpsraad Kats", "Dorpsraad Kats"),
        (Category.LETTER, SenderType.GOVERNMENT, "", "overheidsorgaan"),
        (Category.ACTIVITY, SenderType.COLLEGE, "", "college van B&W"),
    ],
)
def test_default_public_sender_term_never_names_a_citizen(category, sender_type, name, expected):
    assert default_public_sender_term(category, sender_type, name) == expected

"""The griffie's inbox, registration form and detail page."""

import datetime

import pytest
from django.urls import reverse

from documents.intake import receive_file
from documents.models import Category, Document, FileKind, SenderType, Status
from tests.factories import AgendaItemFactory, DocumentFactory, MeetingFactory, make_pdf

pytestmark = pytest.mark.django_db


class TestInbox:
    def test_counts_per_status(self, griffie_client):
        DocumentFactory.create_batch(3, status=Status.RECEIVED)
        DocumentFactory(status=Status.FAILED)
        html = griffie_client.get(reverse("documents:inbox")).content.decode()
        assert '<strong data-status="received">3</strong>' in html
        assert '<strong data-status="failed">1</strong>' in html

    def test_filters_by_status_category_sender_and_period(self, griffie_client):
        wanted = DocumentFactory(
            status=Status.RECEIVED,
            category=Category.PETITION,
            sender_type=SenderType.ORGANISATION,
            received_on=datetime.date(2026, 10, 5),
            subject="Petitie zwembad",
        )
        DocumentFactory(status=Status.RECEIVED, category=Category.LETTER, subject="Brief")
        DocumentFactory(status=Status.FAILED, category=Category.PETITION, subject="Mislukt")
        DocumentFactory(
            category=Category.PETITION,
            sender_type=SenderType.ORGANISATION,
            received_on=datetime.date(2026, 1, 1),
            subject="Oude petitie",
        )
        response = griffie_client.get(
            reverse("documents:inbox"),
            {
                "status": "received",
                "category": "petition",
                "sender_type": "organisation",
                "received_from": "2026-10-01",
                "received_until": "2026-10-31",
            },
        )
        assert list(response.context["page_obj"]) == [wanted]

    def test_sorting_and_paging(self, griffie_client):
        for day in range(1, 31):
            DocumentFactory(received_on=datetime.date(2026, 11, day), subject=f"stuk {day}")
        first = griffie_client.get(reverse("documents:inbox"), {"sort": "received"})
        assert first.context["page_obj"][0].subject == "stuk 1"
        assert first.context["page_obj"].paginator.num_pages == 2
        second = griffie_client.get(reverse("documents:inbox"), {"sort": "received", "page": 2})
        assert [d.subject for d in second.context["page_obj"]] == [
            f"stuk {d}" for d in range(26, 31)
        ]


class TestRegistration:
    def form_data(self, **overrides):
        data = {
            "received_on": "2026-11-02",
            "subject": "Verkeersdrempels",
            "category": "letter",
            "sender_type": "citizen",
            "sender_name": "Piet Jansen",
            "public_sender_term": "",
        }
        data.update(overrides)
        return data

    def test_registration_fills_in_the_neutral_term(self, griffie_client):
        document = DocumentFactory(public_sender_term="", subject="")
        response = griffie_client.post(
            reverse("documents:register", args=[document.pk]), self.form_data()
        )
        assert response.status_code == 302
        document.refresh_from_db()
        assert document.public_sender_term == "inwoner"
        assert document.registered_at is not None
        assert document.events.filter(action="registered").exists()

    def test_a_citizens_name_is_refused_as_public_term(self, griffie_client):
        document = DocumentFactory()
        response = griffie_client.post(
            reverse("documents:register", args=[document.pk]),
            self.form_data(public_sender_term="Jansen"),
        )
        assert response.status_code == 200
        assert "neutrale term" in response.content.decode()

    def test_subject_is_required(self, griffie_client):
        document = DocumentFactory()
        response = griffie_client.post(
            reverse("documents:register", args=[document.pk]), self.form_data(subject="")
        )
        assert response.status_code == 200
        assert response.context["form"].errors["subject"]

    def test_office_holder_consent_only_for_office_holders(self, griffie_client):
        document = DocumentFactory()
        response = griffie_client.post(
            reverse("documents:register", args=[document.pk]),
            self.form_data(consent_office_holder_contact="on"),
        )
        assert "consent_office_holder_contact" in response.context["form"].errors

    def test_agenda_item_of_another_meeting_is_refused(self, griffie_client):
        document = DocumentFactory()
        item = AgendaItemFactory()
        other = MeetingFactory(body=item.meeting.body)
        response = griffie_client.post(
            reverse("documents:register", args=[document.pk]),
            self.form_data(meeting=other.pk, agenda_item=item.pk),
        )
        assert "agenda_item" in response.context["form"].errors

    def test_the_status_cannot_be_changed_through_the_form(self, griffie_client):
        document = DocumentFactory(status=Status.RECEIVED)
        griffie_client.post(
            reverse("documents:register", args=[document.pk]), self.form_data(status="published")
        )
        document.refresh_from_db()
        assert document.status == Status.RECEIVED


class TestRegistrationPublicFields:
    """Issue 8 item 7 at registration: warn and propose a neutral subject."""

    data = TestRegistration.form_data

    def test_a_name_and_address_in_the_subject_warn_and_propose_a_neutral_subject(
        self, griffie_client
    ):
        document = DocumentFactory(subject="")
        response = griffie_client.post(
            reverse("documents:register", args=[document.pk]),
            self.data(subject="Bezwaar van J. de Vries, Kerkstraat 12 tegen kapvergunning"),
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Mogelijk persoonsgegevens in een openbaar veld" in html
        assert 'naam "J. de Vries"' in html.replace("&quot;", '"')
        assert response.context["form"].proposed_subject == "Bezwaar tegen kapvergunning"
        document.refresh_from_db()
        assert document.subject == ""

    def test_accepting_the_proposal_saves_the_neutral_subject(self, griffie_client):
        document = DocumentFactory(subject="")
        response = griffie_client.post(
            reverse("documents:register", args=[document.pk]),
            self.data(
                subject="Bezwaar van J. de Vries, Kerkstraat 12 tegen kapvergunning",
                use_proposed_subject="Bezwaar tegen kapvergunning",
            ),
        )
        assert response.status_code == 302
        document.refresh_from_db()
        assert document.subject == "Bezwaar tegen kapvergunning"

    def test_the_clerk_can_confirm_after_reading_the_warning(self, griffie_client):
        document = DocumentFactory(subject="")
        response = griffie_client.post(
            reverse("documents:register", args=[document.pk]),
            self.data(subject="Verkeer Kerkstraat 12", public_fields_confirmed="on"),
        )
        assert response.status_code == 302
        document.refresh_from_db()
        assert document.subject == "Verkeer Kerkstraat 12"

    def test_the_senders_own_name_in_the_description_warns(self, griffie_client):
        document = DocumentFactory(subject="")
        response = griffie_client.post(
            reverse("documents:register", args=[document.pk]),
            self.data(description="Telefoon van Piet Jansen ontvangen"),
        )
        assert response.status_code == 200
        assert "omschrijving" in response.content.decode()


class TestRegistrationScreen:
    LETTERHEAD = (
        "Stichting Dorpsbelang Noord\nKerkweg 4\n4481 AB Kloetinge\ninfo@dorpsbelang.nl\n\n"
        "Geachte raad,\n\nWij vragen aandacht voor de speeltuin.\n"
    )

    def test_the_document_is_shown_beside_the_form(self, griffie_client, griffie_user):
        document = receive_file(make_pdf(self.LETTERHEAD), "brief.pdf", user=griffie_user).document
        html = griffie_client.get(
            reverse("documents:register", args=[document.pk])
        ).content.decode()
        image = document.files.get(kind=FileKind.PAGE_IMAGE, page_number=0)
        assert 'class="register-document"' in html
        assert reverse("documents:file", args=[document.pk, image.pk]) in html

    def test_sender_details_from_the_letterhead_are_prefilled(self, griffie_client, griffie_user):
        document = receive_file(make_pdf(self.LETTERHEAD), "brief.pdf", user=griffie_user).document
        form = griffie_client.get(reverse("documents:register", args=[document.pk])).context["form"]
        assert form.initial["sender_name"] == "Stichting Dorpsbelang Noord"
        assert form.initial["sender_type"] == SenderType.ORGANISATION
        assert form.initial["sender_address"] == "Kerkweg 4, 4481 AB Kloetinge"
        assert form.initial["sender_email"] == "info@dorpsbelang.nl"
        assert form.initial["public_sender_term"] == "Stichting Dorpsbelang Noord"

    def test_details_already_registered_are_not_overwritten(self, griffie_client, griffie_user):
        document = receive_file(make_pdf(self.LETTERHEAD), "brief.pdf", user=griffie_user).document
        Document.objects.filter(pk=document.pk).update(sender_name="Dorpsraad")
        form = griffie_client.get(reverse("documents:register", args=[document.pk])).context["form"]
        assert form.initial["sender_name"] == "Dorpsraad"

    def test_only_the_chosen_meetings_agenda_items_with_titles(self, griffie_client):
        item = AgendaItemFactory(title="Speeltuinen in Noord")
        other = AgendaItemFactory(title="Begroting")
        document = DocumentFactory(meeting=item.meeting)
        form = griffie_client.get(reverse("documents:register", args=[document.pk])).context["form"]
        choices = [label for _, label in form.fields["agenda_item"].choices]
        assert str(item) in choices and "Speeltuinen in Noord" in str(item)
        assert str(other) not in choices

    def test_without_javascript_the_meeting_can_be_chosen_first(self, griffie_client):
        item = AgendaItemFactory(title="Speeltuinen in Noord")
        other = AgendaItemFactory(title="Begroting")
        document = DocumentFactory(subject="")
        response = griffie_client.post(
            reverse("documents:register", args=[document.pk]),
            TestRegistration.form_data(None, meeting=other.meeting.pk, refresh_items="1"),
        )
        assert response.status_code == 200
        choices = [label for _, label in response.context["form"].fields["agenda_item"].choices]
        assert str(other) in choices and str(item) not in choices
        document.refresh_from_db()
        assert document.registered_at is None


def test_detail_page_shows_history_and_failure_reason(griffie_client):
    document = DocumentFactory()
    document.fail("Het PDF-bestand is versleuteld.")
    html = griffie_client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "Het PDF-bestand is versleuteld." in html
    assert "failed" in html

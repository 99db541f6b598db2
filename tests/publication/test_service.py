"""Publishing and withdrawing through the service and the griffie's panel; fail closed."""

import pytest
from django.urls import reverse

from documents.files import store_file
from documents.models import Category, FileKind, SenderType, Status
from publication.models import PublicationDecision
from publication.rules import Outcome
from publication.service import PublicationRefused, publish_document, withdraw_document
from tests.confidentiality.helpers import verify
from tests.factories import UserFactory, make_pdf
from tests.publication.factories import (
    CITIZEN,
    approve_with_anonymised_file,
    published_document,
    received_document,
)

pytestmark = pytest.mark.django_db


def test_a_citizen_letter_is_listed_only_without_a_file(griffie_user):
    document = received_document(user=griffie_user)
    decision = publish_document(document, griffie_user)
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    assert decision.outcome == Outcome.LISTED_ONLY
    assert decision.proposed_article == "3c"
    assert decision.published_file is None
    assert decision.public_text == ""
    assert document.events.filter(action="publication_decision").exists()


def test_anonymised_publication_of_a_citizen_letter_needs_a_reason(griffie_user):
    document = approve_with_anonymised_file(received_document(user=griffie_user))
    with pytest.raises(PublicationRefused, match="reden"):
        publish_document(document, griffie_user, outcome=Outcome.LISTED_ANONYMISED)
    decision = publish_document(
        document,
        griffie_user,
        outcome=Outcome.LISTED_ANONYMISED,
        reason="Geanonimiseerde publicatie nodig voor transparantie (3c).",
    )
    assert decision.is_override
    assert decision.published_file.kind == FileKind.ANONYMISED
    assert "transparantie" in decision.override_reason


def test_public_text_comes_from_the_published_file_never_the_original(griffie_user):
    document = approve_with_anonymised_file(received_document(user=griffie_user))
    assert CITIZEN["name"] in document.text
    decision = publish_document(
        document, griffie_user, outcome=Outcome.LISTED_ANONYMISED, reason="transparantie"
    )
    assert "Betreft" in decision.public_text
    for value in CITIZEN.values():
        assert value not in decision.public_text


def test_publishing_a_file_without_an_approved_anonymised_version_is_refused(griffie_user):
    document = received_document(
        user=griffie_user, sender_type=SenderType.ORGANISATION, public_sender_term="Dorpsraad"
    )
    with pytest.raises(PublicationRefused, match="goedkeuring"):
        publish_document(document, griffie_user)
    document.start_anonymising(griffie_user)
    document.finish_anonymising()
    document.approve(griffie_user)  # approved, but no anonymised file
    with pytest.raises(PublicationRefused, match="geanonimiseerde PDF"):
        publish_document(document, griffie_user)
    document.refresh_from_db()
    assert document.status == Status.APPROVED
    assert not PublicationDecision.objects.filter(document=document).exists()


def test_a_tampered_anonymised_file_is_refused(griffie_user):
    document = approve_with_anonymised_file(
        received_document(user=griffie_user, sender_type=SenderType.ORGANISATION)
    )
    record = document.files.get(kind=FileKind.ANONYMISED)
    record.sha256 = "0" * 64
    record.save()
    with pytest.raises(PublicationRefused, match="controlesom"):
        publish_document(document, griffie_user)


def test_publication_in_full_requires_the_explicit_consent(griffie_user):
    document = approve_with_anonymised_file(received_document(user=griffie_user))
    with pytest.raises(PublicationRefused, match="toestemming"):
        publish_document(
            document, griffie_user, outcome=Outcome.PUBLISHED_IN_FULL, reason="wil de griffie graag"
        )
    consenting = approve_with_anonymised_file(
        received_document(user=griffie_user, consent_publish_personal_data=True)
    )
    decision = publish_document(consenting, griffie_user)
    assert decision.outcome == Outcome.PUBLISHED_IN_FULL
    assert decision.published_file.kind == FileKind.ORIGINAL


def test_withdraw_keeps_the_decision_and_takes_it_off_the_site(griffie_user, client):
    document = published_document(
        griffie_user, outcome=Outcome.LISTED_ANONYMISED, reason="transparantie"
    )
    url = reverse("publication:document-file", kwargs={"uuid": document.uuid})
    assert client.get(url).status_code == 200
    with pytest.raises(PublicationRefused):
        withdraw_document(document, griffie_user, "")
    withdraw_document(document, griffie_user, "Verkeerde versie")
    document.refresh_from_db()
    assert document.status == Status.WITHDRAWN
    assert document.publication.withdrawn_at is not None
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("publication:document", kwargs={"uuid": document.uuid})).status_code
        == 404
    )


def test_the_panel_shows_the_proposal_and_publishes(griffie_client, griffie_user):
    document = received_document(user=griffie_user)
    page = griffie_client.get(reverse("documents:detail", kwargs={"pk": document.pk}))
    html = page.content.decode()
    assert "Publicatie (gedragscode)" in html
    assert "art. 3c" in html
    response = griffie_client.post(
        reverse("publication:publish", kwargs={"pk": document.pk}),
        {"outcome": Outcome.LISTED_ONLY, "reason": ""},
        follow=True,
    )
    assert "is gepubliceerd" in response.content.decode()
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED


def test_the_panel_refuses_with_a_clear_message(griffie_client, griffie_user):
    document = received_document(user=griffie_user, category=Category.PETITION)
    response = griffie_client.post(
        reverse("publication:publish", kwargs={"pk": document.pk}),
        {"outcome": Outcome.PETITION_TEXT_ONLY},
        follow=True,
    )
    assert "Niet gepubliceerd" in response.content.decode()
    document.refresh_from_db()
    assert document.status == Status.RECEIVED


def test_the_panel_withdraws(griffie_client, griffie_user):
    document = published_document(griffie_user)
    griffie_client.post(
        reverse("publication:withdraw", kwargs={"pk": document.pk}), {"reason": "Op verzoek"}
    )
    document.refresh_from_db()
    assert document.status == Status.WITHDRAWN


@pytest.mark.parametrize("name", ["publish", "withdraw", "removal-queue", "inspections"])
def test_griffie_screens_are_closed_to_others(client, name):
    document = received_document()
    kwargs = {"pk": document.pk} if name in ("publish", "withdraw") else {}
    url = reverse(f"publication:{name}", kwargs=kwargs)
    anonymous = client.post(url) if kwargs else client.get(url)
    assert anonymous.status_code == 302 and "inloggen" in anonymous["Location"]
    verify(client, UserFactory(raadslid=True))  # a councillor, even with the second factor
    other = client.post(url) if kwargs else client.get(url)
    assert other.status_code == 403
    document.refresh_from_db()
    assert document.status == Status.RECEIVED


def test_a_second_anonymised_version_is_the_one_published(griffie_user):
    document = approve_with_anonymised_file(
        received_document(user=griffie_user, sender_type=SenderType.ORGANISATION)
    )
    newer = store_file(
        document,
        FileKind.ANONYMISED,
        make_pdf("Tweede versie"),
        "v2.pdf",
        "application/pdf",
        version=2,
    )
    decision = publish_document(document, griffie_user)
    assert decision.published_file == newer
    assert "Tweede versie" in decision.public_text


# --- issue 8 item 7: the public fields go through the detector before publication --------
NAMED_SUBJECT = "Bezwaar van J. de Vries, Kerkstraat 12"


def test_a_subject_with_a_name_and_address_is_refused_with_a_neutral_proposal(griffie_user):
    document = received_document(user=griffie_user, subject=NAMED_SUBJECT)
    with pytest.raises(PublicationRefused) as refused:
        publish_document(document, griffie_user)
    assert "J. de Vries" in refused.value.reason
    assert "Kerkstraat 12" in refused.value.reason
    assert 'Voorstel voor het onderwerp: "Bezwaar"' in refused.value.reason
    document.refresh_from_db()
    assert document.status == Status.RECEIVED
    assert not PublicationDecision.objects.filter(document=document).exists()


def test_a_personal_item_in_the_description_or_sender_term_is_refused_too(griffie_user):
    document = received_document(
        user=griffie_user, description="Telefonisch nagevraagd bij 06-12345678."
    )
    with pytest.raises(PublicationRefused, match="omschrijving"):
        publish_document(document, griffie_user)
    document.description = ""
    document.public_sender_term = CITIZEN["name"]
    document.save()
    with pytest.raises(PublicationRefused, match="aanduiding afzender"):
        publish_document(document, griffie_user)


def test_overriding_a_public_field_finding_needs_a_reason(griffie_user):
    document = received_document(user=griffie_user, subject=NAMED_SUBJECT)
    with pytest.raises(PublicationRefused, match="reden"):
        publish_document(document, griffie_user, public_fields_reason="   ")
    assert not document.events.filter(action="public_fields_override").exists()


def test_an_override_with_a_reason_publishes_and_is_recorded(griffie_user):
    document = received_document(user=griffie_user, subject=NAMED_SUBJECT)
    publish_document(
        document, griffie_user, public_fields_reason="Straatnaam is de naam van het plein."
    )
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    event = document.events.get(action="public_fields_override")
    assert event.actor == griffie_user
    assert "Straatnaam is de naam van het plein." in event.detail


def test_a_neutral_subject_publishes_without_an_override(griffie_user):
    document = received_document(user=griffie_user, subject="Bezwaar tegen kapvergunning")
    publish_document(document, griffie_user)
    assert not document.events.filter(action="public_fields_override").exists()


def test_the_published_file_name_is_checked(griffie_user):
    document = approve_with_anonymised_file(
        received_document(user=griffie_user, sender_type=SenderType.ORGANISATION)
    )
    record = document.files.get(kind=FileKind.ANONYMISED)
    record.original_name = "bezwaar_Kerkstraat_12_06-12345678.pdf"
    record.save()
    with pytest.raises(PublicationRefused, match="bestandsnaam"):
        publish_document(document, griffie_user)


def test_publication_fails_closed_when_the_detector_fails(griffie_user, monkeypatch):
    import documents.public_text

    def broken(*args, **kwargs):
        raise RuntimeError("analyzer not loaded")

    monkeypatch.setattr(documents.public_text, "check_public_fields", broken)
    document = received_document(user=griffie_user)
    with pytest.raises(PublicationRefused, match="mislukte"):
        publish_document(document, griffie_user)
    document.refresh_from_db()
    assert document.status == Status.RECEIVED


def test_the_panel_shows_why_and_the_view_passes_the_override_reason(client, griffie_user):
    document = received_document(user=griffie_user, subject=NAMED_SUBJECT)
    verify(client, griffie_user)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Mogelijk persoonsgegevens in de openbare velden" in page
    url = reverse("publication:publish", args=[document.pk])
    response = client.post(url, {"outcome": Outcome.LISTED_ONLY}, follow=True)
    assert "Niet gepubliceerd" in response.content.decode()
    document.refresh_from_db()
    assert document.status == Status.RECEIVED
    client.post(url, {"outcome": Outcome.LISTED_ONLY, "public_fields_reason": "Openbaar plein."})
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED

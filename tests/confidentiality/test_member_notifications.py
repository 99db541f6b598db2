"""E-mail to members when a new document reaches their body or meeting (issue 17): the
meeting, the agenda item and the public subject with a link; never the content of a
vertrouwelijk or geheim document; immediately, daily or not at all."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from confidentiality import notifications, service
from confidentiality.models import (
    Authority,
    MemberNotification,
    NotificationPreference,
    NotifyFrequency,
    ReadingTarget,
    WooGround,
)
from confidentiality.tasks import send_member_digests
from tests.confidentiality.helpers import stored_document, verify
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailboxes(world):
    for role, user in world.users.items():
        user.email = f"{role}@example.org"
        user.save()
    return world


def _prefer(user, frequency):
    NotificationPreference.objects.update_or_create(user=user, defaults={"frequency": frequency})


def _register_on_meeting(world, subject="Zienswijze windpark"):
    meeting = MeetingFactory(body=world.raad, title="Raadsvergadering januari")
    item = AgendaItemFactory(meeting=meeting, number="6", title="Windpark Oosterschelde")
    document = stored_document(subject, meeting=meeting, agenda_item=item, sender_name="Jan Smit")
    service.record_if_closed_meeting(document)  # what every registration path calls
    return meeting, item, document


def test_an_immediate_mail_names_meeting_item_and_public_subject_never_the_content(
    mailboxes, django_capture_on_commit_callbacks
):
    world = mailboxes
    _prefer(world.users["raadslid"], NotifyFrequency.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        meeting, item, document = _register_on_meeting(world)
    to_raadslid = [m for m in mail.outbox if m.to == ["raadslid@example.org"]]
    assert len(to_raadslid) == 1
    message = to_raadslid[0]
    assert "Raadsvergadering januari" in message.subject
    assert "Zienswijze windpark" in message.body
    assert "6. Windpark Oosterschelde" in message.body
    assert reverse("confidentiality:meeting", args=[meeting.pk]) in message.body
    assert "Inhoud van" not in message.body  # the document's text
    assert "Jan Smit" not in message.body  # the sender
    # The daily members (the default) get nothing yet; nobody outside the raad gets anything.
    assert {tuple(m.to) for m in mail.outbox} == {("raadslid@example.org",)}


def test_the_task_is_queued_on_commit(mailboxes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _register_on_meeting(mailboxes)
    assert callbacks  # nothing ran before the commit
    assert not MemberNotification.objects.exists()


def test_the_daily_digest_sends_one_mail_once(mailboxes, django_capture_on_commit_callbacks):
    world = mailboxes
    with django_capture_on_commit_callbacks(execute=True):
        _register_on_meeting(world, "Zienswijze windpark")
        _register_on_meeting(world, "Brief over het zwembad")
    assert mail.outbox == []
    assert send_member_digests() >= 1
    digest = [m for m in mail.outbox if m.to == ["raadslid@example.org"]]
    assert len(digest) == 1
    assert "2 nieuwe stukken" in digest[0].subject
    assert "Zienswijze windpark" in digest[0].body and "Brief over het zwembad" in digest[0].body
    mail.outbox.clear()
    assert send_member_digests() == 0  # safe to run twice
    assert mail.outbox == []


def test_no_mail_for_a_member_who_chose_none(mailboxes, django_capture_on_commit_callbacks):
    world = mailboxes
    for user in world.users.values():
        _prefer(user, NotifyFrequency.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        _register_on_meeting(world)
    send_member_digests()
    assert mail.outbox == []
    assert not MemberNotification.objects.exists()


def test_a_member_who_may_not_read_it_is_not_told(mailboxes, django_capture_on_commit_callbacks):
    world = mailboxes
    meeting = MeetingFactory(body=world.commissie_b, title="Commissie Ruimte")
    for user in world.users.values():
        _prefer(user, NotifyFrequency.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        document = stored_document("Brief over de haven", meeting=meeting)
        service.record_if_closed_meeting(document)
    # The burgerlid sits in that commissie but is no raadslid: vertrouwelijk is not for them.
    assert mail.outbox == []


def test_geheim_information_is_announced_by_its_register_title_and_not_to_the_excluded(
    mailboxes, django_capture_on_commit_callbacks
):
    world = mailboxes
    for user in world.users.values():
        _prefer(user, NotifyFrequency.IMMEDIATE)
    secret = stored_document("Koopsom perceel Veerweg")
    with django_capture_on_commit_callbacks(execute=True):
        service.impose_secrecy(
            title="Grondtransactie (geheim)",
            imposed_by=Authority.COLLEGE,
            ground=WooGround.L2B,
            provided_to=[world.raad],
            documents=[secret],
        )
    recipients = {m.to[0] for m in mail.outbox}
    assert "raadslid@example.org" in recipients
    assert "excluded@example.org" not in recipients  # excluded by the raad
    assert "other_commissie@example.org" not in recipients
    for message in mail.outbox:
        assert "Grondtransactie (geheim)" in message.body
        assert "Koopsom perceel Veerweg" not in message.body + message.subject
        assert "Inhoud van" not in message.body


def test_a_published_meeting_document_is_announced_to_the_meetings_body(
    mailboxes, django_capture_on_commit_callbacks
):
    from tests.confidentiality.members_helpers import council_meeting

    world = mailboxes
    _prefer(world.users["other_commissie"], NotifyFrequency.IMMEDIATE)
    _prefer(world.users["raadslid"], NotifyFrequency.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        council_meeting(world)
    bodies = [m.body for m in mail.outbox if m.to == ["raadslid@example.org"]]
    assert any("Raadsvoorstel herinrichting Dorpsstraat" in body for body in bodies)
    assert not [m for m in mail.outbox if m.to == ["other_commissie@example.org"]]  # not in raad


def test_a_document_put_under_secrecy_before_the_digest_is_not_mentioned(
    mailboxes, django_capture_on_commit_callbacks
):
    world = mailboxes
    with django_capture_on_commit_callbacks(execute=True):
        _meeting, _item, document = _register_on_meeting(world, "Brief over de veerdienst")
    assert MemberNotification.objects.filter(target_uuid=document.uuid).exists()
    service.impose_secrecy(
        title="Veerdienst (geheim)",
        imposed_by=Authority.COLLEGE,
        ground=WooGround.L2B,
        provided_to=[world.college],
        documents=[document],
    )
    send_member_digests()
    assert all("Brief over de veerdienst" not in m.body for m in mail.outbox)
    assert not MemberNotification.objects.filter(target_uuid=document.uuid).exists()


def test_the_preference_screen_saves_the_choice(mailboxes):
    world = mailboxes
    client = verify(Client(), world.users["raadslid"])
    url = reverse("confidentiality:preferences")
    page = client.get(url)
    assert page.status_code == 200
    assert "raadslid@example.org" in page.content.decode()
    assert notifications.frequency_of(world.users["raadslid"]) == NotifyFrequency.DAILY
    assert client.post(url, {"frequency": "immediate"}).status_code == 302
    assert notifications.frequency_of(world.users["raadslid"]) == NotifyFrequency.IMMEDIATE
    assert client.post(url, {"frequency": "hourly"}).status_code == 200  # not a choice
    assert notifications.frequency_of(world.users["raadslid"]) == NotifyFrequency.IMMEDIATE


def test_choosing_none_drops_what_was_waiting(mailboxes, django_capture_on_commit_callbacks):
    world = mailboxes
    with django_capture_on_commit_callbacks(execute=True):
        _register_on_meeting(world)
    assert MemberNotification.objects.filter(recipient=world.users["raadslid"]).exists()
    notifications.set_frequency(world.users["raadslid"], NotifyFrequency.NONE)
    assert not MemberNotification.objects.filter(recipient=world.users["raadslid"]).exists()


def test_the_digest_is_scheduled_daily():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert send_member_digests.name in tasks


def test_notifications_refer_to_documents_by_opaque_reference_only(
    mailboxes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _register_on_meeting(mailboxes)
    notification = MemberNotification.objects.first()
    assert notification.target_type == ReadingTarget.DOCUMENT
    assert "Inhoud van" not in str(notification.__dict__)


def test_a_published_ingekomen_stuk_is_announced_once(
    mailboxes, django_capture_on_commit_callbacks
):
    from documents.models import Category
    from tests.publication.factories import published_document

    world = mailboxes
    _prefer(world.users["raadslid"], NotifyFrequency.IMMEDIATE)
    _prefer(world.users["other_commissie"], NotifyFrequency.IMMEDIATE)
    meeting = MeetingFactory(body=world.raad, title="Raadsvergadering februari")
    with django_capture_on_commit_callbacks(execute=True):
        appointment = published_document(
            world.users["griffie"],
            subject="Benoeming lid rekenkamer",
            category=Category.APPOINTMENT,
            meeting=meeting,
        )
    to_raadslid = [m for m in mail.outbox if m.to == ["raadslid@example.org"]]
    assert len(to_raadslid) == 1
    assert "Benoeming lid rekenkamer" in to_raadslid[0].body
    assert not [m for m in mail.outbox if m.to == ["other_commissie@example.org"]]
    assert MemberNotification.objects.get(recipient=world.users["raadslid"]).target_uuid == (
        appointment.uuid
    )


def test_a_letter_announced_as_vertrouwelijk_is_not_announced_again_when_published(
    mailboxes, django_capture_on_commit_callbacks
):
    from documents.models import Category
    from publication.public import public_file
    from publication.service import publish_document
    from tests.publication.factories import approve_with_anonymised_file

    world = mailboxes
    _prefer(world.users["raadslid"], NotifyFrequency.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        _meeting, _item, document = _register_on_meeting(world, "Zienswijze over de kade")
        document.category = Category.VIEW  # published anonymised, with its file (art. 3e)
        document.save()
    assert len([m for m in mail.outbox if m.to == ["raadslid@example.org"]]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        approve_with_anonymised_file(document, world.users["griffie"])
        publish_document(document, world.users["griffie"])
    assert public_file(document.uuid) is not None  # readable as a public document too
    assert len([m for m in mail.outbox if m.to == ["raadslid@example.org"]]) == 1


def test_the_record_of_a_besloten_vergadering_is_announced_without_its_agenda_item(
    mailboxes, django_capture_on_commit_callbacks
):
    world = mailboxes
    _prefer(world.users["raadslid"], NotifyFrequency.IMMEDIATE)
    meeting = MeetingFactory(body=world.raad, title="Besloten raad april", is_closed=True)
    item = AgendaItemFactory(meeting=meeting, number="2", title="Onderhandeling veerhaven")
    with django_capture_on_commit_callbacks(execute=True):
        minutes = stored_document("Verslag besloten raad", meeting=meeting, agenda_item=item)
        service.record_if_closed_meeting(minutes)
    to_raadslid = [m for m in mail.outbox if m.to == ["raadslid@example.org"]]
    assert len(to_raadslid) == 1
    body = to_raadslid[0].body
    assert "Besloten raad april" in body  # the meeting exists publicly
    assert "Onderhandeling veerhaven" not in body  # its agenda does not
    assert "Verslag besloten raad" not in body  # nor the document's subject
    assert not [m for m in mail.outbox if m.to == ["excluded@example.org"]]

"""A member's immediate e-mail travels through Redis to a real worker (issue 17): the task
is queued on commit, records the notification and sends the mail once."""

import pytest
from django.core import mail

from confidentiality import service
from confidentiality.models import MemberNotification, NotificationPreference, NotifyFrequency
from people.models import BodyKind
from people.service import create_body
from tests.confidentiality.helpers import member, stored_document
from tests.factories import AgendaItemFactory, MeetingFactory, UserFactory
from tests.integration.conftest import wait_for

pytestmark = [pytest.mark.integration]


def test_an_immediate_notification_is_sent_by_a_real_worker_after_commit(real_worker):
    raad = create_body("Gemeenteraad", BodyKind.RAAD)
    user = UserFactory(username="raadslid_mail", email="raadslid@example.org", raadslid=True)
    member(user, raad)
    NotificationPreference.objects.create(user=user, frequency=NotifyFrequency.IMMEDIATE)
    meeting = MeetingFactory(body=raad, title="Raadsvergadering maart")
    item = AgendaItemFactory(meeting=meeting, number="3", title="Zwembad")
    document = stored_document("Zienswijze zwembad", meeting=meeting, agenda_item=item)
    service.record_if_closed_meeting(document)  # autocommit: queued at once

    def sent():
        return MemberNotification.objects.filter(recipient=user, sent_at__isnull=False).exists()

    assert wait_for(sent, 60, 0.2), "the worker did not send the notification"
    assert wait_for(lambda: len(mail.outbox) == 1, 10, 0.1)
    assert "Zienswijze zwembad" in mail.outbox[0].body
    assert "Inhoud van" not in mail.outbox[0].body

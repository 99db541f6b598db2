"""Helpers for the confidentiality tests."""

from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from documents.intake import receive_file
from documents.models import Category
from people.models import PersonRole
from people.service import sync_body_groups
from tests.factories import MembershipFactory, PersonFactory, make_pdf


def verify(client, user):
    """Log ``user`` in with password and second factor."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def member(user, *bodies, role=PersonRole.RAADSLID):
    person = PersonFactory(user=user, role=role, name=user.get_full_name() or user.username)
    for body in bodies:
        MembershipFactory(person=person, body=body)
    sync_body_groups(person)
    return person


def stored_document(subject: str, category: str = Category.LETTER, **fields):
    document = receive_file(make_pdf(f"Inhoud van {subject}"), "brief.pdf").document
    document.subject = subject
    document.category = category
    document.registered_at = timezone.now()
    for name, value in fields.items():
        setattr(document, name, value)
    document.save()
    return document

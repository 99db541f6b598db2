"""The demo council is complete enough to show every rule."""

import pytest
from django.contrib.auth import authenticate

from documents.demo_data import load_demo_data
from documents.models import Category, Document, FileKind, SenderType
from people.models import Body, Membership

pytestmark = pytest.mark.django_db


def test_demo_data_has_every_category_and_sender_type_as_real_pdfs():
    logins, documents = load_demo_data(process=False)
    assert len(documents) >= 30
    assert set(Document.objects.values_list("category", flat=True)) == set(Category.values)
    assert set(Document.objects.values_list("sender_type", flat=True)) == set(SenderType.values)
    for document in documents:
        original = document.files.get(kind=FileKind.ORIGINAL)
        assert original.read_bytes().startswith(b"%PDF")
        assert document.subject and document.public_sender_term
    # every printed login works
    for login in logins:
        assert authenticate(username=login.username, password=login.password) is not None
    assert {b.kind for b in Body.objects.all()} >= {"raad", "college", "commissie", "rekenkamer"}
    assert Membership.objects.filter(body__kind="commissie").count() >= 4


def test_citizens_are_never_named_in_the_public_sender_term():
    load_demo_data(process=False)
    for document in Document.objects.filter(sender_type=SenderType.CITIZEN):
        assert document.sender_name
        assert document.sender_name.lower() not in document.public_sender_term.lower()

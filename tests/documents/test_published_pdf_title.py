"""The workflow gives the engine the document's public subject as the published PDF's title."""

import pytest

from documents.workflow import options_for
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_published_title_is_the_public_subject():
    document = DocumentFactory(subject="Zienswijze Behoud bibliotheek Wissenkerke")
    assert options_for(document).title == "Zienswijze Behoud bibliotheek Wissenkerke"

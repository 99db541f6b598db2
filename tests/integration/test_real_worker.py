"""A task travels through Redis to a real worker that writes to PostgreSQL."""

import pytest

from documents.intake import receive_file
from documents.models import FileKind
from tests.factories import make_pdf
from tests.integration.conftest import wait_for

pytestmark = [pytest.mark.integration]


def test_page_images_are_rendered_by_a_real_worker_after_commit(real_worker):
    document = receive_file(make_pdf(pages=2), "brief.pdf").document

    def rendered():
        return document.files.filter(kind=FileKind.PAGE_IMAGE).count() == 2

    assert wait_for(rendered, 60, 0.2), "the worker did not render the page images"

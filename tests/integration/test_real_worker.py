"""A task travels through Redis to a real worker that writes to PostgreSQL."""

import time

import pytest

from documents.intake import receive_file
from documents.models import FileKind
from tests.factories import make_pdf

pytestmark = [pytest.mark.integration]


def wait_for(condition, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_page_images_are_rendered_by_a_real_worker_after_commit(real_worker):
    document = receive_file(make_pdf(pages=2), "brief.pdf").document

    def rendered():
        return document.files.filter(kind=FileKind.PAGE_IMAGE).count() == 2

    assert wait_for(rendered), "the worker did not render the page images"

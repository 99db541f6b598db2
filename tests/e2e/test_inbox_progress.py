"""The inbox shows a batch being anonymised, in a real browser (issue 18): each document's pass
and pages done of total, the queue, and a status line that screen readers hear, all updated
without reloading while the worker writes its progress. axe-core finds nothing at 1280 and at
390 px, also after the updates (the conftest checks each page load; the updates are checked
here)."""

import uuid

import pytest
from django.utils import timezone

from documents.models import Document, RunStage, Status
from tests.e2e.conftest import (
    MOBILE,
    WCAG_21_AA,
    horizontal_overflow,
    log_in_with_second_factor,
)
from tests.factories import DocumentFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 800}


def axe_now(page) -> list[str]:
    """Run axe on the page as it is now (after script updates), WCAG 2.1 A and AA."""
    violations = page.evaluate(
        """(tags) => window.axe.run(document, {runOnly: {type: "tag", values: tags},
              resultTypes: ["violations"]})
            .then((r) => r.violations.map((v) => v.id + ": " + v.help + " — "
              + v.nodes.map((n) => n.target.join(" ")).join("; ")))""",
        WCAG_21_AA,
    )
    return violations


def batch() -> tuple[Document, Document, Document]:
    """One document halfway through reading, one next in the queue, one saved while the
    queue was down."""
    now = timezone.now()
    common = {"status": Status.ANONYMISING, "received_on": now.date()}
    running = DocumentFactory(
        subject="Zienswijze bestemmingsplan haven",
        run_token=uuid.uuid4(),
        run_seen_at=now,
        run_started_at=now,
        run_stage=RunStage.READING,
        pages_done=20,
        pages_total=80,
        **common,
    )
    queued = DocumentFactory(
        subject="Brief over de kermis", run_token=uuid.uuid4(), run_seen_at=now, **common
    )
    waiting = DocumentFactory(subject="Petitie speeltuin", run_token=uuid.uuid4(), **common)
    return running, queued, waiting


def row(page, document: Document):
    return page.locator(f'tr[data-document="{document.pk}"]')


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280px", "390px"])
def test_the_inbox_follows_a_batch_being_anonymised_without_reloading(page, viewport):
    UserFactory(username="griffier", griffie=True)
    running, queued, waiting = batch()
    page.set_viewport_size(viewport)
    log_in_with_second_factor(page, "griffier", "geheim-wachtwoord-123")
    page.goto("/griffie/")
    page.wait_for_function("() => window.__axeDone === true")  # the load-time check is done

    summary = page.locator("#run-summary[role=status]")
    assert summary.inner_text() == (
        "Anonimiseren: 1 stuk wordt geanonimiseerd, 1 in de wachtrij, 1 wacht op de wachtrij."
    )
    bar = page.get_by_role("progressbar", name=f"Voortgang {running.registration_number}")
    assert bar.get_attribute("value") == "20" and bar.get_attribute("max") == "80"
    assert "Pagina's lezen: pagina 20 van 80" in row(page, running).inner_text()
    assert "in de wachtrij, plaats 1" in row(page, queued).inner_text()
    assert "wacht op de wachtrij" in row(page, waiting).inner_text()
    page.evaluate("window.__loads = (window.__loads || 0) + 1")  # gone if the page reloads

    # The worker reads on, searches the whole text (a busy bar), then checks; the queued
    # document starts.
    Document.objects.filter(pk=running.pk).update(pages_done=61)
    bar.and_(page.locator('[value="61"]')).wait_for()
    Document.objects.filter(pk=running.pk).update(run_stage=RunStage.DETECTING, pages_done=80)
    row(page, running).get_by_text("Persoonsgegevens zoeken (80 pagina's gelezen)").wait_for()
    assert bar.get_attribute("value") is None  # indeterminate: no pages to count
    assert axe_now(page) == []
    Document.objects.filter(pk=running.pk).update(run_stage=RunStage.CHECKING, pages_done=5)
    Document.objects.filter(pk=queued.pk).update(
        run_started_at=timezone.now(), run_stage=RunStage.READING, pages_done=1, pages_total=3
    )
    row(page, running).get_by_text("Controleren: pagina 5 van 80").wait_for()
    row(page, queued).get_by_text("Pagina's lezen: pagina 1 van 3").wait_for()
    page.get_by_role("progressbar", name=f"Voortgang {queued.registration_number}").wait_for()
    assert summary.inner_text() == (
        "Anonimiseren: 2 stukken worden geanonimiseerd, 1 wacht op de wachtrij."
    )
    assert axe_now(page) == []
    assert horizontal_overflow(page) <= 0

    # The first is done: its row says so, the counts follow, and a screen reader hears it.
    Document.objects.filter(pk=running.pk).update(status=Status.IN_REVIEW)
    row(page, running).locator(".badge.status-in_review").wait_for()
    assert row(page, running).get_by_role("progressbar").count() == 0
    announcements = page.locator("#run-announcements[aria-live=polite]")
    assert announcements.text_content().strip() == f"{running.registration_number}: te beoordelen"
    assert page.locator('strong[data-status="in_review"]').inner_text() == "1"
    assert page.locator('strong[data-status="anonymising"]').inner_text() == "2"
    assert page.evaluate("window.__loads") == 1, "the page was reloaded"
    assert axe_now(page) == []
    assert horizontal_overflow(page) <= 0

    # Nothing runs any more: the status line says so and the page stops asking.
    Document.objects.filter(pk__in=[queued.pk, waiting.pk]).update(status=Status.IN_REVIEW)
    page.get_by_role("status").filter(has_text="Er wordt nu niets geanonimiseerd.").wait_for()
    stamp = page.locator("table").get_attribute("data-progress-updated")
    page.wait_for_timeout(4500)
    assert page.locator("table").get_attribute("data-progress-updated") == stamp

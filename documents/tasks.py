"""Celery tasks: thin, by id, safe to run twice."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_kwargs={"max_retries": 3},
)
def render_page_images(self, *, document_id: int) -> int:
    from .models import Document
    from .pages import render_page_images as render

    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        logger.warning("Document %s no longer exists", document_id)
        return 0
    try:
        return render(document)
    except OSError:
        raise
    except Exception as exc:  # a broken file must not crash the worker
        logger.exception("Rendering pages of %s failed", document_id)
        document.record("render_failed", None, f"Pagina's konden niet worden weergegeven: {exc}")
        return 0


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=300,
    retry_kwargs={"max_retries": 5},
)
def anonymise_document(self, *, document_id: int) -> None:
    """Anonymise one document. Re-delivered after a worker dies (acks_late), it starts over
    from the working PDF: nothing is published before the griffie approves."""
    from celery.exceptions import SoftTimeLimitExceeded

    from .models import Document
    from .workflow import run_anonymisation

    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        logger.warning("Document %s no longer exists", document_id)
        return
    try:
        run_anonymisation(document)
    except OSError:
        raise
    except SoftTimeLimitExceeded:
        document.refresh_from_db()
        document.fail("Het anonimiseren duurde te lang en is afgebroken; probeer het opnieuw.")
    except Exception as exc:  # never crash the worker; the griffie sees why
        logger.exception("Anonymising document %s failed", document_id)
        document.refresh_from_db()
        document.fail(f"Het anonimiseren is mislukt door een fout: {type(exc).__name__}")

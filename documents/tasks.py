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

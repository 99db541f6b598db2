"""Response headers shared by every app: one place says what 'private' means."""

from typing import TypeVar

from django.http import HttpResponse, HttpResponseBase

PRIVATE_CACHE_CONTROL = "private, no-store"
ResponseT = TypeVar("ResponseT", bound=HttpResponseBase)


def private(response: ResponseT) -> ResponseT:
    """Never stored by a browser or proxy, never sniffed: for anything a login shows."""
    response["Cache-Control"] = PRIVATE_CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    return response


def pdf_attachment(data: bytes, filename: str) -> HttpResponse:
    """A private PDF download that no page can frame or script."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
    private(response)
    return response

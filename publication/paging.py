"""Paging of the public lists at archive size (200,000 documents over twenty years).

- HTML lists count at most ``CAP`` + 1 rows (:class:`CappedPaginator`): the page says "meer dan
  1.000" and offers the period filter as the way onward, so no page ever counts the whole
  archive or skips more than ``CAP`` rows with an OFFSET. That count and the day onward are
  kept per public-site version (:func:`remembered`): every page of a list shares them, and
  they change only when something public does.
- The API and the sitemaps page by key (:mod:`publication.api`, :mod:`publication.sitemaps`):
  the next page starts after the last key seen, found through an index, however deep.
"""

import datetime
import hashlib
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet

from .cache import site_version

CAP = 1000
REMEMBERED_SECONDS = 3600  # keyed on the site version: any public change makes new keys
T = TypeVar("T")


def remembered(key: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept in the cache under ``key`` for the current public-site version
    (``key`` empty: not kept). For what only a public change can change, such as how many
    documents a list with these filters has."""
    if not key:
        return compute()
    digest = hashlib.sha1(key.encode()).hexdigest()
    full_key = f"public-list:{site_version()}:{digest}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, REMEMBERED_SECONDS)
    return value


class CappedPaginator(Paginator):
    """A paginator over at most ``CAP`` rows that counts at most ``CAP + 1`` of them; with a
    ``list_key`` (the list and its filters, not the page) the count is :func:`remembered`."""

    cap = CAP

    def __init__(self, *args, list_key: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.list_key = list_key

    @cached_property
    def counted(self) -> int:
        key = self.list_key and f"count:{self.cap}:{self.list_key}"
        return remembered(key, self._count)

    def _count(self) -> int:
        rows: Any = self.object_list
        if hasattr(rows, "count") and not isinstance(rows, list | tuple):
            return rows[: self.cap + 1].count()
        return min(len(rows), self.cap + 1)

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def more(self) -> bool:
        """More rows than ``cap``: the pages show the first ``cap`` only."""
        return self.counted > self.cap


def onward_date(
    rows: QuerySet[Any],
    *,
    order: Sequence[str],
    current: datetime.date | None = None,
    cap: int = CAP,
) -> datetime.date:
    """The day to continue from (the ``tot`` filter) after the first ``cap`` of ``rows``
    newest first: the day of the last one shown. That day comes again, so nothing is
    skipped; if it is already the current ``tot`` (more than ``cap`` rows on one day), the
    day before, so the link always leads on."""
    ordered = rows.order_by(*order).values_list("received_on", flat=True)
    days = list(ordered[cap - 1 : cap])
    # Fewer rows than were counted (a withdrawal in between): the oldest there is.
    day = days[0] if days else ordered.last() or current or datetime.date.today()
    if current is not None and day >= current:
        day = current - datetime.timedelta(days=1)
    return day


def after(ordering: tuple[str, ...], values: tuple) -> Q:
    """Rows strictly after ``values`` in ``ordering`` (field names, ``-`` for descending):
    ``(a, b, c) > (x, y, z)`` written out, plus ``a >= x`` (or ``<=``) on its own so the
    database starts an index scan at the key instead of filtering from the top."""
    condition = Q()
    equal = Q()
    for name, value in zip(ordering, values, strict=True):
        field = name.lstrip("-")
        op = "lt" if name.startswith("-") else "gt"
        condition |= equal & Q(**{f"{field}__{op}": value})
        equal &= Q(**{field: value})
    first = ordering[0]
    bound = Q(**{f"{first.lstrip('-')}__{'lte' if first.startswith('-') else 'gte'}": values[0]})
    return bound & condition

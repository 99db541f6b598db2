"""Demo data: a fixed set of sample documents covering every category and sender type."""

from __future__ import annotations

import datetime as dt
import random

from .generator import generate_document
from .model import CATEGORIES, SENDER_TYPES, TYPICAL_SENDERS, SampleDocument


def demo_plan() -> list[tuple[str, str, bool]]:
    combos = [(c, st) for c in CATEGORIES for st in TYPICAL_SENDERS[c]]
    covered = {st for _, st in combos}
    assert covered == set(SENDER_TYPES)
    # a second citizen letter and objection: the most common incoming documents
    combos += [
        ("letter", "citizen"),
        ("letter", "citizen"),
        ("objection", "citizen"),
        ("view", "citizen"),
        ("petition", "citizen"),
        ("letter", "organisation"),
        ("college_answer", "college"),
        ("citizens_initiative", "citizen"),
    ]
    scans = {("letter", "citizen"), ("objection", "organisation"), ("view", "citizen")}
    plan, done = [], set()
    for c, st in combos:
        scanned = (c, st) in scans and (c, st) not in done
        done.add((c, st))
        plan.append((c, st, scanned))
    return plan


def working_days(first: dt.date, last: dt.date) -> list[dt.date]:
    """Days the griffie receives post: Monday to Friday, not on a public holiday."""
    from devtools.calendar import is_public_holiday

    days, day = [], first
    while day <= last:
        if day.weekday() < 5 and not is_public_holiday(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def receipt_dates(count: int, until: dt.date, seed: int) -> list[dt.date]:
    """A month of post: ``count`` dates on the working days of the 30 days up to ``until``,
    spread like real post (a few a day), in order."""
    days = working_days(until - dt.timedelta(days=30), until)
    rng = random.Random(f"demo-dates-{seed}")
    return sorted(rng.choice(days) for _ in range(count))


def demo_documents(seed: int = 1695, *, until: dt.date | None = None) -> list[SampleDocument]:
    """The demo council's post: written as real post (``demo=True``: no test sentences) and
    received over the month up to ``until`` (default today)."""
    plan = demo_plan()
    if until is None:
        from django.utils import timezone

        until = timezone.localdate()
    dates = receipt_dates(len(plan), until, seed)
    order = list(range(len(plan)))
    random.Random(f"demo-order-{seed}").shuffle(order)  # categories mixed over the month
    return [
        generate_document(
            random.Random(f"demo-{seed}-{i}"),
            c,
            st,
            scanned,
            index=i,
            demo=True,
            received_on=dates[order[i]],
        )
        for i, (c, st, scanned) in enumerate(plan)
    ]

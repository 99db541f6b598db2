"""Demo data: a fixed set of sample documents covering every category and sender type."""

from __future__ import annotations

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


def demo_documents(seed: int = 1695) -> list[SampleDocument]:
    return [
        generate_document(random.Random(f"demo-{seed}-{i}"), c, st, scanned, index=i)
        for i, (c, st, scanned) in enumerate(demo_plan())
    ]

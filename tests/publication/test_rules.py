"""The gedragscode table (domain.md, art. 3): one row per line, no database."""

import pytest

from documents.models import Category, SenderType
from publication.rules import Outcome, decide_publication

C, S = Category, SenderType

# (row, category, sender_type, flags, outcome, article, needs_file, needs_anonymisation)
TABLE = [
    ("3a office holder", C.LETTER, S.OFFICE_HOLDER, {}, Outcome.OFFICE_HOLDER, "3a", True, True),
    (
        "3a office holder with consent",
        C.LETTER,
        S.OFFICE_HOLDER,
        {"consent_office_holder_contact": True},
        Outcome.PUBLISHED_IN_FULL,
        "3a",
        True,
        False,
    ),
    ("3b civil servant", C.LETTER, S.CIVIL_SERVANT, {}, Outcome.CIVIL_SERVANT, "3b", True, True),
    ("3c citizen letter", C.LETTER, S.CITIZEN, {}, Outcome.LISTED_ONLY, "3c", False, False),
    (
        "3c citizen asks for publication",
        C.LETTER,
        S.CITIZEN,
        {"consent_publish_personal_data": True},
        Outcome.PUBLISHED_IN_FULL,
        "3c",
        True,
        False,
    ),
    (
        "3c organisation letter",
        C.LETTER,
        S.ORGANISATION,
        {},
        Outcome.PUBLISHED_CONTACTS_REMOVED,
        "3c",
        True,
        True,
    ),
    ("3c petition", C.PETITION, S.CITIZEN, {}, Outcome.PETITION_TEXT_ONLY, "3c", True, True),
    (
        "3c petition, signatories consented elsewhere",
        C.PETITION,
        S.CITIZEN,
        {"consent_publish_personal_data": True},
        Outcome.PETITION_TEXT_ONLY,
        "3c",
        True,
        True,
    ),
    ("3d inspreker", C.SPEAKER, S.CITIZEN, {}, Outcome.PUBLISHED_WITH_MEETING, "3d", True, False),
    ("3e zienswijze", C.VIEW, S.CITIZEN, {}, Outcome.ANONYMISED, "3e", True, True),
    (
        "3e zienswijze, no objection",
        C.VIEW,
        S.CITIZEN,
        {"no_objection_personal_data": True},
        Outcome.PUBLISHED_IN_FULL,
        "3e",
        True,
        False,
    ),
    ("3e objection", C.OBJECTION, S.CITIZEN, {}, Outcome.ANONYMISED, "3e", True, True),
    (
        "3e objection, no objection flag does not apply",
        C.OBJECTION,
        S.CITIZEN,
        {"no_objection_personal_data": True},
        Outcome.ANONYMISED,
        "3e",
        True,
        True,
    ),
    (
        "3e burgerinitiatief",
        C.CITIZENS_INITIATIVE,
        S.CITIZEN,
        {},
        Outcome.INITIATORS_NAMED,
        "3e",
        True,
        True,
    ),
    ("3f appointment", C.APPOINTMENT, S.COLLEGE, {}, Outcome.NAMES_ONLY, "3f", True, True),
    ("3g college answer", C.COLLEGE_ANSWER, S.COLLEGE, {}, Outcome.LISTED_ONLY, "3g", False, False),
    ("3h activity", C.ACTIVITY, S.ORGANISATION, {}, Outcome.CONTACT_PERSON, "3h", True, True),
]


@pytest.mark.parametrize(
    "row,category,sender_type,flags,outcome,article,needs_file,needs_anonymisation",
    TABLE,
    ids=[row[0] for row in TABLE],
)
def test_gedragscode_row(
    row, category, sender_type, flags, outcome, article, needs_file, needs_anonymisation
):
    result = decide_publication(category, sender_type, **flags)
    assert result.outcome == outcome
    assert result.article == article
    assert result.needs_file is needs_file
    assert result.needs_anonymisation is needs_anonymisation
    assert result.explanation


@pytest.mark.parametrize(
    "row,category,sender_type,flags,outcome,article,needs_file,needs_anonymisation",
    TABLE,
    ids=[row[0] for row in TABLE],
)
def test_art_5_fractie_documents_follow_the_same_rules(
    row, category, sender_type, flags, outcome, article, needs_file, needs_anonymisation
):
    result = decide_publication(category, sender_type, submitted_by_fractie=True, **flags)
    assert result.outcome == outcome
    assert result.article == f"{article} jo. 5"
    assert "art. 5" in result.explanation


def test_unknown_sender_fails_closed_to_listing_only():
    assert decide_publication(C.LETTER, "someone-new").outcome == Outcome.LISTED_ONLY


def test_only_consent_outcomes_may_publish_the_original():
    for row in TABLE:
        result = decide_publication(row[1], row[2], **row[3])
        assert result.may_publish_original is (result.outcome == Outcome.PUBLISHED_IN_FULL)


def test_the_rules_are_pure():
    first = decide_publication(C.LETTER, S.CITIZEN)
    assert first == decide_publication(C.LETTER, S.CITIZEN)
    with pytest.raises(AttributeError):
        first.outcome = Outcome.ANONYMISED  # frozen

"""Issue 8 item 7: the public fields through the same detector (no database)."""

import pytest

from documents.anonymisation.public_fields import (
    check_public_fields,
    describe,
    detect_in_text,
    neutral_subject,
)
from documents.anonymisation.types import AnonymisationOptions

CITIZEN_LETTER = AnonymisationOptions(category="letter", sender_type="citizen")


def test_a_name_and_address_in_the_subject_are_found():
    findings = detect_in_text(
        "Bezwaar van J. de Vries, Kerkstraat 12", CITIZEN_LETTER, field="subject"
    )
    assert [(f.entity_type, f.text) for f in findings] == [
        ("PERSON", "J. de Vries"),
        ("ADDRESS", "Kerkstraat 12"),
    ]
    assert describe(findings) == 'onderwerp: naam "J. de Vries", adres "Kerkstraat 12"'


def test_a_neutral_subject_has_no_findings():
    assert detect_in_text("Bezwaar tegen kapvergunning", CITIZEN_LETTER) == []


@pytest.mark.parametrize(
    "subject,category,proposal",
    [
        ("Bezwaar van J. de Vries, Kerkstraat 12 tegen kapvergunning", "objection", None),
        ("Bezwaar van J. de Vries, Kerkstraat 12", "objection", "Bezwaar"),
        ("Brief van mevrouw Jansen over parkeren", "letter", "Brief over parkeren"),
        ("J. de Vries over bestemmingsplan Centrum", "view", None),
    ],
)
def test_the_proposed_subject_drops_the_items_and_the_words_that_tied_them(
    subject, category, proposal
):
    options = AnonymisationOptions(category=category, sender_type="citizen")
    findings = detect_in_text(subject, options, field="subject")
    assert findings
    result = neutral_subject(subject, category, findings)
    expected = {
        "objection": "Bezwaar tegen kapvergunning",
        "view": "Zienswijze over bestemmingsplan Centrum",
    }
    assert result == (proposal or expected[category])
    assert detect_in_text(result, options) == []


def test_the_sender_details_from_intake_count_wherever_they_appear():
    options = AnonymisationOptions(deny_terms=("Hendrika Brinkman",))
    findings = detect_in_text("Brief van hendrika brinkman", options, field="subject")
    assert [f.text for f in findings] == ["hendrika brinkman"]


def test_registry_names_stay_as_in_the_document():
    options = AnonymisationOptions(keep_names=("Kees Lodewijks",))
    assert detect_in_text("Vragen aan wethouder Kees Lodewijks", options) == []


def test_the_policy_decides_as_for_the_document():
    # 3d: an inspreekbijdrage is published with the speaker's name
    speaker = AnonymisationOptions(category="speaker")
    assert detect_in_text("Inspreekbijdrage Pieter Bakker", speaker) == []
    assert detect_in_text("Inspreekbijdrage Pieter Bakker", CITIZEN_LETTER)


def test_file_names_are_read_as_words():
    findings = check_public_fields({"filename": "bezwaar_06-12345678.pdf"}, CITIZEN_LETTER)
    assert [f.entity_type for f in findings] == ["PHONE"]
    assert describe(findings).startswith("bestandsnaam")

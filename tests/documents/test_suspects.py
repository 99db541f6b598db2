"""The reviewer's net: words left standing in the output that might be personal (issue 8)."""

import pymupdf
import pytest

from documents.anonymisation.suspects import (
    CAPITALISED,
    DIGITS,
    HANDLE,
    LOWER_CASE_NAME,
    find_suspects,
    is_dictionary_word,
    suspects_in_text,
)
from documents.workflow import own_details


def found(text, keep=()):
    return [(text[s:e], kind) for s, e, kind in suspects_in_text(text, keep)]


def test_a_capitalised_word_that_is_no_dictionary_word_is_a_suspect():
    assert ("Przybylski", CAPITALISED) in found("Mijn buurman Przybylski klaagt.")


def test_a_surname_from_the_name_lists_is_a_suspect_even_though_the_web_knows_it():
    # 'jansen' is frequent in a web word list, but it is a name, not a dictionary word
    assert not is_dictionary_word("Jansen")
    assert ("Jansen", CAPITALISED) in found("Gisteren belde Jansen over de boom.")


@pytest.mark.parametrize("word", ["Geachte", "Gemeente", "Bestemmingsplan", "Groet", "Koning"])
def test_capitalised_dictionary_words_are_no_suspects(word):
    assert is_dictionary_word(word)
    assert found(f"{word} staat hier.") == []


def test_kept_names_and_place_names_are_no_suspects():
    text = "Wethouder Kees Lodewijks bezocht Tilburg."
    assert found(text, keep=["Kees Lodewijks"]) == []
    assert ("Lodewijks", CAPITALISED) in found(text)


def test_ordinary_lowercase_words_are_no_suspects():
    assert found("de buurman klaagt over de boom in de tuin") == []


@pytest.mark.parametrize(
    "text,name",
    [
        # informal text writes names in lower case (issue 16); invented names
        ("de buurman przybylski klaagt", "przybylski"),
        ("gisteren kwam mevrouw verbeckaert langs", "verbeckaert"),
        ("groetjes van floortje", "floortje"),
    ],
)
def test_a_name_in_lower_case_is_a_suspect(text, name):
    assert (name, LOWER_CASE_NAME) in found(text)


def test_the_engines_neutral_term_after_a_title_is_no_suspect():
    assert found("Ik sprak met mevrouw belanghebbende over de boom.") == []


def test_the_organisations_own_details_are_no_suspects(settings):
    settings.MUNICIPALITY_NAME = "Kwakkelveen"
    text = "Gemeente Kwakkelveen, Postbus 7"
    assert found(text, keep=own_details()) == []
    settings.MUNICIPALITY_NAME = "Elders"
    assert ("Kwakkelveen", CAPITALISED) in found(text, keep=own_details())


@pytest.mark.parametrize(
    "text,number",
    [
        ("klantnummer 834512 staat erop", "834512"),
        ("bel 0612345678 na zes uur", "0612345678"),
        ("bel 06 12 34 56 78 na zes uur", "06 12 34 56 78"),
    ],
)
def test_digit_sequences_of_six_or_more_are_suspects(text, number):
    assert (number, DIGITS) in found(text)


@pytest.mark.parametrize("text", ["huisnummer 12345 en 2026", "bedrag 1.250.000 euro"])
def test_shorter_digit_sequences_and_amounts_are_no_suspects(text):
    assert [kind for _, kind in found(text) if kind == DIGITS] == []


def test_handles_are_suspects_but_e_mail_addresses_are_not():
    result = found("volg @buurtwacht_oost of mail info@dorpsbelang.nl")
    assert ("@buurtwacht_oost", HANDLE) in result
    assert all("dorpsbelang" not in value for value, _ in result)


def _pdf(lines_per_page):
    doc = pymupdf.open()
    for lines in lines_per_page:
        page = doc.new_page()
        for n, line in enumerate(lines):
            page.insert_text((72, 100 + 20 * n), line, fontsize=11)
    return doc.tobytes()


def test_find_suspects_groups_every_occurrence_with_its_box():
    pdf = _pdf([["Buurman Przybylski belde."], ["Nogmaals Przybylski, nu 0612345678."]])
    suspects = {s.text: s for s in find_suspects(pdf)}
    assert suspects["Przybylski"].pages == [0, 1]
    assert len(suspects["Przybylski"].occurrences) == 2
    page, (x0, y0, x1, y1) = suspects["Przybylski"].occurrences[0]
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        under = doc[page].get_textbox(pymupdf.Rect(x0, y0, x1, y1))
    assert "Przybylski" in under
    assert suspects["0612345678"].kind == DIGITS


@pytest.mark.parametrize(
    "word", ["Ontwerpbestemmingsplan", "Ondersteuningsverklaringen", "Kortgene-Zuid", "Goede"]
)
def test_compounds_hyphenated_places_and_frequent_words_are_dictionary_words(word):
    assert found(f"{word} staat hier.") == []


def test_a_street_name_on_its_own_is_no_suspect():
    assert found("De Noordlandsweg wordt opnieuw ingericht.") == []


def test_a_number_the_engine_kept_is_no_suspect():
    text = "Bel de organisator op 0612345678."
    assert ("0612345678", DIGITS) in found(text)
    assert found(text, keep=["06-12345678"]) == []


@pytest.mark.parametrize("address", ["Noordlandsweg 14", "Noordlandsweg 14bis", "Molenstraat 7-2"])
def test_a_street_name_with_a_house_number_is_a_suspect(address):
    assert (address, CAPITALISED) in found(f"Zij woont aan de {address} sinds mei.")

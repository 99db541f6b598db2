"""Gedragscode art. 3f (appointments) and the office's own details, end to end on small PDFs.

Invented names, addresses and numbers throughout."""

import pymupdf
import pytest

from devtools.samples.demo import demo_documents
from devtools.samples.people import registry_names
from documents.anonymisation import AnonymisationOptions, anonymise_pdf, propose
from documents.anonymisation.policy import decide
from documents.anonymisation.verify import leak_pattern
from documents.workflow import own_contacts

GRIFFIE = ("Postbus 3021", "4490 ZZ Wissenkerke", "0113 555 100", "griffie@raad.example")


def _pdf(text: str) -> bytes:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), text, fontsize=10)
    return doc.tobytes()


def _published(text: str, **options) -> str:
    result = anonymise_pdf(_pdf(text), AnonymisationOptions(**options))
    assert result.output_pdf is not None, result.verification.reason
    return " ".join(pymupdf.open(stream=result.output_pdf, filetype="pdf")[0].get_text().split())


# --- 3f: "Bij benoemingen worden de persoonlijke gegevens van de te benoemen persoon, afgezien
# van diens naam, niet openbaar gemaakt." ---------------------------------------------------

APPOINTMENT = dict(category="appointment", sender_type="college")


def test_an_appointment_publishes_the_appointees_name_but_not_where_they_live():
    out = _published(
        "De raad besluit Wendelien Kortekaas, wonende te Kamperland, te benoemen tot lid\n"
        "van de rekenkamercommissie.\n",
        **APPOINTMENT,
    )
    assert "Wendelien Kortekaas" in out
    assert "Kamperland" not in out
    assert "[woonplaats]" in out


@pytest.mark.parametrize(
    "sentence, place",
    [
        ("woonachtig in Kapelle-Biezelinge", "Kapelle-Biezelinge"),
        ("woonplaats: Bergen op Zoom", "Bergen op Zoom"),
        ("geboren te Oostkapelle", "Oostkapelle"),
        ("wonende Lindelaan 4, 4484 XK Kortgene", "Kortgene"),
    ],
)
def test_an_appointment_publishes_no_place_of_residence_or_birth_in_any_wording(sentence, place):
    out = _published(
        f"De raad besluit Ties Vermeulen, {sentence}, te benoemen tot burgerlid.\n", **APPOINTMENT
    )
    assert "Ties Vermeulen" in out
    assert place not in out


def test_an_appointment_publishes_no_place_right_after_the_appointees_name():
    out = _published(
        "De raad benoemt Ties Vermeulen uit Wolphaartsdijk tot lid van de commissie.\n",
        **APPOINTMENT,
    )
    assert "Ties Vermeulen" in out and "Wolphaartsdijk" not in out


def test_an_appointment_publishes_no_date_of_birth_address_or_contact_details():
    out = _published(
        "De raad besluit Ties Vermeulen, geboren op 3 maart 1979, wonende Lindelaan 4,\n"
        "4484 XK Kortgene, te benoemen tot burgerlid. Bereikbaar via 06-31415926 en\n"
        "ties.vermeulen@voorbeeld.example.\n",
        **APPOINTMENT,
    )
    assert "Ties Vermeulen" in out
    for gone in ("3 maart 1979", "Lindelaan 4", "4484 XK", "06-31415926", "ties.vermeulen@"):
        assert gone not in out


def test_outside_appointments_a_place_of_residence_is_a_place_name_and_stays():
    assert decide(category="letter", sender_type="citizen", entity_type="RESIDENCE") == (
        "keep",
        "plaatsnaam blijft staan",
    )
    assert decide(category="appointment", sender_type="college", entity_type="RESIDENCE")[0] == (
        "redact"
    )


@pytest.mark.parametrize("sample", [s for s in demo_documents() if s.category == "appointment"])
def test_the_demo_appointments_publish_no_place_of_residence(sample):
    """The demo council's appointment decisions ('..., wonende <adres>, <postcode> <plaats>,
    te benoemen tot ...'): the place after the appointee's postcode goes too."""
    source = " ".join(pymupdf.open(stream=sample.pdf_bytes, filetype="pdf")[0].get_text().split())
    postcode = next(p["text"] for p in sample.truth.personal if p["type"] == "POSTCODE")
    place = source.split(postcode, 1)[1].split(",")[0].strip()
    options = AnonymisationOptions(
        category="appointment",
        sender_type=sample.sender_type,
        keep_names=tuple(registry_names()),
        deny_terms=tuple(sample.deny_terms),
    )
    result = anonymise_pdf(sample.pdf_bytes, options)
    assert result.output_pdf is not None, result.verification.reason
    out = " ".join(pymupdf.open(stream=result.output_pdf, filetype="pdf")[0].get_text().split())
    assert place and f"{postcode} {place}" in source  # the decision names the place
    assert f"[postcode] {place}" not in out and f"{postcode} {place}" not in out
    assert "[woonplaats]" in out


# --- The griffie's and the municipality's own contact details are no personal data ----------

LETTER_TO_THE_RAAD = (
    "Fenna Dijkhuizen\n"
    "Zandkreekweg 17\n"
    "4484 QR Kortgene\n\n"
    "Aan de gemeenteraad\n"
    "t.a.v. de griffie\n"
    "Postbus 3021\n"
    "4490 ZZ Wissenkerke\n\n"
    "Geachte leden van de raad,\n\n"
    "Ik schrijf u over de bushalte. Bel gerust de griffie op 0113 555 100 of mail naar\n"
    "griffie@raad.example; mij bereikt u op 06-27182818.\n"
)


def test_a_letter_keeps_the_griffies_own_letterhead_but_not_the_citizens_address():
    out = _published(LETTER_TO_THE_RAAD, own_contacts=GRIFFIE, deny_terms=("Fenna Dijkhuizen",))
    for kept in ("Postbus 3021", "4490 ZZ Wissenkerke", "0113 555 100", "griffie@raad.example"):
        assert kept in out
    for gone in ("Fenna", "Dijkhuizen", "Zandkreekweg 17", "4484 QR", "06-27182818"):
        assert gone not in out


def test_the_griffies_postbus_stays_even_right_under_a_name():
    out = _published(
        "Aan de raad, t.a.v. mevrouw Ilse Brandsma\nPostbus 3021\n4490 ZZ Wissenkerke\n\n"
        "Geachte mevrouw,\n",
        own_contacts=GRIFFIE,
    )
    assert "Postbus 3021" in out and "4490 ZZ" in out
    assert "Brandsma" not in out


def test_the_griffies_details_come_from_the_settings(settings):
    settings.GRIFFIE_CONTACT_ADDRESS = "Postbus 3021\\n4490 ZZ Wissenkerke"
    settings.GRIFFIE_CONTACT_PHONE = "0113 555 100"
    settings.GRIFFIE_CONTACT_EMAIL = "griffie@raad.example"
    settings.MUNICIPALITY_CONTACT_ADDRESS = "Raadhuisstraat 2, 4491 AB Wissenkerke"
    assert own_contacts() == (
        "Postbus 3021",
        "4490 ZZ Wissenkerke",
        "0113 555 100",
        "griffie@raad.example",
        "Raadhuisstraat 2",
        "4491 AB Wissenkerke",
    )
    out = _published(
        LETTER_TO_THE_RAAD, own_contacts=own_contacts(), deny_terms=("Fenna Dijkhuizen",)
    )
    assert "Postbus 3021" in out and "4490 ZZ Wissenkerke" in out
    assert "Zandkreekweg 17" not in out


def test_without_own_details_the_postbus_of_a_citizens_letter_goes_as_before():
    out = _published(LETTER_TO_THE_RAAD, own_contacts=(), deny_terms=("Fenna Dijkhuizen",))
    assert "4490 ZZ" not in out


# --- 3c: an organisation's letter keeps its official address in its own letterhead ---------


def _organisation_letter() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 60), "Stichting Dorpshuis Vrouwenpolder", fontsize=15)
    page.insert_text((72, 80), "Molendijk 8\n4354 ZX Vrouwenpolder", fontsize=9)
    body = (
        "Aan de gemeenteraad\n\nGeachte leden van de raad,\n\n"
        "Onze penningmeester, de heer Gijs Verburg, Zeedijk 41, 4354 ZY Vrouwenpolder,\n"
        "licht het verzoek graag toe.\n\nMet vriendelijke groet,\n\n\n\nAnnet Zwemer, secretaris\n"
    )
    page.insert_text((72, 180), body, fontsize=10)
    page.insert_text((72, 800), "Stichting Dorpshuis Vrouwenpolder - Molendijk 8", fontsize=8)
    return doc.tobytes()


def test_an_organisations_letter_keeps_its_letterhead_address_but_not_a_members_home():
    options = AnonymisationOptions(category="letter", sender_type="organisation", own_contacts=())
    proposal = propose(_organisation_letter(), options)
    actions = {(f.text, f.action) for f in proposal.findings if f.entity_type == "ADDRESS"}
    assert ("Molendijk 8", "keep") in actions  # letterhead and footer
    assert ("Zeedijk 41", "redact") in actions  # the penningmeester's home
    assert ("Molendijk 8", "redact") not in actions


def test_a_citizens_letter_has_no_letterhead_to_keep():
    options = AnonymisationOptions(category="letter", sender_type="citizen", own_contacts=())
    proposal = propose(_organisation_letter(), options)
    assert ("Molendijk 8", "keep") not in {
        (f.text, f.action) for f in proposal.findings if f.entity_type == "ADDRESS"
    }


def test_a_letterhead_address_per_adres_of_a_person_goes():
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 60), "Stichting Dorpshuis Vrouwenpolder", fontsize=15)
    page.insert_text((72, 80), "p/a Zeedijk 41\n4354 ZY Vrouwenpolder", fontsize=9)
    page.insert_text((72, 180), "Geachte leden van de raad,\n", fontsize=10)
    options = AnonymisationOptions(category="letter", sender_type="organisation", own_contacts=())
    proposal = propose(doc.tobytes(), options)
    assert ("Zeedijk 41", "redact") in {
        (f.text, f.action) for f in proposal.findings if f.entity_type == "ADDRESS"
    }


@pytest.mark.parametrize(
    "text,leaks",
    [
        ("wonende [adres], [postcode] Kwakkelveen, te benoemen", True),
        ("wonende te Kwakkelveen", True),
        ("Jan Hoefnagel (Kwakkelveen) wordt benoemd", True),
        ("De koster van de kerk in Kwakkelveen kan dit bevestigen.", False),
        ("Gemeente Kwakkelveen, Postbus 7", False),
    ],
)
def test_verification_counts_a_place_of_residence_only_where_it_says_where_someone_lives(
    text, leaks
):
    """Art. 3f: the appointee's place of residence goes, but the same place name elsewhere
    (a church in that village, the office's own address) is a place name that stays."""
    assert bool(leak_pattern("RESIDENCE", "Kwakkelveen").search(text)) is leaks

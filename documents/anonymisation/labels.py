"""Entity types in Dutch, for every screen and message the griffie reads (one place)."""

from __future__ import annotations

ENTITY_LABELS = {
    "PERSON": "naam",
    "ADDRESS": "adres",
    "POSTCODE": "postcode",
    "PHONE": "telefoonnummer",
    "EMAIL": "e-mailadres",
    "IBAN": "rekeningnummer (IBAN)",
    "BSN": "burgerservicenummer",
    "DATE_OF_BIRTH": "geboortedatum",
    "RESIDENCE": "woonplaats",
    "BIRTHPLACE": "geboorteplaats",
    "LICENCE_PLATE": "kenteken",
    "SIGNATURE": "handtekening",
    "PAGE": "hele pagina",
    "ORGANISATION": "organisatie",
    "MANUAL": "handmatig vlak",
    "HANDLE": "gebruikersnaam (@)",
    "SOCIAL_HANDLE": "gebruikersnaam (@)",
    "ID_NUMBER": "documentnummer (paspoort, ID-kaart, rijbewijs, klantnummer)",
    "PASSPORT": "paspoortnummer",
    "ID_CARD": "nummer identiteitskaart",
    "IDENTITY_CARD": "nummer identiteitskaart",
    "DRIVING_LICENCE": "rijbewijsnummer",
    "CASE_NUMBER": "klant- of zaaknummer",
    "CLIENT_NUMBER": "klant- of zaaknummer",
    "SUSPECT": "mogelijk persoonsgegeven",
}


def entity_label(entity_type: str) -> str:
    """The Dutch label of an entity type; an unknown type reads as plain lower-case words."""
    return ENTITY_LABELS.get(entity_type, entity_type.replace("_", " ").lower())

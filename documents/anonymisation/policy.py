"""Step 4: what goes and what stays, per gedragscode article. A pure function over plain values.

Roles of a finding: ``sender`` (matches the sender details from intake), ``registry`` (an office
holder or civil servant from the registry), ``office`` (the griffie's and the municipality's own
contact details, from settings), ``municipality`` (the sending organisation's own address:
from intake, or in its own letterhead), ``other`` (anyone else: citizens, staff of
organisations).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .types import AnonymisationOptions

REDACT, KEEP = "redact", "keep"

CONTACT = {"ADDRESS", "POSTCODE", "PHONE", "EMAIL"}
SENSITIVE = {"IBAN", "BSN", "DATE_OF_BIRTH", "LICENCE_PLATE", "ID_NUMBER"}
# Where someone lives or was born: a place name, public in itself, personal in 3f.
PLACES = {"RESIDENCE", "BIRTHPLACE"}
GOVERNMENT_SENDERS = {"college", "office_holder", "fractie", "civil_servant", "government"}

NEUTRAL_OTHERS = "belanghebbende"
REPLACEMENTS = {
    "ADDRESS": "[adres]",
    "POSTCODE": "[postcode]",
    "PHONE": "[telefoon]",
    "EMAIL": "[e-mail]",
    "IBAN": "[IBAN]",
    "BSN": "[BSN]",
    "DATE_OF_BIRTH": "[geboortedatum]",
    "RESIDENCE": "[woonplaats]",
    "BIRTHPLACE": "[geboorteplaats]",
    "LICENCE_PLATE": "[kenteken]",
    "ID_NUMBER": "[documentnummer]",
    "SOCIAL_HANDLE": "[account]",
    "SIGNATURE": "",
    "PAGE": "",
    "ORGANISATION": "",
}
GENERIC_MAILBOXES = (
    "info",
    "post",
    "postbus",
    "secretariaat",
    "contact",
    "bestuur",
    "algemeen",
    "mail",
    "griffie",
    "gemeente",
    "administratie",
    "receptie",
    "service",
    "klantenservice",
    "kcc",
)


def replacement_for(entity_type: str, role: str, neutral_term: str) -> str:
    if entity_type == "PERSON":
        return neutral_term if role == "sender" else NEUTRAL_OTHERS
    return REPLACEMENTS.get(entity_type, "[verwijderd]")


def is_generic_mailbox(email: str) -> bool:
    local = email.split("@", 1)[0].lower().replace("\n", "")
    return local in GENERIC_MAILBOXES


def decide(
    *,
    category: str,
    sender_type: str,
    entity_type: str,
    role: str = "other",
    consent: bool = False,
    text: str = "",
) -> tuple[str, str]:
    """Return (action, reason) for one finding."""
    # 3c petition / 3e burgerinitiatief: signatory lists and support declarations are never
    # published, not even with consent.
    if entity_type == "PAGE":
        if category == "petition":
            return REDACT, "3c: lijst met ondertekenaars wordt nooit gepubliceerd"
        if category == "citizens_initiative":
            return REDACT, "3e: ondersteuningsverklaringen worden niet gepubliceerd"
        return KEEP, "pagina blijft"
    # Names of organisations (shops, banks, foundations) are no personal data.
    if entity_type == "ORGANISATION":
        return KEEP, "naam van een organisatie blijft staan"
    # A BSN may only be processed where the law requires it (Wabb/UAVG art. 46): never published.
    if entity_type == "BSN":
        return REDACT, "BSN wordt nooit gepubliceerd"
    if role == "office" and entity_type in CONTACT | PLACES:
        return KEEP, "contactgegevens van de griffie of de gemeente zelf"
    if role == "municipality" and entity_type in CONTACT | PLACES:
        return KEEP, "eigen adres van de afzender (organisatie of overheid)"
    if role == "registry" and entity_type == "PERSON":
        return KEEP, "3a/3b: publieke ambtsdrager of ambtenaar uit het register"
    if role == "registry" and entity_type == "EMAIL":
        return KEEP, "3a: e-mailadres van publieke ambtsdrager uit het register"
    if role == "official" and entity_type == "PERSON":
        return KEEP, "3a/3b: ondertekent in functie (secretaris, burgemeester, griffier)"
    if consent:
        return KEEP, "3c/3e: afzender vraagt publicatie met persoonsgegevens (geen bezwaar)"
    if entity_type == "SIGNATURE":
        return REDACT, "3c/3e/3h: handtekeningen worden afgeplakt"

    if category == "appointment":
        if entity_type == "PERSON" and role in {"sender", "appointee"}:
            return KEEP, "3f: naam van de benoemde"
        if entity_type in PLACES:
            return REDACT, "3f: woon- of geboorteplaats van de benoemde wordt niet gepubliceerd"
        return REDACT, "3f: alleen de naam van de benoemde wordt gepubliceerd"
    if entity_type in PLACES:
        return KEEP, "plaatsnaam blijft staan"
    if category == "activity":
        if entity_type in {"PERSON", "PHONE", "EMAIL"}:
            return KEEP, "3h: contactpersoon met telefoon en e-mail"
        return REDACT, "3h: geen adres of andere persoonsgegevens"
    if category == "speaker":
        if entity_type == "PERSON":
            return KEEP, "3d: inspreekbijdrage wordt met naam gepubliceerd"
        return REDACT, "3d: contactgegevens en andere persoonsgegevens eruit"
    if category == "citizens_initiative" and entity_type == "PERSON" and role == "sender":
        return KEEP, "3e: namen van de initiatiefnemers mogen blijven"

    if category == "college_answer":
        # The intake details of a college answer are the addressee's (who wrote to the raad).
        return REDACT, "3g: alle persoonsgegevens eruit"

    if sender_type in GOVERNMENT_SENDERS and role == "sender":
        if sender_type in {"office_holder", "fractie", "college"}:
            if entity_type in {"PERSON", "EMAIL"}:
                return KEEP, "3a: naam en e-mail van publieke ambtsdrager"
            return REDACT, "3a: adres en telefoon alleen met toestemming"
        if entity_type == "PERSON":
            return KEEP, "3b: naam van de ambtenaar"
        return REDACT, "3b: nooit e-mail of direct telefoonnummer van een ambtenaar"

    if sender_type == "organisation" and category in {"letter", "petition"}:
        # Only the organisation's own address stays (role 'municipality', from
        # keep_addresses, handled above) and its P.O. box; any other street address is
        # someone's home.
        if entity_type == "ADDRESS" and text.strip().lower().startswith("postbus"):
            return KEEP, "3c: postbus van de organisatie blijft"
        if entity_type == "EMAIL" and is_generic_mailbox(text):
            return KEEP, "3c: algemeen adres van de organisatie"
        return REDACT, "3c: persoonlijke contactgegevens van medewerkers en leden eruit"

    reasons = {
        "letter": "3c: brief van een burger wordt geanonimiseerd",
        "petition": "3c: persoonsgegevens in de petitie eruit",
        "view": "3e: zienswijze wordt geanonimiseerd",
        "objection": "3e: stuk in bezwaarprocedure wordt geanonimiseerd",
        "citizens_initiative": "3e: adressen en andere persoonsgegevens eruit",
        "college_answer": "3g: alle persoonsgegevens eruit",
    }
    return REDACT, reasons.get(category, "persoonsgegevens eruit")


def decide_for(
    options: AnonymisationOptions, *, entity_type: str, role: str, text: str
) -> tuple[str, str]:
    """:func:`decide` for one finding of a document anonymised with ``options``."""
    return decide(
        category=options.category,
        sender_type=options.sender_type,
        entity_type=entity_type,
        role=role,
        consent=options.consent_personal_data,
        text=text,
    )

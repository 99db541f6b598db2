"""Step 4: what goes and what stays, per gedragscode article. A pure function over plain values.

Roles of a finding: ``sender`` (matches the sender details from intake), ``registry`` (an office
holder or civil servant from the registry), ``office`` (the griffie's and the municipality's own
contact details, from settings), ``municipality`` (the sending organisation's own address:
from intake, or in its own letterhead), ``other`` (anyone else: citizens, staff of
organisations).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from .types import Action, AnonymisationOptions

REDACT: Final = "redact"
KEEP: Final = "keep"

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


Decision = tuple["Action", str]


@dataclass(frozen=True)
class Question:
    """What the policy looks at for one finding."""

    category: str
    sender_type: str
    entity_type: str
    role: str
    consent: bool
    text: str


def _never_personal_or_always_redacted(f: Question) -> Decision | None:
    """Whole pages of signatories (3c/3e), organisations' names and the BSN."""
    if f.entity_type == "PAGE":
        # 3c petition / 3e burgerinitiatief: signatory lists and support declarations are
        # never published, not even with consent.
        if f.category == "petition":
            return REDACT, "3c: lijst met ondertekenaars wordt nooit gepubliceerd"
        if f.category == "citizens_initiative":
            return REDACT, "3e: ondersteuningsverklaringen worden niet gepubliceerd"
        return KEEP, "pagina blijft"
    # Names of organisations (shops, banks, foundations) are no personal data.
    if f.entity_type == "ORGANISATION":
        return KEEP, "naam van een organisatie blijft staan"
    # A BSN may only be processed where the law requires it (Wabb/UAVG art. 46): never.
    if f.entity_type == "BSN":
        return REDACT, "BSN wordt nooit gepubliceerd"
    return None


def _by_role(f: Question) -> Decision | None:
    """Who the finding belongs to: the office itself, the sender's organisation, the
    registry of office holders, an official signing in office."""
    if f.role == "office" and f.entity_type in CONTACT | PLACES:
        return KEEP, "contactgegevens van de griffie of de gemeente zelf"
    if f.role == "municipality" and f.entity_type in CONTACT | PLACES:
        return KEEP, "eigen adres van de afzender (organisatie of overheid)"
    if f.role == "registry" and f.entity_type == "PERSON":
        return KEEP, "3a/3b: publieke ambtsdrager of ambtenaar uit het register"
    if f.role == "registry" and f.entity_type == "EMAIL":
        return KEEP, "3a: e-mailadres van publieke ambtsdrager uit het register"
    if f.role == "official" and f.entity_type == "PERSON":
        return KEEP, "3a/3b: ondertekent in functie (secretaris, burgemeester, griffier)"
    return None


def _consent_and_signatures(f: Question) -> Decision | None:
    if f.consent:
        return KEEP, "3c/3e: afzender vraagt publicatie met persoonsgegevens (geen bezwaar)"
    if f.entity_type == "SIGNATURE":
        return REDACT, "3c/3e/3h: handtekeningen worden afgeplakt"
    return None


def _appointment(f: Question) -> Decision | None:
    """3f: of an appointment only the appointee's name is published."""
    if f.category != "appointment":
        return None
    if f.entity_type == "PERSON" and f.role in {"sender", "appointee"}:
        return KEEP, "3f: naam van de benoemde"
    if f.entity_type in PLACES:
        return REDACT, "3f: woon- of geboorteplaats van de benoemde wordt niet gepubliceerd"
    return REDACT, "3f: alleen de naam van de benoemde wordt gepubliceerd"


def _places_and_public_roles(f: Question) -> Decision | None:
    """Place names stay; 3h activities, 3d speakers, 3e initiators and 3g college answers."""
    if f.entity_type in PLACES:
        return KEEP, "plaatsnaam blijft staan"
    if f.category == "activity":
        if f.entity_type in {"PERSON", "PHONE", "EMAIL"}:
            return KEEP, "3h: contactpersoon met telefoon en e-mail"
        return REDACT, "3h: geen adres of andere persoonsgegevens"
    if f.category == "speaker":
        if f.entity_type == "PERSON":
            return KEEP, "3d: inspreekbijdrage wordt met naam gepubliceerd"
        return REDACT, "3d: contactgegevens en andere persoonsgegevens eruit"
    if f.category == "citizens_initiative" and f.entity_type == "PERSON" and f.role == "sender":
        return KEEP, "3e: namen van de initiatiefnemers mogen blijven"
    if f.category == "college_answer":
        # The intake details of a college answer are the addressee's (who wrote to the raad).
        return REDACT, "3g: alle persoonsgegevens eruit"
    return None


def _government_sender(f: Question) -> Decision | None:
    """3a office holders (name and e-mail) and 3b civil servants (name only) as senders."""
    if f.sender_type not in GOVERNMENT_SENDERS or f.role != "sender":
        return None
    if f.sender_type in {"office_holder", "fractie", "college"}:
        if f.entity_type in {"PERSON", "EMAIL"}:
            return KEEP, "3a: naam en e-mail van publieke ambtsdrager"
        return REDACT, "3a: adres en telefoon alleen met toestemming"
    if f.entity_type == "PERSON":
        return KEEP, "3b: naam van de ambtenaar"
    return REDACT, "3b: nooit e-mail of direct telefoonnummer van een ambtenaar"


def _organisation_sender(f: Question) -> Decision | None:
    """3c: an organisation's letter keeps its own P.O. box and general mailbox only (its own
    address has role 'municipality', from keep_addresses, handled above); any other street
    address is someone's home."""
    if f.sender_type != "organisation" or f.category not in {"letter", "petition"}:
        return None
    if f.entity_type == "ADDRESS" and f.text.strip().lower().startswith("postbus"):
        return KEEP, "3c: postbus van de organisatie blijft"
    if f.entity_type == "EMAIL" and is_generic_mailbox(f.text):
        return KEEP, "3c: algemeen adres van de organisatie"
    return REDACT, "3c: persoonlijke contactgegevens van medewerkers en leden eruit"


DEFAULT_REASONS = {
    "letter": "3c: brief van een burger wordt geanonimiseerd",
    "petition": "3c: persoonsgegevens in de petitie eruit",
    "view": "3e: zienswijze wordt geanonimiseerd",
    "objection": "3e: stuk in bezwaarprocedure wordt geanonimiseerd",
    "citizens_initiative": "3e: adressen en andere persoonsgegevens eruit",
    "college_answer": "3g: alle persoonsgegevens eruit",
}

# The rules in the order the gedragscode puts them: the first that decides, decides.
RULES = (
    _never_personal_or_always_redacted,
    _by_role,
    _consent_and_signatures,
    _appointment,
    _places_and_public_roles,
    _government_sender,
    _organisation_sender,
)


def decide(
    *,
    category: str,
    sender_type: str,
    entity_type: str,
    role: str = "other",
    consent: bool = False,
    text: str = "",
) -> Decision:
    """Return (action, reason) for one finding: the first rule of :data:`RULES` that
    decides, else redact with the reason of the category."""
    question = Question(category, sender_type, entity_type, role, consent, text)
    for rule in RULES:
        decision = rule(question)
        if decision is not None:
            return decision
    return REDACT, DEFAULT_REASONS.get(category, "persoonsgegevens eruit")


def decide_for(
    options: AnonymisationOptions, *, entity_type: str, role: str, text: str
) -> Decision:
    """:func:`decide` for one finding of a document anonymised with ``options``."""
    return decide(
        category=options.category,
        sender_type=options.sender_type,
        entity_type=entity_type,
        role=role,
        consent=options.consent_personal_data,
        text=text,
    )

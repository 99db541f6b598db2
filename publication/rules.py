"""The gedragscode as a pure function: what may be published of an incoming document.

No database, no Django models: plain values in, a :class:`PublicationOutcome` out.
Table-tested in ``tests/publication/test_rules.py`` (one row per article).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from documents.models import Category, SenderType


class Outcome(models.TextChoices):
    LISTED_ONLY = "listed_only", _("niet gepubliceerd, wel vermeld op de lijst ingekomen stukken")
    LISTED_ANONYMISED = "listed_anonymised", _("vermeld en geanonimiseerd gepubliceerd")
    PUBLISHED_IN_FULL = (
        "published_in_full",
        _("volledig gepubliceerd, met persoonsgegevens (uitdrukkelijke toestemming)"),
    )
    PUBLISHED_CONTACTS_REMOVED = (
        "published_contacts_removed",
        _("gepubliceerd; persoonlijke contactgegevens verwijderd, handtekeningen afgeplakt"),
    )
    PETITION_TEXT_ONLY = (
        "petition_text_only",
        _("tekst van de petitie gepubliceerd; lijst met ondertekenaars nooit"),
    )
    NAMES_ONLY = "names_only", _("alleen de naam van de benoemde gepubliceerd")
    PUBLISHED_WITH_MEETING = (
        "published_with_meeting",
        _("bijdrage gepubliceerd bij de besluitenlijst van de vergadering"),
    )
    ANONYMISED = "anonymised", _("geanonimiseerd gepubliceerd, handtekeningen afgeplakt")
    INITIATORS_NAMED = (
        "initiators_named",
        _(
            "gepubliceerd met namen van de initiatiefnemers; overige persoonsgegevens geanonimiseerd"
        ),
    )
    CONTACT_PERSON = (
        "contact_person",
        _("gepubliceerd met naam, telefoon en/of e-mail van de contactpersoon; geen adres"),
    )
    OFFICE_HOLDER = (
        "office_holder",
        _(
            "gepubliceerd; naam en e-mail van de ambtsdrager, adres en telefoon alleen met toestemming"
        ),
    )
    CIVIL_SERVANT = (
        "civil_servant",
        _("gepubliceerd; van ambtenaren alleen naam en afdeling, geen e-mail of doorkiesnummer"),
    )


# Which outcomes publish a file, and whether personal data must be removed first.
# Every outcome with a file publishes the griffie-approved ANONYMISED file, except
# PUBLISHED_IN_FULL, which may publish the received version (explicit consent only).
NEEDS_FILE = {
    Outcome.LISTED_ONLY: False,
    Outcome.LISTED_ANONYMISED: True,
    Outcome.PUBLISHED_IN_FULL: True,
    Outcome.PUBLISHED_CONTACTS_REMOVED: True,
    Outcome.PETITION_TEXT_ONLY: True,
    Outcome.NAMES_ONLY: True,
    Outcome.PUBLISHED_WITH_MEETING: True,
    Outcome.ANONYMISED: True,
    Outcome.INITIATORS_NAMED: True,
    Outcome.CONTACT_PERSON: True,
    Outcome.OFFICE_HOLDER: True,
    Outcome.CIVIL_SERVANT: True,
}
NEEDS_ANONYMISATION = {
    outcome: needs_file and outcome not in (Outcome.PUBLISHED_IN_FULL,)
    for outcome, needs_file in NEEDS_FILE.items()
}
# An inspreker's contribution is published integrally (3d): nothing is removed, but the
# published file is still the version the griffie reviewed.
NEEDS_ANONYMISATION[Outcome.PUBLISHED_WITH_MEETING] = False


@dataclass(frozen=True)
class PublicationOutcome:
    outcome: Outcome
    article: str
    explanation: str
    needs_file: bool
    needs_anonymisation: bool
    may_publish_original: bool = False

    @property
    def label(self) -> str:
        return str(self.outcome.label)


def _result(
    outcome: Outcome,
    article: str,
    explanation: str,
    *,
    fractie: bool = False,
    may_publish_original: bool = False,
) -> PublicationOutcome:
    if fractie:
        article = f"{article} jo. 5"
        explanation += " Dit stuk is ingediend door een fractie; dezelfde regels gelden (art. 5)."
    return PublicationOutcome(
        outcome=outcome,
        article=article,
        explanation=explanation,
        needs_file=NEEDS_FILE[outcome],
        needs_anonymisation=NEEDS_ANONYMISATION[outcome],
        may_publish_original=may_publish_original,
    )


def decide_publication(
    category: str,
    sender_type: str,
    *,
    consent_publish_personal_data: bool = False,
    no_objection_personal_data: bool = False,
    consent_office_holder_contact: bool = False,
    submitted_by_fractie: bool = False,
) -> PublicationOutcome:
    """The gedragscode's proposal for one document (art. 3, with art. 5 for fracties)."""
    f = submitted_by_fractie
    if category == Category.PETITION:
        # Consent given elsewhere (e.g. petities.nl) never covers the signatory list.
        return _result(
            Outcome.PETITION_TEXT_ONLY,
            "3c",
            "De tekst van de petitie wordt gepubliceerd; de lijst met ondertekenaars nooit, "
            "ook niet met hun toestemming. Die lijst is vertrouwelijk in te zien voor raadsleden.",
            fractie=f,
        )
    if category == Category.SPEAKER:
        return _result(
            Outcome.PUBLISHED_WITH_MEETING,
            "3d",
            "De bijdrage van de inspreker wordt integraal bij de besluitenlijst van de "
            "vergadering gepubliceerd; de inspreker is daarover vooraf geïnformeerd.",
            fractie=f,
        )
    if category == Category.VIEW:
        if no_objection_personal_data or consent_publish_personal_data:
            return _result(
                Outcome.PUBLISHED_IN_FULL,
                "3e",
                "De betrokkene heeft geen bezwaar tegen publicatie van de persoonsgegevens; "
                "het stuk wordt volledig gepubliceerd.",
                fractie=f,
                may_publish_original=True,
            )
        return _result(
            Outcome.ANONYMISED,
            "3e",
            "Bijlage bij een raadsvoorstel: persoonsgegevens worden geanonimiseerd en "
            "handtekeningen afgeplakt, tenzij de betrokkene geen bezwaar heeft.",
            fractie=f,
        )
    if category == Category.OBJECTION:
        return _result(
            Outcome.ANONYMISED,
            "3e",
            "Stuk in een bezwaarprocedure: altijd geanonimiseerd, handtekeningen afgeplakt.",
            fractie=f,
        )
    if category == Category.CITIZENS_INITIATIVE:
        return _result(
            Outcome.INITIATORS_NAMED,
            "3e",
            "Burgerinitiatief: de namen van de initiatiefnemers mogen blijven; adressen en "
            "overige persoonsgegevens worden geanonimiseerd, handtekeningen afgeplakt. "
            "Ondersteuningsverklaringen worden niet gepubliceerd.",
            fractie=f,
        )
    if category == Category.APPOINTMENT:
        return _result(
            Outcome.NAMES_ONLY,
            "3f",
            "Benoeming: van de benoemde wordt alleen de naam gepubliceerd.",
            fractie=f,
        )
    if category == Category.COLLEGE_ANSWER:
        return _result(
            Outcome.LISTED_ONLY,
            "3g",
            "Beantwoording door het college: niet gepubliceerd, wel vermeld op de lijst "
            "ingekomen stukken met een neutrale term, datum en onderwerp.",
            fractie=f,
        )
    if category == Category.ACTIVITY:
        return _result(
            Outcome.CONTACT_PERSON,
            "3h",
            "Aankondiging van een activiteit: naam van de contactpersoon met telefoon en/of "
            "e-mail; geen adres tenzij onvermijdelijk; handtekeningen op bijlagen afgeplakt.",
            fractie=f,
        )
    # Letters and other writings (3c), by sender.
    if sender_type in (SenderType.OFFICE_HOLDER, SenderType.FRACTIE):
        if consent_office_holder_contact:
            return _result(
                Outcome.PUBLISHED_IN_FULL,
                "3a",
                "Stuk van een publieke ambtsdrager die instemt met publicatie van adres en "
                "telefoon: volledig gepubliceerd.",
                fractie=f,
                may_publish_original=True,
            )
        return _result(
            Outcome.OFFICE_HOLDER,
            "3a",
            "Stuk van een publieke ambtsdrager: naam en e-mail openbaar; adres en telefoon "
            "worden verwijderd omdat er geen toestemming is.",
            fractie=f,
        )
    if sender_type == SenderType.CIVIL_SERVANT:
        return _result(
            Outcome.CIVIL_SERVANT,
            "3b",
            "Stuk van een ambtenaar: alleen naam (voornaam of voorletters en achternaam) en "
            "eventueel afdeling; e-mail en doorkiesnummer worden verwijderd.",
            fractie=f,
        )
    if sender_type in (SenderType.ORGANISATION, SenderType.COLLEGE, SenderType.GOVERNMENT):
        return _result(
            Outcome.PUBLISHED_CONTACTS_REMOVED,
            "3c",
            "Brief van een organisatie of instelling: in zijn geheel gepubliceerd, maar "
            "persoonlijke contactgegevens van bestuurders, medewerkers en leden verwijderd en "
            "handtekeningen afgeplakt.",
            fractie=f,
        )
    # A citizen, or anything unknown: fail closed.
    if consent_publish_personal_data:
        return _result(
            Outcome.PUBLISHED_IN_FULL,
            "3c",
            "De afzender vraagt uitdrukkelijk om publicatie; de brief wordt volledig "
            "gepubliceerd, met persoonsgegevens.",
            fractie=f,
            may_publish_original=True,
        )
    return _result(
        Outcome.LISTED_ONLY,
        "3c",
        "Brief van een burger: niet gepubliceerd, wel vermeld op de lijst ingekomen stukken "
        "met een neutrale term, datum van ontvangst en kort onderwerp. Als dat voor "
        "transparantie nodig is, kan de griffie besluiten tot geanonimiseerde publicatie.",
        fractie=f,
    )


def override_requires_reason(proposed: str, chosen: str) -> bool:
    return proposed != chosen

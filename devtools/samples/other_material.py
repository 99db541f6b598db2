"""Sentences in the forms that material written elsewhere uses (issue 8), with ground truth.

Each form is a pattern seen in Dutch test material of other projects, written here with our own
invented values: long compound surnames, names after roles and verbs, first names alone,
informal lower-case text, abbreviated interfixes, house-number additions, abbreviated street
types, phone numbers in brackets, with a country code (also foreign) or a digit short, dates of
birth in every notation, account numbers with a wrong check digit, identity-document numbers, handles, client numbers.
And the things that look personal but stay: postcode-shaped section numbers, venues named after
a person, a place after a legal form, medical eponyms.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from .people import BANKS, MONTHS, Person, dutch_iban, elfproef, latin1

# Invented surname parts for long compound surnames (not in any name list on purpose: the
# engine must find them from their context).
_RARE_PARTS = [
    "Wierdenbroek",
    "Oudevelder",
    "Zandvlieter",
    "Kortewind",
    "Brakelmeijer",
    "Heemsloot",
    "Dalfsema",
    "Overkampen",
    "Roodesande",
    "Vinkenhoeve",
]
_INTERFIXES = ["van", "de", "van der", "van den", "ter", "op den"]
# Invented stems and endings of Dutch family names (-ink, -inga, -stra, -sma, -mans): a
# surname that no list has, shaped as the language shapes them (issue 16).
_SURNAME_STEMS = ["Kwakkel", "Brakel", "Wolder", "Dalfs", "Heemsl", "Zandvl"]
_SURNAME_ENDINGS = ["ink", "inga", "stra", "sma", "mans"]
_CAPS_FIRST_NAMES = ["WOUTER", "ANNEKE", "GERRIT", "JORIEN", "HENDRIKA"]
# Issue 16: the name forms of the population register and of the language, with invented parts.
_REGISTER_PREFIXES = ["in het", "'t", "uit den", "Van Der", "ver", "op ten", "van 't", "In 't"]
_NOBILITY = ["baron", "barones", "graaf", "gravin", "jonkheer", "jonkvrouw", "ridder"]
_FLEMISH = ["Vande", "Vanden", "Vander"]
_LABELS = ["Aanvrager", "Persoon", "Contactpersoon", "Betrokkene", "Bewoner"]
_ROLES = [
    "Opdrachtgever: {name}.",
    "De sleutel is afgegeven aan {name} op de dag van de oplevering.",
    "De website wordt beheerd door {name} (zie de bijlage).",
    "Ik schrijf u namens {name}, die zelf niet kan komen.",
    "Contactpersoon: {name}, bereikbaar via de griffie.",
]
_STREET_ABBREVIATIONS = [
    ("straat", "str."),
    ("laan", "ln"),
    ("weg", "wg"),
    ("plein", "pln"),
    ("dreef", "drf"),
    ("gracht", "gr"),
    ("hof", "hf"),
    ("markt", "mrkt"),
    ("pad", "pd"),
    ("plantsoen", "plnts"),
    ("park", "prk"),
    ("singel", "sngl"),
]
_ADDITIONS = ["bis", "-2", " 2-hoog", " hs", " A", "-II"]
_ID_LABELS = ["paspoort", "identiteitskaart", "ID-kaart", "rijbewijs"]
_CLIENT_LABELS = ["klantnummer", "cliëntnummer", "dossiernummer", "patiëntnummer"]
_VENUES = ["Stadion", "Sporthal", "Schouwburg", "Huis", "Brug"]
_DOC_LETTERS = "ABCDEFGHJKLMNPRSTUVWXZ"


def _rare_surname(rng: random.Random) -> str:
    first, second = rng.sample(_RARE_PARTS, 2)
    return rng.choice(
        [
            f"{rng.choice(_INTERFIXES)} {first}-{second}",
            f"{first} {rng.choice(['van', 'de'])} {second}",
            f"{rng.choice(_INTERFIXES)} {first} {second}",
        ]
    )


def _document_number(rng: random.Random) -> str:
    middle = "".join(rng.choice(_DOC_LETTERS + "0123456789") for _ in range(6))
    return rng.choice(_DOC_LETTERS) + rng.choice(_DOC_LETTERS) + middle + str(rng.randint(0, 9))


def mistyped_iban(rng: random.Random) -> str:
    """A Dutch account number whose check digits do not add up (a typo)."""
    bban = rng.choice(BANKS) + "".join(str(rng.randint(0, 9)) for _ in range(10))
    good = int(dutch_iban(bban)[2:4])
    wrong = (good + rng.randint(1, 90)) % 97 or 1
    if wrong == good:  # only when good is 1 and the step wraps to 0
        wrong = 2
    return dutch_iban(bban, check_digits=f"{wrong:02d}")


def mistyped_bsn(rng: random.Random) -> str:
    while True:
        digits = "".join(str(rng.randint(0, 9)) for _ in range(9))
        if digits[0] != "0" and not elfproef(digits):
            return digits


def _birth_date(rng: random.Random) -> tuple[str, dt.date]:
    day = dt.date(rng.randint(1940, 2012), rng.randint(1, 12), rng.randint(1, 28))
    text = rng.choice(
        [
            day.isoformat(),
            f"{day.day} {MONTHS[day.month - 1]} {day.year}",
            f"{day.day}-{day.month}-{day.year % 100:02d}",
            f"{day.day:02d}.{day.month:02d}.{day.year}",
        ]
    )
    return text, day


def _handle(rng: random.Random, person: Person) -> str:
    slug = "".join(c for c in latin1(person.first + person.last).lower() if c.isalnum())
    return "@" + rng.choice([slug, f"{slug[:8]}_{rng.randint(10, 99)}", f"{slug[:6]}.nl"])


def _shaped_surname(rng: random.Random) -> str:
    return rng.choice(_SURNAME_STEMS) + rng.choice(_SURNAME_ENDINGS)


class OtherMaterial:
    """Writes one sentence per form; ``mark_personal``/``mark_keep`` record the truth."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.rng: random.Random = ctx.rng

    def sentence(self) -> str:
        forms: list[Callable[[], str]] = [
            self.compound_surname,
            self.name_after_role,
            self.first_names_alone,
            self.informal_lower_case,
            self.abbreviated_interfix,
            self.address_with_addition,
            self.phone_forms,
            self.date_of_birth,
            self.identifiers,
            self.handle,
            self.lookalikes,
            self.register_name_forms,
        ]
        return self.rng.choice(forms)()

    def register_name_forms(self) -> str:
        """Issue 16: a surname with a register prefix in any capitalisation, a noble title
        between initials and surname, naamgebruik with a hyphen, a Flemish prefix, a surname
        alone after a label, in a list of persons or next to a verb, and in lower case after
        a title. Every surname part is invented."""
        rng = self.rng
        first, second = rng.sample(_RARE_PARTS, 2)
        initials = "".join(f"{rng.choice('ABCDEHJKLMPRSTW')}." for _ in range(rng.randint(1, 2)))
        form = rng.randrange(30)
        if form == 0:
            name = f"{initials} {rng.choice(_REGISTER_PREFIXES)} {first}"
            sentence = f"De melding is gedaan door {name} na de storm."
        elif form == 1:
            name = f"{initials} {rng.choice(_NOBILITY)} van {first}"
            sentence = f"Het perceel ernaast is eigendom van {name}."
        elif form == 2:
            name = rng.choice(
                [
                    f"{initials} {first}-de {second}",
                    f"{initials} van {first} - {second}",
                    f"{initials} {first}-Van {second}",
                ]
            )
            sentence = f"Namens de buurt schrijft mevrouw {name} ook een brief."
        elif form == 3:
            name = f"{self._person().first} {rng.choice(_FLEMISH)} {first}"
            sentence = f"Ook {name} heeft bezwaar gemaakt."
        elif form == 4:
            name = first
            sentence = f"{rng.choice(_LABELS)}: {name}"
        elif form == 5:
            names = [first, f"De {second}"]
            for name in names:
                self.ctx.mark_personal("PERSON", name)
            return f"Aanwezig bij de schouw waren {names[0]}, {names[1]} en een medewerker."
        elif form == 6:
            name = first
            sentence = f"Volgens {name} is de stoep te smal voor een rolstoel."
        elif form == 7:
            name = f"van {first}".lower()
            sentence = f"toen kwam mevrouw {name} van hiernaast ook kijken."
        elif form == 8:
            name = f"{first}, {initials} {rng.choice(['van der', 'van den', 'de', 'v.d.'])}"
            sentence = f"Vacatiegeld: {name} (2 vergaderingen)."
        elif form == 9:
            name = f"{initials} {first.upper()}"
            sentence = f"De bewonersavond is geregeld door {name} van de buurtvereniging."
        elif form == 11:
            name = f"{initials} ({self._person().first}) {first}"
            sentence = f"Verzoeker: de heer {name}"
        elif form == 12:
            name = first
            sentence = f"{name}, wonende aan de dijk, verzoekt om uitstel van de betaling."
        elif form == 13:
            names = [first, second]
            for name in names:
                self.ctx.mark_personal("PERSON", name)
            return f"De heren {names[0]} en {names[1]} waren ook bij de schouw."
        elif form == 14:
            name = f"{rng.choice(_FLEMISH)}{first.lower()}"
            sentence = f"Gisteren sprak ik met {name} over de heg."
        elif form == 15:
            names = [_shaped_surname(rng), _shaped_surname(rng)]
            if names[0] == names[1]:
                names = names[:1]
            for name in names:
                self.ctx.mark_personal("PERSON", name)
            return "Contactpersonen van de buurt\n" + "\n".join(names) + "\n"
        elif form == 16:
            name = rng.choice([f"d'{first}", f"{rng.choice(['de', 'van', 'ter'])}{first}"])
            sentence = f"Vergoeding {name} 2026."
        elif form == 17:
            name = _shaped_surname(rng)
            sentence = f"Gisteren sprak ik met {name} over de heg."
        elif form == 18:
            caps = [first.upper(), rng.choice(_CAPS_FIRST_NAMES)]
            name = " ".join(caps if rng.random() < 0.5 else caps[::-1])
            sentence = f"DECLARATIE {name} REISKOSTEN 2026"
        elif form == 19:
            name = f"{initials} {rng.choice(['VAN DER', 'VAN DEN', 'DE', 'TER'])} {first.upper()}"
            sentence = f"De aanvraag van {name} is binnen."
        elif form == 20:
            name = _shaped_surname(rng).lower()
            sentence = f"Hoi {name},"
        elif form == 21:
            name = first
            label = rng.choice(["Contactpersoon: Dhr.", "Getekend:", "Aanvrager: mevrouw"])
            sentence = f"{label} {name}"
        elif form == 23:
            name = f"{rng.choice(['Van Der', 'Van Den', 'Ter'])} {rng.choice(['Brug', 'Molen', 'Kapel'])}"
            sentence = f"Daarna sprak {name} over de heg."
        elif form == 24:
            names = [first, second]
            for name in names:
                self.ctx.mark_personal("PERSON", name)
            return f"Ik heb het besproken met {names[0]} en {names[1]}."
        elif form == 25:
            name = rng.choice(["jorien", "marloes", "wietske", "gerbrand"])
            sentence = f"ik sprak gisteren met {name} over de heg"
        elif form == 26:
            name = rng.choice(["Gerritsen", "Hendriks", "Willems", "Dirksen", "Pieterse"])
            sentence = f"Daarna kwam {name} nog even langs."
        elif form == 27:
            name = first
            sentence = f"{name} heeft gebeld over de heg."
        elif form == 28:
            name = f"'s-{first}"
            sentence = f"Namens de buurt schrijft de heer {name} ook een brief."
        elif form == 29:
            name = f"{initials} {first}"
            sentence = f"Voor eensluidend afschrift, w.g. {name}"
        elif form == 22:
            name = f"van {first}" + rng.choice(["", f" tot {second}"])
            sentence = f"De {rng.choice(['graaf', 'gravin', 'baron'])} {name} kwam ook kijken."
        else:
            person = self._person()
            third = rng.choice([part for part in _RARE_PARTS if part not in (first, second)])
            names = [f"{person.first} {first}", second.lower(), third.lower()]
            for name in names:
                self.ctx.mark_personal("PERSON", name)
            return f"{', '.join(names[:-1])} en {names[-1]} kwamen ook even kijken."
        self.ctx.mark_personal("PERSON", name)
        return sentence

    def _person(self) -> Person:
        return self.ctx.pf.person(place=self.ctx.place)

    def compound_surname(self) -> str:
        person = self._person()
        name = f"{person.first} {_rare_surname(self.rng)}"
        self.ctx.mark_personal("PERSON", name)
        return f"Het verzoek komt mede van {name}, die de situatie al jaren kent."

    def name_after_role(self) -> str:
        person = self._person()
        name = f"{person.first} {_rare_surname(self.rng)}"
        self.ctx.mark_personal("PERSON", name)
        return self.rng.choice(_ROLES).format(name=name)

    def first_names_alone(self) -> str:
        first, second = self._person().first, self._person().first
        self.ctx.mark_personal("PERSON", first)
        self.ctx.mark_personal("PERSON", second)
        return self.rng.choice(
            [
                f"Mijn kinderen {first} en {second} fietsen daar elke dag naar school.",
                f"Onze kleinkinderen {first} en {second} spelen er vaak.",
            ]
        )

    def informal_lower_case(self) -> str:
        person = self._person()
        name = f"{person.first} {person.last}".lower()
        self.ctx.mark_personal("PERSON", name)
        return f"ps. mijn naam is {name} en ik woon hier al twintig jaar"

    def abbreviated_interfix(self) -> str:
        person = self._person()
        surname = person.last.split()[-1]
        abbreviation = self.rng.choice(["v.d.", "v/d"])
        name = f"{person.first[0]}. {abbreviation} {surname}"
        self.ctx.mark_personal("PERSON", name)
        return f"Ook {name} heeft hierover een melding gedaan."

    def address_with_addition(self) -> str:
        person = self._person()
        street = person.street
        for suffix, short in _STREET_ABBREVIATIONS:
            if street.endswith(suffix) and self.rng.random() < 0.5:
                street = street[: -len(suffix)] + short
                break
        address = f"{street} {self.rng.randint(2, 140)}{self.rng.choice(_ADDITIONS)}"
        self.ctx.mark_personal("ADDRESS", address)
        self.ctx.mark_personal("POSTCODE", person.postcode)
        return f"De overlast begint bij het pand {address}, {person.postcode} {person.place}."

    def phone_forms(self) -> str:
        rng = self.rng
        digits = "".join(str(rng.randint(0, 9)) for _ in range(8))
        phone = rng.choice(
            [
                f"(0113) {digits[:6]}",
                f"(06) {digits}",
                f"+31 (6) {digits}",
                f"0031 6 {digits}",
                f"+31 (0)6 {digits[:2]} {digits[2:5]} {digits[5:]}",
                f"(06)-{digits[:4]} {digits[4:]}",
                f"+32 4{digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}",
                f"0{rng.randint(10, 99)}-{digits[:6]}",  # a digit short
            ]
        )
        self.ctx.mark_personal("PHONE", phone)
        return f"Mijn buurman wil best toelichten wat hij heeft gezien; bel hem op {phone}."

    def date_of_birth(self) -> str:
        text, _ = _birth_date(self.rng)
        self.ctx.mark_personal("DATE_OF_BIRTH", text)
        return self.rng.choice(
            [
                f"Ik ben geboren op {text} en woon hier mijn hele leven al.",
                f"Op {text} kwam ik in dit dorp ter wereld.",
                f"Op {text} is onze jongste geboren, sindsdien letten we extra op.",
                f"Mijn geboortedatum is {text}, voor het geval u dat nodig hebt.",
            ]
        )

    def identifiers(self) -> str:
        rng = self.rng
        kind = rng.choice(["iban", "bsn", "document", "licence", "client"])
        if kind == "iban":
            value = self.ctx.mark_personal("IBAN", mistyped_iban(rng))
            return f"Het voorschot kan terug naar rekening {value}."
        if kind == "bsn":
            value = self.ctx.mark_personal("BSN", mistyped_bsn(rng))
            return f"Mijn BSN is {value}, mocht u het dossier willen opzoeken."
        if kind == "document":
            value = self.ctx.mark_personal("ID_NUMBER", _document_number(rng))
            label = rng.choice(_ID_LABELS[:3])
            return f"Ter controle: mijn {label} heeft nummer {value}."
        if kind == "licence":
            value = "".join(str(rng.randint(0, 9)) for _ in range(10))
            self.ctx.mark_personal("ID_NUMBER", value)
            return f"Bij de controle is mijn rijbewijs {value} ingenomen."
        value = f"{rng.randint(10000, 99999)}-{rng.choice(_DOC_LETTERS)}"
        self.ctx.mark_personal("ID_NUMBER", value)
        return f"Bij de zorgverzekeraar heb ik {rng.choice(_CLIENT_LABELS)} {value}."

    def handle(self) -> str:
        person = self._person()
        handle = _handle(self.rng, person)
        self.ctx.mark_personal("SOCIAL_HANDLE", handle)
        return f"Foto's van de situatie staan op Instagram onder {handle}."

    def lookalikes(self) -> str:
        """Things that look personal but stay."""
        rng = self.rng
        section = f"{rng.randint(1000, 9999)} {rng.choice('ABDEGHJKLMNPRTVXZ')}{rng.choice('BDEGHJKLMNPRTVXZ')}"
        form = rng.choice(["section", "venue", "legal_form", "eponym"])
        if form == "section":
            self.ctx.mark_keep(section)
            return f"Zie sectie {section} van het rapport voor de conclusies."
        if form == "venue":
            person = self._person()
            venue = f"{person.first} {person.last.split()[-1]} {rng.choice(_VENUES)}"
            self.ctx.mark_keep(venue)
            return f"De bijeenkomst was in het {venue} en duurde tot laat."
        if form == "legal_form":
            company = f"Bouwbedrijf {rng.choice(_RARE_PARTS)} B.V."
            self.ctx.mark_keep(company)
            self.ctx.mark_keep("Goes")
            return f"Het werk is gegund aan {company} te Goes."
        self.ctx.mark_keep("E. coli")
        return "In het water van de vijver is E. coli aangetroffen."

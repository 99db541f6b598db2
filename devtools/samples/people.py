"""Names, addresses and identifiers for the sample documents.

Everything here is invented. Names come from Faker's nl_NL locale mixed with short lists of
first names and surnames of other origins common in the Netherlands. Identifiers (BSN, IBAN)
are syntactically valid (elfproef, mod-97) so that detectors that check them are exercised.
Text is restricted to Latin-1 because the sample PDFs use the base-14 fonts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from faker import Faker
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

# --- fixed demo registry of office holders and civil servants (art. 3a/3b) -------------------

REGISTRY: list[dict[str, str]] = [
    {
        "name": "Marieke Verhulst",
        "role": "burgemeester",
        "fractie": "",
        "email": "m.verhulst@noord-beveland.nl",
    },
    {
        "name": "Kees Lodewijks",
        "role": "wethouder",
        "fractie": "CDA",
        "email": "k.lodewijks@noord-beveland.nl",
    },
    {
        "name": "Hatice Yildirim",
        "role": "wethouder",
        "fractie": "PvdA/GroenLinks",
        "email": "h.yildirim@noord-beveland.nl",
    },
    {
        "name": "Adriaan Maljers",
        "role": "wethouder",
        "fractie": "VVD",
        "email": "a.maljers@noord-beveland.nl",
    },
    {
        "name": "Johanna Dominicus",
        "role": "griffier",
        "fractie": "",
        "email": "j.dominicus@noord-beveland.nl",
    },
    {
        "name": "Pieter-Jan Quist",
        "role": "plv. griffier",
        "fractie": "",
        "email": "p.quist@noord-beveland.nl",
    },
    {
        "name": "Cornelis Haasnoot",
        "role": "raadslid",
        "fractie": "SGP",
        "email": "c.haasnoot@raad-noord-beveland.nl",
    },
    {
        "name": "Nadia El Khatib",
        "role": "raadslid",
        "fractie": "PvdA/GroenLinks",
        "email": "n.elkhatib@raad-noord-beveland.nl",
    },
    {
        "name": "Wim Boonstoppel",
        "role": "raadslid",
        "fractie": "CDA",
        "email": "w.boonstoppel@raad-noord-beveland.nl",
    },
    {
        "name": "Anouk Geelhoed",
        "role": "raadslid",
        "fractie": "VVD",
        "email": "a.geelhoed@raad-noord-beveland.nl",
    },
    {
        "name": "Dirk-Jan Overbeeke",
        "role": "raadslid",
        "fractie": "Gemeentebelangen",
        "email": "d.overbeeke@raad-noord-beveland.nl",
    },
    {
        "name": "Sanne Wisse",
        "role": "raadslid",
        "fractie": "D66",
        "email": "s.wisse@raad-noord-beveland.nl",
    },
    {
        "name": "Ruud Kodde",
        "role": "ambtenaar",
        "fractie": "",
        "email": "r.kodde@noord-beveland.nl",
        "department": "afdeling Ruimte",
    },
    {
        "name": "Esther Minderhoud",
        "role": "ambtenaar",
        "fractie": "",
        "email": "e.minderhoud@noord-beveland.nl",
        "department": "afdeling Samenleving",
    },
    {
        "name": "Tariq Benali",
        "role": "ambtenaar",
        "fractie": "",
        "email": "t.benali@noord-beveland.nl",
        "department": "afdeling Bedrijfsvoering",
    },
]

# Direct lines of civil servants (never published, art. 3b) and private numbers of office
# holders (only with consent, art. 3a). Fixed so the registry stays deterministic.
REGISTRY_PRIVATE_PHONE = {
    "Kees Lodewijks": "06-41235871",
    "Cornelis Haasnoot": "06 2871 4430",
    "Nadia El Khatib": "+31 6 18273645",
    "Wim Boonstoppel": "0113-572118",
    "Anouk Geelhoed": "06-55102934",
    "Dirk-Jan Overbeeke": "(0113) 38 12 09",
    "Sanne Wisse": "06 4719 2230",
    "Ruud Kodde": "0113-377312",
    "Esther Minderhoud": "0113 377 428",
    "Tariq Benali": "0113-377 190",
    "Johanna Dominicus": "0113-377 301",
}


def registry(role: str | None = None) -> list[dict[str, str]]:
    return [r for r in REGISTRY if role is None or r["role"] == role]


def registry_names() -> list[str]:
    return [r["name"] for r in REGISTRY]


# --- names of many origins -------------------------------------------------------------------

OTHER_FIRST = {
    "turkish": (
        ["Mehmet", "Emre", "Burak", "Yusuf", "Kemal", "Hakan"],
        ["Ayse", "Elif", "Zeynep", "Fatma", "Esra", "Büsra"],
    ),
    "moroccan": (
        ["Mohamed", "Youssef", "Hamza", "Karim", "Bilal", "Said"],
        ["Fatima", "Samira", "Khadija", "Naima", "Soukaina", "Imane"],
    ),
    "surinamese": (
        ["Ravi", "Sunil", "Errol", "Glenn", "Romano", "Anand"],
        ["Sharmila", "Gracia", "Shanti", "Ingrid", "Priya", "Melissa"],
    ),
    "polish": (
        ["Piotr", "Tomasz", "Krzysztof", "Marek", "Pawel", "Lukasz"],
        ["Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Ewa", "Monika"],
    ),
    "frisian": (
        ["Sjoerd", "Tjeerd", "Wytse", "Hylke", "Jelle", "Sietse"],
        ["Sjoukje", "Geeske", "Tjitske", "Froukje", "Aukje", "Wypkje"],
    ),
    "zeeuws": (
        ["Adriaan", "Kornelis", "Marinus", "Job", "Izaak", "Leendert"],
        ["Janna", "Maatje", "Pieternella", "Adriana", "Kee", "Cornelia"],
    ),
}
OTHER_LAST = {
    "turkish": ["Yilmaz", "Kaya", "Demir", "Sahin", "Çelik", "Öztürk", "Aydin", "Arslan"],
    "moroccan": ["El Amrani", "Bouzid", "Haddou", "Ait Taleb", "Ouali", "El Idrissi", "Benhaddou"],
    "surinamese": ["Ramdin", "Sewnath", "Pinas", "Kromodimedjo", "Doekhie", "Biharie", "Linger"],
    "polish": ["Kowalski", "Nowak", "Wisniewska", "Zielinski", "Wojcik", "Lewandowski"],
    "frisian": ["Hoekstra", "Bosma", "Dijkstra", "Zijlstra", "Wiersma", "Hiemstra", "Sikkema"],
    "zeeuws": [
        "Minderhoud",
        "de Korte",
        "Wisse",
        "Kodde",
        "Dorst",
        "Louwerse",
        "Verhage",
        "Bliek",
        "Dekker",
        "van de Velde",
    ],
}
# Surnames and first names that are also ordinary Dutch words: over-redaction shows up here.
WORD_SURNAMES = [
    "Visser",
    "de Wit",
    "Roos",
    "Bakker",
    "de Boer",
    "Smit",
    "Koster",
    "Mulder",
    "de Vos",
    "de Koning",
    "Kok",
    "Schipper",
    "Groen",
    "de Haan",
    "Storm",
    "de Jong",
]
WORD_FIRST = (
    ["Bas", "Storm", "Job", "Jan", "Ruben"],
    ["Roos", "Fleur", "Hoop", "Bloem", "Mei", "Sterre"],
)

_LATIN1 = str.maketrans(
    {
        "Ş": "S",
        "ş": "s",
        "ł": "l",
        "Ł": "L",
        "ğ": "g",
        "ı": "i",
        "İ": "I",
        "ć": "c",
        "ń": "n",
        "ś": "s",
        "ź": "z",
        "ż": "z",
        "ę": "e",
        "ą": "a",
        "ő": "ö",
        "ű": "ü",
    }
)


def latin1(s: str) -> str:
    s = s.translate(_LATIN1)
    return s.encode("latin-1", "replace").decode("latin-1")


@dataclass
class Person:
    first: str
    last: str  # with tussenvoegsel in lower case, e.g. "van der Berg"
    female: bool
    street: str = ""
    number: str = ""
    postcode: str = ""
    place: str = ""
    email: str = ""
    phone: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def initials(self) -> str:
        parts = self.first.replace("-", " ").split()
        return "".join(p[0] + "." for p in parts)

    @property
    def initials_name(self) -> str:
        return f"{self.initials} {self.last}"

    @property
    def surname_cap(self) -> str:
        """Surname as written without first name: tussenvoegsel capitalised (De Vries)."""
        return self.last[0].upper() + self.last[1:]

    @property
    def title(self) -> str:
        return "mevrouw" if self.female else "de heer"

    @property
    def addressed(self) -> str:
        """'heer De Vries' / 'mevrouw De Vries' as in 'Geachte heer De Vries'."""
        return ("mevrouw " if self.female else "heer ") + self.surname_cap

    @property
    def address(self) -> str:
        return f"{self.street} {self.number}"


PLACES = {
    "Kortgene": (
        "4484",
        [
            "Voorstraat",
            "Havenweg",
            "Stationsweg",
            "Ring",
            "Bevelandsestraat",
            "Oranjeplein",
            "Molenstraat",
        ],
    ),
    "Colijnsplaat": (
        "4486",
        ["Voorstraat", "Havenstraat", "Kerkstraat", "Julianastraat", "Dorpsplein", "Noordstraat"],
    ),
    "Wissenkerke": (
        "4491",
        ["Torenstraat", "Ring", "Schoolstraat", "Noordlandsweg", "Dorpsstraat"],
    ),
    "Kamperland": (
        "4493",
        ["Veerweg", "Zandweg", "Patrijzenstraat", "Hoofdstraat", "Ruiterplaatweg", "Dorpsstraat"],
    ),
    "Geersdijk": ("4494", ["Dorpsstraat", "Geersdijkseweg", "Kerkweg"]),
    "Kats": ("4485", ["Havenweg", "Katseweg", "Kerkstraat"]),
    "Goes": ("4461", ["Westsingel", "Oostsingel", "Beestenmarkt", "Kloetingseweg"]),
    "Middelburg": ("4331", ["Lange Delft", "Segeersstraat", "Noordweg"]),
}
LOCAL_PLACES = ["Kortgene", "Colijnsplaat", "Wissenkerke", "Kamperland", "Geersdijk", "Kats"]
_PC_LETTERS = "ABCDEGHJKLMNPRTVWXZ"


def postcode(rng: random.Random, place: str) -> str:
    base = int(PLACES[place][0])
    while True:
        letters = rng.choice(_PC_LETTERS) + rng.choice(_PC_LETTERS)
        if letters not in ("SS", "SD", "SA"):
            break
    if place in ("Goes", "Middelburg"):
        base += rng.randint(0, 3)
    return f"{base} {letters}"


def phone(rng: random.Random, mobile: bool | None = None) -> str:
    mobile = rng.random() < 0.6 if mobile is None else mobile
    if mobile:
        d = "".join(str(rng.randint(0, 9)) for _ in range(8))
        d = str(rng.randint(1, 9)) + d[1:]
        forms = [
            f"06-{d}",
            f"06 {d[:4]} {d[4:]}",
            f"+31 6 {d}",
            f"+31 (0)6 {d[:2]} {d[2:4]} {d[4:6]} {d[6:]}",
            f"06{d}",
            f"06 - {d}",
            f"06-{d[:2]} {d[2:4]} {d[4:6]} {d[6:]}",
        ]
        return rng.choice(forms)
    d = str(rng.randint(3, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(5))
    forms = [
        f"0113-{d}",
        f"(0113) {d[:2]} {d[2:4]} {d[4:]}",
        f"0113 {d[:2]} {d[2:4]} {d[4:]}",
        f"+31 113 {d}",
        f"0113 - {d}",
        f"0113-{d[:3]} {d[3:]}",
    ]
    return rng.choice(forms)


def bsn(rng: random.Random, formatted: bool | None = None) -> str:
    # Eight random digits and the ninth that passes the elfproef (stdnum), when one does.
    while True:
        first_eight = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        valid = [first_eight + last for last in "0123456789" if elfproef(first_eight + last)]
        if valid:
            s = valid[0]
            break
    if formatted if formatted is not None else rng.random() < 0.3:
        return f"{s[:4]}.{s[4:6]}.{s[6:]}"
    return s


def elfproef(value: str) -> bool:
    """A valid BSN (``stdnum.nl.bsn``)."""
    digits = "".join(c for c in value if c.isdigit())
    return len(digits) == 9 and digits != "000000000" and stdnum_bsn.is_valid(digits)


BANKS = ["ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RBRB"]


def iban(rng: random.Random, grouped: bool | None = None) -> str:
    bank = rng.choice(BANKS)
    account = "".join(str(rng.randint(0, 9)) for _ in range(10))
    value = dutch_iban(bank + account)
    if grouped if grouped is not None else rng.random() < 0.6:
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return value


def dutch_iban(bban: str, check_digits: str | None = None) -> str:
    """NL + check digits + BBAN; the check digits that make it valid (stdnum) unless given."""
    return f"NL{check_digits or stdnum_iban.calc_check_digits(f'NL00{bban}')}{bban}"


def iban_valid(value: str) -> bool:
    """A valid IBAN (``stdnum.iban``: country format and check digits)."""
    return stdnum_iban.is_valid(value.replace(" ", "").upper())


_PLATE_LETTERS = "BDFGHJKLNPRSTVXZ"


def licence_plate(rng: random.Random) -> str:
    def letters(n: int) -> str:
        return "".join(rng.choice(_PLATE_LETTERS) for _ in range(n))

    def digits(n: int) -> str:
        return "".join(str(rng.randint(0, 9)) for _ in range(n))

    return rng.choice(
        [
            f"{digits(2)}-{letters(3)}-{digits(1)}",
            f"{digits(1)}-{letters(3)}-{digits(2)}",
            f"{letters(2)}-{digits(3)}-{letters(1)}",
            f"{letters(1)}-{digits(3)}-{letters(2)}",
            f"{letters(3)}-{digits(2)}-{letters(1)}",
            f"{digits(1)}-{letters(2)}-{digits(3)}",
            f"{letters(2)}-{letters(2)}-{digits(2)}",
        ]
    )


MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def dutch_date(d) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def date_of_birth(rng: random.Random) -> str:
    import datetime as dt

    d = dt.date(rng.randint(1938, 2004), rng.randint(1, 12), rng.randint(1, 28))
    return rng.choice(
        [dutch_date(d), f"{d.day:02d}-{d.month:02d}-{d.year}", f"{d.day}-{d.month}-{d.year}"]
    )


class PersonFactory:
    """Makes people with addresses and contact details, deterministic for a seed."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.faker = Faker("nl_NL")
        self.faker.seed_instance(rng.randrange(2**32))
        self.used: set[str] = set(registry_names())

    def name(self) -> tuple[str, str, bool]:
        rng = self.rng
        female = rng.random() < 0.5
        roll = rng.random()
        if roll < 0.45:
            first = self.faker.first_name_female() if female else self.faker.first_name_male()
            last = self.faker.last_name()
        elif roll < 0.62:
            first = (
                rng.choice(WORD_FIRST[female])
                if rng.random() < 0.4
                else (self.faker.first_name_female() if female else self.faker.first_name_male())
            )
            last = rng.choice(WORD_SURNAMES)
        else:
            origin = rng.choice(list(OTHER_FIRST))
            first = rng.choice(OTHER_FIRST[origin][female])
            last = rng.choice(OTHER_LAST[origin]) if rng.random() < 0.85 else self.faker.last_name()
        if rng.random() < 0.08:
            first = (
                first
                + "-"
                + (self.faker.first_name_female() if female else self.faker.first_name_male())
            )
        return latin1(first), latin1(last), female

    def person(
        self, place: str | None = None, local: bool = True, email_domain: str | None = None
    ) -> Person:
        rng = self.rng
        for _ in range(50):
            first, last, female = self.name()
            if f"{first} {last}" not in self.used:
                break
        self.used.add(f"{first} {last}")
        place = place or (
            rng.choice(LOCAL_PLACES)
            if local or rng.random() < 0.7
            else rng.choice(["Goes", "Middelburg"])
        )
        street = rng.choice(PLACES[place][1])
        number = str(rng.randint(1, 120)) + (rng.choice(["", "", "", "a", "b", "-2"]))
        p = Person(
            first=first,
            last=last,
            female=female,
            street=street,
            number=number,
            postcode=postcode(rng, place),
            place=place,
        )
        p.email = self.email(p, email_domain)
        p.phone = phone(rng)
        return p

    def email(self, p: Person, domain: str | None = None) -> str:
        rng = self.rng
        slug = lambda s: "".join(c for c in latin1(s).lower() if c.isalnum())  # noqa: E731
        first, last = slug(p.first), slug(p.last)
        local = rng.choice(
            [
                f"{first}.{last}",
                f"{first[0]}.{last}",
                f"{first}{last}{rng.randint(1, 99)}",
                f"{last}.{first[0]}",
                f"{first}_{last}",
                f"{first}{rng.randint(60, 99)}",
            ]
        )
        domain = domain or rng.choice(
            [
                "gmail.com",
                "hotmail.com",
                "outlook.com",
                "ziggo.nl",
                "kpnmail.nl",
                "zeelandnet.nl",
                "live.nl",
                "xs4all.nl",
                "planet.nl",
            ]
        )
        return f"{local}@{domain}"

"""Generator of realistic Dutch incoming documents for the griffie, with ground truth.

The truth follows the gedragscode (art. 3): what is personal depends on category and sender
type. Office holders keep name and e-mail (3a), civil servants keep their name only (3b),
organisations keep their name but lose staff contact details (3c), initiators of a
burgerinitiatief keep their names (3e), appointees keep their name only (3f), contact persons
of activities keep name, phone and e-mail (3h). Speakers' names stay (3d, contribution is
published integrally); their contact details do not count as part of the contribution.
"""

from __future__ import annotations

import datetime as dt
import random

import pymupdf

from .model import CATEGORIES, SENDER_TYPES, SampleDocument, Sender, Truth
from .other_material import OtherMaterial
from .pdfkit import Writer, pdf_bytes, scan
from .people import (
    PLACES,
    REGISTRY_PRIVATE_PHONE,
    Person,
    PersonFactory,
    bsn,
    date_of_birth,
    dutch_date,
    iban,
    licence_plate,
    registry,
)
from .stored import HIDING, stored_rotated, with_hidden_text

GRIFFIE_BLOCK = [
    "Aan de gemeenteraad van Noord-Beveland",
    "t.a.v. de griffie",
    "Postbus 7",
    "4490 AA Wissenkerke",
]
ORGANISATIONS = [
    ("Stichting Dorpsraad Kamperland", "Kamperland", "dorpsraadkamperland.nl"),
    ("Ondernemersvereniging Kortgene", "Kortgene", "ov-kortgene.nl"),
    ("Vereniging Dorpsbelangen Colijnsplaat", "Colijnsplaat", "dorpsbelangencolijnsplaat.nl"),
    ("Watersportvereniging De Schelde", "Kortgene", "wsvdeschelde.nl"),
    ("Stichting Behoud Molen De Hoop", "Wissenkerke", "molendehoop.nl"),
    ("Milieuwerkgroep Noord-Beveland", "Colijnsplaat", "milieuwerkgroep-nb.nl"),
    ("Visserijvereniging Oosterschelde", "Colijnsplaat", "visserij-oosterschelde.nl"),
    ("Tennisvereniging De Roos", "Kamperland", "tvderoos.nl"),
    ("Stichting Welzijn Noord-Beveland", "Kortgene", "welzijn-nb.nl"),
    ("Recreatieondernemers Veerse Meer", "Kamperland", "recreatieveersemeer.nl"),
]
GOVERNMENTS = [
    ("Provincie Zeeland", "Middelburg", "zeeland.nl"),
    ("Waterschap Scheldestromen", "Middelburg", "scheldestromen.nl"),
    ("Rijkswaterstaat Zee en Delta", "Middelburg", "rws.nl"),
    ("Veiligheidsregio Zeeland", "Middelburg", "vrzeeland.nl"),
    ("GGD Zeeland", "Goes", "ggdzeeland.nl"),
]

# Topics: subject, the streets/places that the body talks about, and body paragraphs.
TOPICS = [
    {
        "subject": "Verkeersveiligheid {street} in {place}",
        "keep": ["verkeersveiligheid", "{street}"],
        "body": [
            "Sinds de herinrichting van de {street} in {place} rijden auto's en landbouwverkeer er veel te hard. "
            "Vooral in de ochtend, als de kinderen naar school fietsen, ontstaan gevaarlijke situaties bij de kruising met de {street2}.",
            "Wij vragen de raad om drempels of een snelheidsbeperking van 30 kilometer per uur te overwegen.",
        ],
    },
    {
        "subject": "Behoud bibliotheek {place}",
        "keep": ["bibliotheek", "{place}"],
        "body": [
            "Met grote zorg hebben wij gelezen dat het college overweegt de bibliotheekvestiging in {place} te sluiten. "
            "De bibliotheek aan de {street} is voor veel ouderen en schoolkinderen een belangrijke ontmoetingsplek.",
            "Wij vragen de raad de begrotingswijziging niet aan te nemen zolang er geen alternatief is.",
        ],
    },
    {
        "subject": "Ontwerpbestemmingsplan {place}-Zuid",
        "keep": ["ontwerpbestemmingsplan", "{place}-Zuid"],
        "body": [
            "Het ontwerpbestemmingsplan {place}-Zuid maakt de bouw van 48 woningen mogelijk op het weiland achter de {street}. "
            "De ontsluiting via de {street2} is daarvoor niet geschikt.",
            "Daarnaast verdwijnt het uitzicht over de polder en neemt de kans op wateroverlast toe.",
        ],
    },
    {
        "subject": "Parkeren bij de haven van Colijnsplaat",
        "keep": ["haven van Colijnsplaat", "parkeerplaatsen"],
        "body": [
            "In de zomermaanden staan de parkeerplaatsen bij de haven van Colijnsplaat vol met auto's van dagjesmensen. "
            "Bewoners van de {street} kunnen hun eigen straat nauwelijks meer in.",
            "Een vergunningstelsel of een parkeerterrein buiten de kern zou veel problemen oplossen.",
        ],
    },
    {
        "subject": "Huisvesting arbeidsmigranten {place}",
        "keep": ["arbeidsmigranten", "{place}"],
        "body": [
            "Het plan om aan de {street} in {place} een logiesgebouw voor 120 arbeidsmigranten te vestigen roept veel vragen op. "
            "Goede huisvesting is belangrijk, maar de schaal past niet bij het dorp.",
            "Wij verzoeken de raad een maximum van 40 personen per locatie vast te leggen.",
        ],
    },
    {
        "subject": "Onderhoud speeltuin {street} {place}",
        "keep": ["speeltuin", "{street}"],
        "body": [
            "De speeltuin aan de {street} in {place} is al twee jaar niet onderhouden. Een glijbaan is afgezet met linten en het hekwerk is kapot.",
            "Kan de raad het college vragen het onderhoud in de begroting voor 2026 op te nemen?",
        ],
    },
    {
        "subject": "Woningbouw voor starters in {place}",
        "keep": ["starters", "{place}"],
        "body": [
            "Jongeren uit {place} vertrekken naar Goes of Middelburg omdat er geen betaalbare woningen zijn. "
            "Op de locatie van de oude school aan de {street} is ruimte voor twintig starterswoningen.",
            "Wij vragen de raad dit mee te nemen in de woonvisie.",
        ],
    },
    {
        "subject": "Afvalinzameling en ondergrondse containers {place}",
        "keep": ["ondergrondse containers", "{place}"],
        "body": [
            "De ondergrondse containers aan de {street} in {place} zijn in het weekend steeds vol. Er ontstaat zwerfafval en er komen meeuwen op af.",
            "Wij stellen voor de containers in het toeristenseizoen vaker te legen.",
        ],
    },
]
# Sentences with common words that are also names (Visser, Bakker, de Boer, Roos, Hoop ...).
COLLISIONS = [
    (
        "Mijn vader was visser in Colijnsplaat en ook ik ken de haven goed.",
        "visser in Colijnsplaat",
    ),
    ("De bakker en de slager in {place} merken het verschil direct.", "De bakker en de slager"),
    ("De boer die het land ernaast pacht, heeft hetzelfde probleem.", "De boer die het land"),
    ("In de hoop dat u hier rekening mee houdt, wacht ik uw reactie af.", "In de hoop dat"),
    (
        "Langs de dijk bloeit in mei de wilde roos, dat is een van de mooiste plekken van het eiland.",
        "de wilde roos",
    ),
    ("De koster van de kerk in Wissenkerke kan dit bevestigen.", "De koster van de kerk"),
    ("Het groen langs de weg wordt nauwelijks nog gemaaid.", "Het groen langs de weg"),
    (
        "Wij zijn geen mulder of smit meer, maar het dorp leeft nog steeds van het werk van ondernemers.",
        "geen mulder of smit meer",
    ),
    ("Een schipper die 's avonds aanlegt, vindt nauwelijks nog een plek.", "Een schipper die"),
    ("Ik heb de vos al twee keer bij het kippenhok gezien.", "de vos al twee keer"),
]
CLOSINGS = [
    "Met vriendelijke groet,",
    "Hoogachtend,",
    "Met vriendelijke groeten,",
    "Met hartelijke groet,",
]
NEUTRAL = {
    "letter": "aanvrager",
    "petition": "indiener",
    "speaker": "inspreker",
    "view": "indiener",
    "objection": "bezwaarmaker",
    "citizens_initiative": "initiatiefnemer",
    "appointment": "benoemde",
    "college_answer": "aanvrager",
    "activity": "organisator",
}


class Ctx:
    """Collects the truth while a document is being written."""

    def __init__(
        self,
        rng: random.Random,
        category: str,
        sender_type: str,
        form: str = "",
        *,
        demo: bool = False,
        received: dt.date | None = None,
    ):
        self.rng, self.category, self.sender_type = rng, category, sender_type
        # The demo council reads like real post: no test sentences (collisions, material
        # from elsewhere), and received on the day the demo gives. The corpus (demo=False)
        # draws exactly as before.
        self.demo = demo
        self.form = form  # one of FORMS: a form this document must contain
        self.pf = PersonFactory(rng)
        self.personal: dict[str, dict] = {}
        self.keep: list[str] = []
        self.allowed: list[str] = []
        self.signatures: list[dict] = []
        self.omit: list[int] = []
        self.deny: list[str] = []  # extra intake details (e.g. addressee of a college answer)
        self.place = rng.choice(
            ["Kortgene", "Colijnsplaat", "Wissenkerke", "Kamperland", "Geersdijk"]
        )
        self.received = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randint(0, 300))
        self.letter_date = self.received - dt.timedelta(days=rng.randint(1, 9))
        if received is not None:
            self.letter_date = received - (self.received - self.letter_date)
            self.received = received

    def mark_personal(self, etype: str, text: str, where: str = "text") -> str:
        text = text.strip()
        item = self.personal.setdefault(text, {"type": etype, "text": text, "where": []})
        if where not in item["where"]:
            item["where"].append(where)
        return text

    def mark_keep(self, text: str) -> str:
        if text and text not in self.keep:
            self.keep.append(text)
        return text

    def mark_allowed(self, text: str) -> str:
        if text and text not in self.allowed:
            self.allowed.append(text)
        return text

    def sign(self, w: Writer, kind: str | None = None) -> None:
        page, rect = w.signature(kind)
        self.signatures.append({"page": page, "rect": [round(v, 2) for v in rect]})


# --- sender construction ------------------------------------------------------------------------


def make_sender(ctx: Ctx) -> dict:
    """Returns a dict describing the sender: person, org, role, and which details are personal."""
    rng, st = ctx.rng, ctx.sender_type
    s: dict = {"type": st}
    if st == "citizen":
        p = ctx.pf.person()
        s.update(person=p, org=None, org_place=None, function="")
    elif st in ("organisation", "government"):
        org, oplace, domain = rng.choice(ORGANISATIONS if st == "organisation" else GOVERNMENTS)
        p = ctx.pf.person(email_domain=domain if rng.random() < 0.6 else None)
        s.update(
            person=p,
            org=org,
            org_place=oplace,
            domain=domain,
            function=rng.choice(["secretaris", "voorzitter", "coördinator", "penningmeester"])
            if st == "organisation"
            else rng.choice(["beleidsadviseur", "projectleider", "teamleider"]),
        )
        ctx.mark_keep(org)
    elif st == "college":
        r = rng.choice(registry("burgemeester") + registry("wethouder"))
        s.update(reg=r, org="College van burgemeester en wethouders", function=r["role"])
    elif st in ("office_holder", "fractie"):
        r = rng.choice(
            registry("raadslid") + (registry("wethouder") if st == "office_holder" else [])
        )
        s.update(
            reg=r,
            org=f"Fractie {r['fractie']} Noord-Beveland" if st == "fractie" else None,
            function=r["role"] if st == "office_holder" else f"fractievoorzitter {r['fractie']}",
        )
        if st == "fractie":
            ctx.mark_keep(f"Fractie {r['fractie']}")
    elif st == "civil_servant":
        r = rng.choice(registry("ambtenaar"))
        s.update(reg=r, org="Gemeente Noord-Beveland", function=r["department"])
        ctx.mark_keep(r["department"])
    else:
        raise ValueError(st)
    return s


def sender_record(ctx: Ctx, s: dict) -> Sender:
    if "person" in s:
        p = s["person"]
        return Sender(p.full, p.address, p.postcode, p.place, p.email, p.phone, s.get("org") or "")
    r = s["reg"]
    home = s.setdefault("home", ctx.pf.person())
    return Sender(
        r["name"],
        home.address if ctx.sender_type in ("office_holder", "fractie") else "Stationsweg 1",
        home.postcode if ctx.sender_type in ("office_holder", "fractie") else "4484 AS",
        home.place if ctx.sender_type in ("office_holder", "fractie") else "Wissenkerke",
        r["email"],
        REGISTRY_PRIVATE_PHONE.get(r["name"], "0113-377377"),
        s.get("org") or "",
    )


def letterhead(ctx: Ctx, w: Writer, s: dict, name_personal: bool) -> None:
    """Top of the letter. Registers truth for whatever sender details are printed."""
    rng, st = ctx.rng, ctx.sender_type
    align = rng.choice(["left", "right"])
    if st == "citizen":
        p = s["person"]
        name = rng.choice([p.full, p.initials_name])
        ctx.mark_personal("PERSON", name) if name_personal else ctx.mark_allowed(name)
        lines = [name, p.address, f"{p.postcode}  {p.place}"]
        ctx.mark_personal("ADDRESS", p.address)
        ctx.mark_personal("POSTCODE", p.postcode)
        ctx.mark_keep(p.place)
        if rng.random() < 0.6:
            lines.append(f"Tel. {p.phone}")
            ctx.mark_personal("PHONE", p.phone)
        if rng.random() < 0.5:
            lines.append(p.email)
            ctx.mark_personal("EMAIL", p.email)
        w.lines(lines, align=align)
    elif st in ("organisation", "government"):
        w.line(s["org"], bold=True, size=15, align=align)
        w.line(f"Postbus {rng.randint(10, 400)}, {s['org_place']}", size=8.5, align=align)
        w.line(f"www.{s['domain']}  -  info@{s['domain']}", size=8.5, align=align)
        ctx.mark_keep(s["org_place"])
    else:
        w.line(
            "Gemeente Noord-Beveland"
            if st in ("college", "civil_servant")
            else (s.get("org") or "Gemeenteraad Noord-Beveland"),
            bold=True,
            size=14,
            align=align,
        )
        if st in ("office_holder", "fractie") and rng.random() < 0.6:
            home = s.setdefault("home", ctx.pf.person())
            r = s["reg"]
            w.lines(
                [r["name"], home.address, f"{home.postcode}  {home.place}", r["email"]],
                size=9,
                align=align,
            )
            ctx.mark_keep(r["name"])
            ctx.mark_keep(r["email"])
            ctx.mark_personal("ADDRESS", home.address)
            ctx.mark_personal("POSTCODE", home.postcode)
        else:
            w.line("Stationsweg 1, Wissenkerke", size=8.5, align=align)
    w.gap(24)


def date_line(ctx: Ctx, w: Writer, place: str) -> None:
    ds = ctx.rng.choice(
        [dutch_date(ctx.letter_date), dutch_date(ctx.letter_date), f"{ctx.letter_date:%d-%m-%Y}"]
    )
    w.line(ctx.rng.choice([f"{place}, {ds}", f"Datum: {ds}"]))
    ctx.mark_keep(place)
    ctx.mark_keep(ds)


def subject_lines(ctx: Ctx, w: Writer, subject: str) -> None:
    label = ctx.rng.choice(["Betreft:", "Onderwerp:", "Betreft :"])
    w.line(f"{label} {subject}", bold=ctx.rng.random() < 0.5)
    if ctx.rng.random() < 0.4:
        w.line(f"Ons kenmerk: {ctx.received.year}-{ctx.rng.randint(100, 999)}", size=9)
    w.gap(12)


def topic(ctx: Ctx) -> tuple[str, list[str]]:
    rng = ctx.rng
    t = rng.choice(TOPICS)
    streets = rng.sample(PLACES[ctx.place][1], 2)
    fill = {"place": ctx.place, "street": streets[0], "street2": streets[-1]}
    subject = t["subject"].format(**fill)
    ctx.mark_keep(subject)
    for k in t["keep"]:
        ctx.mark_keep(k.format(**fill))
    ctx.mark_keep(ctx.place)
    body = [b.format(**fill) for b in t["body"]]
    return subject, body


def collision(ctx: Ctx) -> str:
    """A sentence whose ordinary words look like names (a test for the anonymiser); none in
    the demo, where it reads as filler."""
    if ctx.demo:
        return ""
    text, key = ctx.rng.choice(COLLISIONS)
    ctx.mark_keep(key.format(place=ctx.place))
    ctx.mark_keep(ctx.place) if "{place}" in text else None
    return text.format(place=ctx.place)


def third_party_sentence(ctx: Ctx) -> str:
    """A sentence naming another private person (always personal), sometimes with identifiers."""
    rng = ctx.rng
    q = ctx.pf.person(place=ctx.place)
    roll = rng.random()
    if roll < 0.4:
        ctx.mark_personal("PERSON", q.full)
        return (
            f"Ook mijn buurvrouw, {q.full}, heeft hierover al eerder geklaagd."
            if q.female
            else f"Ook mijn buurman, {q.full}, heeft hierover al eerder geklaagd."
        )
    if roll < 0.7:
        ctx.mark_personal("PERSON", q.full)
        ctx.mark_personal("ADDRESS", q.address)
        return (
            f"{q.full} van {q.address} kan dit bevestigen; zij is bereikbaar op {ctx.mark_personal('PHONE', q.phone)}."
            if q.female
            else f"{q.full} van {q.address} kan dit bevestigen; hij is bereikbaar op {ctx.mark_personal('PHONE', q.phone)}."
        )
    ctx.mark_personal("PERSON", q.addressed)
    return f"Ik heb dit ook besproken met {q.addressed}, die naast het perceel woont."


def registry_mention(ctx: Ctx) -> str:
    r = ctx.rng.choice(registry("wethouder") + registry("burgemeester"))
    phrase = f"{r['role']} {r['name']}"
    ctx.mark_keep(r["name"])
    return ctx.rng.choice(
        [
            f"Tijdens de informatieavond heeft {phrase} toegezegd dat er naar gekeken zou worden.",
            f"Ik heb hierover in oktober al gesproken met {phrase}, maar sindsdien is er niets gebeurd.",
            f"Wij hebben begrepen dat {phrase} dit dossier in portefeuille heeft.",
        ]
    )


def closing(ctx: Ctx, w: Writer, s: dict, name_personal: bool, sign: bool = True) -> None:
    rng = ctx.rng
    w.gap(6)
    w.line(rng.choice(CLOSINGS))
    if sign:
        ctx.sign(w)
    else:
        w.gap(16)
    if "person" in s:
        p = s["person"]
        name = rng.choice([p.full, p.initials_name, p.full])
        ctx.mark_personal("PERSON", name) if name_personal else ctx.mark_allowed(name)
        w.line(name)
        if s.get("org"):
            w.line(f"{s['function']}, {s['org']}")
    else:
        r = s["reg"]
        w.line(r["name"])
        ctx.mark_keep(r["name"])
        w.line(s["function"])


def contact_line(ctx: Ctx, w: Writer, s: dict, phone_personal: bool, email_personal: bool) -> None:
    """Contact details of the person behind the sender (staff, official, office holder)."""
    rng = ctx.rng
    if "person" in s:
        phone, email = s["person"].phone, s["person"].email
    else:
        phone, email = (
            REGISTRY_PRIVATE_PHONE.get(s["reg"]["name"], "06-23456789"),
            s["reg"]["email"],
        )
    parts = []
    if rng.random() < 0.8:
        parts.append(f"telefoon {phone}")
        ctx.mark_personal("PHONE", phone) if phone_personal else ctx.mark_keep(phone)
    if rng.random() < 0.8 or not parts:
        parts.append(f"e-mail {email}")
        ctx.mark_personal("EMAIL", email) if email_personal else ctx.mark_keep(email)
    w.para("Voor vragen kunt u contact opnemen via " + " of ".join(parts) + ".")


def informal_paragraph(ctx: Ctx) -> str:
    """Informal text typed all in lower case, as in a hasty e-mail (issue 8): a name, a
    street address and a phone number nobody capitalised."""
    q = ctx.pf.person(place=ctx.place)
    name = ctx.mark_personal("PERSON", q.full.lower())
    address = ctx.mark_personal("ADDRESS", q.address.lower())
    phone = ctx.mark_personal("PHONE", q.phone)
    return (
        f"ps. mijn naam is {name}, ik woon op de {address} in {q.place.lower()} "
        f"en u kunt me bellen op {phone} als er vragen zijn"
    )


def line_broken_block(ctx: Ctx, doc: pymupdf.Document) -> None:
    """A page with a name, an address, a phone number and an account number each broken
    over two lines, where the writer's line ran out (issue 8: in scans these come back from
    OCR in two pieces)."""
    rng = ctx.rng
    q = ctx.pf.person(place=ctx.place)
    digits = "".join(str(rng.randint(0, 9)) for _ in range(8))
    # a speaker's contribution keeps every name (3d), an activity its names and phones (3h)
    kept = {"speaker": ("PERSON",), "activity": ("PERSON", "PHONE")}.get(ctx.category, ())

    def mark(etype: str, value: str) -> str:
        return ctx.mark_allowed(value) if etype in kept else ctx.mark_personal(etype, value)

    phone = mark("PHONE", f"06-{digits}")
    account = ctx.mark_personal("IBAN", iban(rng, grouped=True))
    name = mark("PERSON", q.full)
    ctx.mark_personal("ADDRESS", q.address)
    ctx.mark_personal("POSTCODE", q.postcode)
    head, _, tail = account.partition(" ")
    tail_a, _, tail_b = tail.partition(" ")
    lines = [
        "Aanvulling",
        "",
        "Wat ik hierboven schreef, kan mijn buurvrouw bevestigen. Zij heet " + q.first,
        f"{q.last} en woont op de {q.street}",
        f"{q.number}, {q.postcode} {q.place}. Zij is overdag bereikbaar op 06-",
        f"{digits}. De kosten die wij hebben gemaakt, kunnen terug naar {head} {tail_a}",
        f"{tail_b}, ten name van ons beiden.",
    ]
    assert name and phone  # recorded in the truth above
    page = doc.new_page(
        width=pymupdf.paper_rect("a4").width, height=pymupdf.paper_rect("a4").height
    )
    y = 90.0
    for text in lines:
        if text:
            page.insert_text((72, y), text, fontsize=12 if text == "Aanvulling" else 11)
        y += 17


# --- category builders -----------------------------------------------------------------------


def build_letter(ctx: Ctx, doc: pymupdf.Document, s: dict, email_print: bool) -> str:
    rng, st = ctx.rng, ctx.sender_type
    w = Writer(doc, rng, font=rng.choice(["helv", "tiro", "helv", "cour"]))
    subject, body = topic(ctx)
    email_print = (email_print or ctx.form == "email_header") and "person" in s
    name_personal = st == "citizen"
    if email_print and "person" in s:
        email_header(ctx, w, s, subject, name_personal)
    else:
        letterhead(ctx, w, s, name_personal)
        w.lines(GRIFFIE_BLOCK)
        w.gap(18)
        date_line(
            ctx, w, s["person"].place if st == "citizen" else (s.get("org_place") or "Wissenkerke")
        )
        subject_lines(ctx, w, subject)
    w.line(
        rng.choice(
            [
                "Geachte raad,",
                "Geachte leden van de gemeenteraad,",
                "Geachte raadsleden,",
                "Geachte voorzitter, geachte leden van de raad,",
            ]
        )
    )
    w.gap(6)
    paras = list(body)
    if st in ("citizen", "organisation"):
        paras.insert(1, " ".join(filter(None, [third_party_sentence(ctx), collision(ctx)])))
        if rng.random() < 0.5:
            paras.insert(0, registry_mention(ctx))
        if st == "citizen" and rng.random() < 0.3:
            plate = ctx.mark_personal("LICENCE_PLATE", licence_plate(rng))
            paras.append(f"Mijn auto met kenteken {plate} is vorige maand nog bijna geraakt.")
        if st == "citizen" and not ctx.demo and rng.random() < 0.8:
            # forms seen in material written elsewhere (issue 8)
            other = OtherMaterial(ctx)
            paras.insert(2, " ".join(other.sentence() for _ in range(rng.randint(1, 3))))
        if st == "citizen" and ctx.form == "informal":
            paras.insert(2, informal_paragraph(ctx))
    else:
        if not ctx.demo:
            paras.append(collision(ctx))
        paras.insert(0, registry_mention(ctx))
        if st in ("college", "government") and rng.random() < 0.6:
            q = ctx.pf.person(place=ctx.place)
            paras.insert(
                1,
                f"Aanleiding is een melding van {ctx.mark_personal('PERSON', q.addressed)}, wonende aan de "
                f"{ctx.mark_personal('ADDRESS', q.address)} in {q.place}.",
            )
    for p in paras:
        w.para(p)
    if st in ("organisation", "government"):
        contact_line(ctx, w, s, phone_personal=True, email_personal=True)
    elif st == "civil_servant":
        contact_line(ctx, w, s, phone_personal=True, email_personal=True)
    elif st in ("office_holder", "fractie") and rng.random() < 0.6:
        contact_line(ctx, w, s, phone_personal=True, email_personal=False)
    closing(ctx, w, s, name_personal, sign=not email_print or rng.random() < 0.3)
    if st == "citizen" and rng.random() < 0.3:
        w.gap(8)
        w.para(
            f"P.S. Ik ben het best bereikbaar op {ctx.mark_personal('PHONE', s['person'].phone)}.",
            after=3,
        )
    return subject


def email_header(ctx: Ctx, w: Writer, s: dict, subject: str, name_personal: bool) -> None:
    rng = ctx.rng
    p = s["person"]
    w.line(
        ctx.rng.choice(["Griffie Noord-Beveland", "griffie@noord-beveland.nl"]), bold=True, size=9
    )
    w.gap(6)
    ctx.mark_personal("PERSON", p.full) if name_personal else ctx.mark_allowed(p.full)
    ctx.mark_personal("EMAIL", p.email)
    van = f"Van: {p.full} <{p.email}>"
    if rng.random() < 0.4:  # address broken over two lines, as mail clients print long headers
        local, domain = p.email.split("@")
        w.line(f"Van: {p.full} <{local}@")
        w.line(f"{domain}>", x=w.left + 28)
    else:
        w.line(van)
    w.line(
        f"Verzonden: {dutch_date(ctx.letter_date)} {rng.randint(8, 22)}:{rng.randint(0, 59):02d}"
    )
    ctx.mark_keep(dutch_date(ctx.letter_date))
    w.line("Aan: griffie@noord-beveland.nl")
    if name_personal and (ctx.form == "email_header" or rng.random() < 0.5):
        # a neighbour in copy, written 'Achternaam, Voornaam' as mail clients do
        q = ctx.pf.person(place=ctx.place)
        listed = f"{q.surname_cap}, {q.first}"
        ctx.mark_personal("PERSON", listed)
        ctx.mark_personal("EMAIL", q.email)
        w.line(f"CC: {listed} <{q.email}>")
    if rng.random() < 0.4:
        r = rng.choice(registry("raadslid"))
        w.line(f"CC: {r['name']} <{r['email']}>")
        ctx.mark_keep(r["email"])
    w.line(f"Onderwerp: {subject}")
    w.gap(14)


def build_petition(ctx: Ctx, doc: pymupdf.Document, s: dict) -> str:
    rng = ctx.rng
    w = Writer(doc, rng, font=rng.choice(["helv", "tiro"]))
    subject, body = topic(ctx)
    title = "Petitie: " + subject
    w.line(title, bold=True, size=15)
    w.gap(10)
    w.para("Aan de gemeenteraad van Noord-Beveland.")
    w.para("Wij, ondergetekenden, inwoners van Noord-Beveland, verzoeken de raad het volgende.")
    for p in body:
        w.para(p)
    if not ctx.demo:
        w.para(collision(ctx))
    w.para(
        "Deze petitie is ondertekend door bewoners en wordt aangeboden tijdens de raadsvergadering."
    )
    if "person" in s:
        p = s["person"]
        if ctx.sender_type == "citizen":
            w.para(
                f"Namens de ondertekenaars: {ctx.mark_personal('PERSON', p.full)}, {ctx.mark_personal('ADDRESS', p.address)}, "
                f"{ctx.mark_personal('POSTCODE', p.postcode)} {p.place}, {ctx.mark_personal('EMAIL', p.email)}."
            )
        else:
            w.para(
                f"Namens {s['org']}: {ctx.mark_allowed(p.full)} ({s['function']}), telefoon {ctx.mark_personal('PHONE', p.phone)}."
            )
    # signatory pages: always new pages, left out entirely
    n_pages = rng.randint(1, 3)
    for _ in range(n_pages):
        w.new_page()
        ctx.omit.append(w.page_no)
        w.line(f"Handtekeningenlijst - {title}", bold=True)
        w.gap(6)
        cols = [w.left, w.left + 24, w.left + 170, w.left + 300, w.left + 380]
        for x, head in zip(
            cols, ["Nr", "Naam", "Adres", "Woonplaats", "Handtekening"], strict=True
        ):
            w.page.insert_text((x, w.y + 12), head, fontname="hebo", fontsize=9)
        w.y += 20
        for i in range(rng.randint(8, 14)):
            q = ctx.pf.person()
            y = w.y + 14
            w.page.insert_text((cols[0], y), str(i + 1), fontname="helv", fontsize=9)
            w.page.insert_text(
                (cols[1], y),
                ctx.mark_personal("PERSON", q.full, "omitted page"),
                fontname="helv",
                fontsize=9,
            )
            w.page.insert_text(
                (cols[2], y),
                ctx.mark_personal("ADDRESS", q.address, "omitted page"),
                fontname="helv",
                fontsize=9,
            )
            w.page.insert_text((cols[3], y), q.place, fontname="helv", fontsize=9)
            from .pdfkit import draw_signature

            draw_signature(
                w.page, pymupdf.Rect(cols[4], w.y + 2, cols[4] + 80, w.y + 20), rng, "vector"
            )
            w.page.draw_line(
                (cols[0], w.y + 22), (cols[4] + 90, w.y + 22), color=(0.6, 0.6, 0.6), width=0.4
            )
            w.y += 24
    return subject


def build_speaker(ctx: Ctx, doc: pymupdf.Document, s: dict) -> str:
    rng = ctx.rng
    w = Writer(doc, rng, font=rng.choice(["helv", "tiro"]))
    subject, body = topic(ctx)
    meeting = rng.choice(["commissie Grondgebied", "commissie Samenleving", "raadsvergadering"])
    ctx.mark_keep(meeting)
    w.line(f"Inspreekbijdrage {meeting} {dutch_date(ctx.letter_date)}", bold=True, size=13)
    w.line(f"Onderwerp: {subject}")
    w.gap(12)
    p = s["person"]
    ctx.mark_allowed(p.full)
    intro = f"Voorzitter, leden van de commissie, mijn naam is {p.full} en ik woon in {p.place}."
    if s.get("org"):
        intro = f"Voorzitter, leden van de commissie, mijn naam is {p.full} en ik spreek namens {s['org']}."
    w.para(intro)
    ctx.mark_keep(p.place) if p.place in (
        "Kortgene",
        "Colijnsplaat",
        "Wissenkerke",
        "Kamperland",
    ) else None
    for para in body:
        w.para(para)
    if not ctx.demo:
        w.para(collision(ctx))
    w.para(registry_mention(ctx))
    w.para("Ik dank u voor de gelegenheid om in te spreken.")
    if rng.random() < 0.75 or s.get("org"):
        w.gap(10)
        w.line(
            f"Contact: {ctx.mark_personal('EMAIL', p.email)} / {ctx.mark_personal('PHONE', p.phone)}",
            size=8.5,
        )
    return subject


def build_formal(ctx: Ctx, doc: pymupdf.Document, s: dict, kind: str) -> str:
    """Zienswijze (view) or bezwaarschrift (objection): anonymised, signatures masked."""
    rng, st = ctx.rng, ctx.sender_type
    w = Writer(doc, rng, font=rng.choice(["helv", "tiro", "cour"]))
    subject, body = topic(ctx)
    p = s["person"]
    name_personal = True  # 3e: zienswijzen and objections are anonymised, staff names included
    letterhead(ctx, w, s, name_personal)
    w.lines(GRIFFIE_BLOCK)
    w.gap(16)
    date_line(ctx, w, p.place if st == "citizen" else s["org_place"])
    besluit = dutch_date(ctx.letter_date - dt.timedelta(days=rng.randint(20, 40)))
    if kind == "view":
        subj = f"Zienswijze {subject}"
        subject_lines(ctx, w, subj)
        w.line("Geachte raad,")
        w.gap(4)
        w.para(
            f"Hierbij dien ik een zienswijze in op het {subject.lower() if 'ontwerp' in subject.lower() else 'ontwerpbesluit ' + subject}, "
            "zoals dat ter inzage heeft gelegen."
        )
    else:
        subj = f"Bezwaarschrift {subject}"
        subject_lines(ctx, w, subj)
        w.line(rng.choice(["Geachte raad,", "Geachte leden van de gemeenteraad,"]))
        w.gap(4)
        w.para(
            f"Hierbij maak ik bezwaar tegen het besluit van de gemeenteraad van {besluit} inzake {subject.lower()}."
        )
        ctx.mark_keep(besluit)
    for para in body:
        w.para(para)
    w.para(third_party_sentence(ctx))
    if not ctx.demo:
        w.para(collision(ctx))
    ids = []
    if st == "citizen":
        if rng.random() < 0.5:
            ids.append(f"Mijn burgerservicenummer is {ctx.mark_personal('BSN', bsn(rng))}.")
        if rng.random() < 0.5:
            ids.append(
                f"Ik ben geboren op {ctx.mark_personal('DATE_OF_BIRTH', date_of_birth(rng))}."
            )
        if kind == "objection" and rng.random() < 0.6:
            ids.append(
                f"Eventuele kosten kunnen worden teruggestort op rekeningnummer {ctx.mark_personal('IBAN', iban(rng))} "
                f"ten name van {ctx.mark_personal('PERSON', p.initials_name)}."
            )
        if rng.random() < 0.25:
            ids.append(
                f"Het gaat onder meer om mijn bestelbus met kenteken {ctx.mark_personal('LICENCE_PLATE', licence_plate(rng))}."
            )
    if ids:
        w.para(" ".join(ids))
    if st == "organisation":
        contact_line(ctx, w, s, True, True)
    w.para(
        "Ik verzoek u mijn bezwaar gegrond te verklaren."
        if kind == "objection"
        else "Ik verzoek u deze zienswijze bij uw besluitvorming te betrekken."
    )
    closing(ctx, w, s, name_personal)
    subject = subj
    ctx.mark_keep(subj)
    return subject


def build_initiative(ctx: Ctx, doc: pymupdf.Document, s: dict) -> str:
    rng = ctx.rng
    w = Writer(doc, rng, font=rng.choice(["helv", "tiro"]))
    subject, body = topic(ctx)
    subj = f"Burgerinitiatief {subject}"
    initiators = [s["person"]] + [ctx.pf.person() for _ in range(rng.randint(1, 2))]
    w.line(subj, bold=True, size=14)
    w.gap(10)
    w.line(f"{ctx.place}, {dutch_date(ctx.letter_date)}")
    ctx.mark_keep(dutch_date(ctx.letter_date))
    w.gap(8)
    w.line("Geachte raad,")
    w.para("Op grond van de Verordening burgerinitiatief dienen wij het volgende voorstel in.")
    for para in body:
        w.para(para)
    if not ctx.demo:
        w.para(collision(ctx))
    w.para("Het voorstel wordt ingediend door:", after=2)
    for q in initiators:
        ctx.mark_allowed(q.full)
        ctx.mark_personal("ADDRESS", q.address)
        ctx.mark_personal("POSTCODE", q.postcode)
        line = f"- {q.full}, {q.address}, {q.postcode} {q.place}"
        if rng.random() < 0.5:
            line += f", geboren {ctx.mark_personal('DATE_OF_BIRTH', date_of_birth(rng))}"
        w.para(line, indent=12, after=1)
    w.gap(6)
    w.para(
        f"Correspondentie graag aan {initiators[0].full}, e-mail {ctx.mark_personal('EMAIL', initiators[0].email)}, "
        f"telefoon {ctx.mark_personal('PHONE', initiators[0].phone)}."
    )
    w.line("Namens de initiatiefnemers,")
    ctx.sign(w)
    w.line(initiators[0].full)
    # support declarations: one per page, never published
    for _ in range(rng.randint(1, 3)):
        w.new_page()
        ctx.omit.append(w.page_no)
        w.line("Ondersteuningsverklaring burgerinitiatief", bold=True, size=13)
        w.para(f"Ondergetekenden ondersteunen het burgerinitiatief '{subject}'.")
        for _i in range(rng.randint(5, 9)):
            q = ctx.pf.person()
            dob = date_of_birth(rng)
            w.line(
                f"{ctx.mark_personal('PERSON', q.full, 'omitted page')}  -  {ctx.mark_personal('ADDRESS', q.address, 'omitted page')}, "
                f"{q.place}  -  geb. {ctx.mark_personal('DATE_OF_BIRTH', dob, 'omitted page')}",
                size=9,
            )
            w.signature("vector")
    return subj


def build_appointment(ctx: Ctx, doc: pymupdf.Document, s: dict) -> str:
    rng = ctx.rng
    w = Writer(doc, rng, font=rng.choice(["helv", "tiro"]))
    q = ctx.pf.person()
    body = rng.choice(
        [
            "lid van de rekenkamercommissie",
            "burgerlid van de commissie Samenleving",
            "lid van de commissie bezwaarschriften",
            "plaatsvervangend griffier",
        ]
    )
    subj = f"Benoeming {body}"
    ctx.mark_keep(subj)
    w.line("Gemeenteraad Noord-Beveland", bold=True, size=14)
    w.gap(18)
    w.line(f"Raadsvoorstel: {subj}", bold=True)
    w.gap(10)
    dob = date_of_birth(rng)
    ctx.mark_keep(q.full)
    w.para(
        f"De raad van de gemeente Noord-Beveland besluit {q.full}, geboren op {ctx.mark_personal('DATE_OF_BIRTH', dob)}, "
        f"wonende {ctx.mark_personal('ADDRESS', q.address)}, {ctx.mark_personal('POSTCODE', q.postcode)} {q.place}, te benoemen tot {body}."
    )
    w.para(
        f"De benoemde is bereikbaar via {ctx.mark_personal('PHONE', q.phone)} en {ctx.mark_personal('EMAIL', q.email)}."
    )
    if rng.random() < 0.4:
        w.para(
            f"Voor de vergoeding wordt het rekeningnummer {ctx.mark_personal('IBAN', iban(rng))} gebruikt; "
            f"burgerservicenummer {ctx.mark_personal('BSN', bsn(rng))}."
        )
    w.para(
        "De benoeming gaat in op de eerste dag na het besluit en geldt voor de duur van vier jaar."
    )
    if not ctx.demo:
        w.para(collision(ctx))
    w.gap(10)
    w.line("De raad voornoemd,")
    g = registry("griffier")[0]
    b = registry("burgemeester")[0]
    for r in (g, b):
        ctx.sign(w)
        w.line(f"{r['name']}, {r['role']}")
        ctx.mark_keep(r["name"])
    return subj


def build_college_answer(ctx: Ctx, doc: pymupdf.Document, s: dict) -> str:
    rng = ctx.rng
    w = Writer(doc, rng, font=rng.choice(["helv", "tiro"]))
    subject, body = topic(ctx)
    q = ctx.pf.person()
    w.line("Gemeente Noord-Beveland", bold=True, size=15, align=rng.choice(["left", "right"]))
    w.line("Stationsweg 1, Wissenkerke  -  www.noord-beveland.nl", size=8.5)
    w.gap(24)
    form = ctx.mark_personal("PERSON", rng.choice([q.initials_name, q.full]))
    tname = f"{q.title.capitalize()} {form}"
    ctx.deny += [q.full, q.address]
    w.lines(
        [
            tname,
            ctx.mark_personal("ADDRESS", q.address),
            f"{ctx.mark_personal('POSTCODE', q.postcode)}  {q.place}",
        ]
    )
    w.gap(18)
    w.line(f"Wissenkerke, {dutch_date(ctx.letter_date)}")
    ctx.mark_keep(dutch_date(ctx.letter_date))
    w.line(f"Onderwerp: uw brief over {subject.lower()}")
    w.gap(10)
    w.line(f"Geachte {ctx.mark_personal('PERSON', q.addressed)},")
    w.gap(4)
    w.para(
        f"In uw brief aan de gemeenteraad van {dutch_date(ctx.received - dt.timedelta(days=40))} vraagt u aandacht "
        f"voor {subject.lower()}. De raad heeft uw brief voor afhandeling aan ons doorgestuurd."
    )
    for para in body[:1]:
        w.para(para.replace("Wij vragen", "U vraagt").replace("wij", "u"))
    w.para(registry_mention(ctx))
    if not ctx.demo:
        w.para(collision(ctx))
    cs = rng.choice(registry("ambtenaar"))
    ctx.mark_keep(cs["name"])
    w.para(
        f"Voor vragen kunt u contact opnemen met {cs['name']}, {cs['department']}, "
        f"telefoon {ctx.mark_personal('PHONE', REGISTRY_PRIVATE_PHONE[cs['name']])} of {ctx.mark_personal('EMAIL', cs['email'])}."
    )
    w.line("Burgemeester en wethouders van Noord-Beveland,")
    g = registry("burgemeester")[0]
    w.line("de secretaris,")
    ctx.sign(w)
    w.line("mr. T.A. van Oorschot")
    ctx.mark_keep("van Oorschot")
    w.line("de burgemeester,")
    ctx.sign(w)
    w.line(g["name"])
    ctx.mark_keep(g["name"])
    return f"Beantwoording brief {subject.lower()}"


def build_activity(ctx: Ctx, doc: pymupdf.Document, s: dict) -> str:
    rng = ctx.rng
    w = Writer(doc, rng, font=rng.choice(["helv", "tiro"]))
    what = rng.choice(
        [
            "Werkbezoek haven Colijnsplaat",
            "Informatieavond woonvisie",
            "Rondleiding waterkering Kamperland",
            "Themabijeenkomst energietransitie",
            "Kennismaking jongerenraad",
        ]
    )
    ctx.mark_keep(what)
    when = ctx.received + dt.timedelta(days=rng.randint(10, 40))
    org = s.get("org") or "Gemeente Noord-Beveland"
    w.line(org, bold=True, size=14)
    w.gap(16)
    w.line(f"Uitnodiging: {what}", bold=True, size=12)
    w.gap(8)
    w.para(
        f"Graag nodigen wij de leden van de gemeenteraad uit voor de activiteit '{what}' op "
        f"{dutch_date(when)} van 19.30 tot 21.30 uur in {ctx.place}."
    )
    ctx.mark_keep(dutch_date(when))
    ctx.mark_keep(ctx.place)
    if not ctx.demo:
        w.para(collision(ctx))
    if "person" in s:
        p = s["person"]
        name, phone, email = p.full, p.phone, p.email
    else:
        r = s["reg"]
        name, phone, email = (
            r["name"],
            REGISTRY_PRIVATE_PHONE.get(r["name"], "0113-377377"),
            r["email"],
        )
    # 3h: contact person's name, phone and e-mail may be published
    ctx.mark_keep(name)
    ctx.mark_keep(phone)
    ctx.mark_keep(email)
    w.para(f"Aanmelden kan tot een week van tevoren bij {name}, telefoon {phone}, e-mail {email}.")
    if "person" in s and rng.random() < 0.8:
        p = s["person"]
        w.para(
            f"Schriftelijk aanmelden kan ook: {p.full}, {ctx.mark_personal('ADDRESS', p.address)}, "
            f"{ctx.mark_personal('POSTCODE', p.postcode)} {p.place}."
        )
    w.gap(6)
    w.line("Met vriendelijke groet,")
    ctx.sign(w)
    w.line(name)
    return f"Uitnodiging {what}"


# --- nuisance: places a careless redactor misses -----------------------------------------------


def add_nuisance(ctx: Ctx, doc: pymupdf.Document, sender: Sender) -> None:
    rng = ctx.rng
    personal = ctx.personal
    name = (
        sender.name
        if sender.name in personal
        else next(
            (
                t
                for t, v in personal.items()
                if v["type"] == "PERSON" and "omitted page" not in v["where"]
            ),
            None,
        )
    )
    phone = next((t for t, v in personal.items() if v["type"] == "PHONE"), None)
    email = next((t for t, v in personal.items() if v["type"] == "EMAIL"), None)
    address = next(
        (
            t
            for t, v in personal.items()
            if v["type"] == "ADDRESS" and "omitted page" not in v["where"]
        ),
        None,
    )
    kinds = rng.sample(
        ["metadata", "xmp", "annotation", "form", "attachment", "ocg", "link"], rng.randint(1, 3)
    )
    page = doc[0]
    for kind in kinds:
        if kind == "metadata" and name:
            doc.set_metadata(
                {
                    "author": name,
                    "title": f"Brief van {name}",
                    "producer": "Microsoft Word",
                    "creationDate": "D:20260301120000+01'00'",
                    "modDate": "D:20260301120000+01'00'",
                }
            )
            ctx.mark_personal("PERSON", name, "metadata")
        elif kind == "xmp" and name:
            xmp = (
                '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
                '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f"<dc:creator><rdf:Seq><rdf:li>{name}</rdf:li></rdf:Seq></dc:creator>"
                '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
            )
            doc.set_xml_metadata(xmp)
            ctx.mark_personal("PERSON", name, "xmp")
        elif kind == "annotation" and phone:
            a = page.add_text_annot((page.rect.width - 60, 60), f"Terugbellen: {phone}")
            a.set_info(title="griffie")
            a.update()
            ctx.mark_personal("PHONE", phone, "annotation")
        elif kind == "form" and name:
            wdg = pymupdf.Widget()
            wdg.field_name = "naam_afzender"
            wdg.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
            wdg.field_value = name
            wdg.rect = pymupdf.Rect(
                page.rect.width - 230,
                page.rect.height - 50,
                page.rect.width - 40,
                page.rect.height - 34,
            )
            wdg.text_fontsize = 8
            page.add_widget(wdg)
            ctx.mark_personal("PERSON", name, "form")
        elif kind == "attachment" and address:
            doc.embfile_add(
                "afzender.txt",
                f"Afzender\n{name or ''}\n{address}\n".encode("latin-1"),
                filename="afzender.txt",
                desc="gegevens afzender",
            )
            ctx.mark_personal("ADDRESS", address, "attachment")
            if name:
                ctx.mark_personal("PERSON", name, "attachment")
        elif kind == "ocg" and email:
            ocg = doc.add_ocg("Notities griffie", on=False)
            page.insert_text(
                (72, page.rect.height - 30), f"Retour: {email}", fontname="helv", fontsize=8, oc=ocg
            )
            ctx.mark_personal("EMAIL", email, "hidden layer")
        elif kind == "link" and email:
            r = pymupdf.Rect(page.rect.width - 200, 20, page.rect.width - 40, 32)
            page.insert_link({"kind": pymupdf.LINK_URI, "from": r, "uri": f"mailto:{email}"})
            ctx.mark_personal("EMAIL", email, "link")


# --- entry points -----------------------------------------------------------------------------


def generate_document(
    rng: random.Random,
    category: str,
    sender_type: str,
    scanned: bool = False,
    nuisance: bool | None = None,
    index: int = 0,
    form: str = "",
    *,
    demo: bool = False,
    received_on: dt.date | None = None,
) -> SampleDocument:
    """One document; ``form`` (one of FORMS) makes it contain that form of issue 8.
    ``demo``: written for the demo council (no test sentences), received on
    ``received_on``."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}")
    if sender_type not in SENDER_TYPES:
        raise ValueError(f"unknown sender type {sender_type!r}")
    if form and form not in FORMS:
        raise ValueError(f"unknown form {form!r}")
    if form in ("informal", "email_header") and (category, sender_type) != ("letter", "citizen"):
        raise ValueError(f"form {form!r} is written in a citizen's letter")
    if form == "line_break_scan" and not scanned:
        raise ValueError("form 'line_break_scan' is a scan")
    ctx = Ctx(rng, category, sender_type, form, demo=demo, received=received_on)
    s = make_sender(ctx)
    needs_person = category in ("petition", "speaker", "view", "objection", "citizens_initiative")
    if needs_person and "person" not in s:
        # these categories come from people; a registry sender still writes as a person here
        r = s["reg"]
        first, _, last = r["name"].partition(" ")
        home = ctx.pf.person()
        s["person"] = Person(
            first,
            last,
            False,
            home.street,
            home.number,
            home.postcode,
            home.place,
            r["email"],
            REGISTRY_PRIVATE_PHONE.get(r["name"], home.phone),
        )
    doc = pymupdf.open()
    if category == "letter":
        subject = build_letter(ctx, doc, s, email_print=rng.random() < 0.3)
    elif category == "petition":
        subject = build_petition(ctx, doc, s)
    elif category == "speaker":
        subject = build_speaker(ctx, doc, s)
    elif category in ("view", "objection"):
        subject = build_formal(ctx, doc, s, category)
    elif category == "citizens_initiative":
        subject = build_initiative(ctx, doc, s)
    elif category == "appointment":
        subject = build_appointment(ctx, doc, s)
    elif category == "college_answer":
        subject = build_college_answer(ctx, doc, s)
    else:
        subject = build_activity(ctx, doc, s)
    sender = sender_record(ctx, s)
    written = " ".join(" ".join(page.get_text().split()) for page in doc).lower()
    ctx.keep = [k for k in ctx.keep if " ".join(k.split()).lower() in written]
    if form == "line_break_scan":
        line_broken_block(ctx, doc)
    if scanned:
        doc = scan(doc, rng)
        for sig in ctx.signatures:  # scans are slightly rotated: widen the rect
            r = sig["rect"]
            sig["rect"] = [r[0] - 5, r[1] - 5, r[2] + 5, r[3] + 5]
    if nuisance if nuisance is not None else rng.random() < 0.4:
        add_nuisance(ctx, doc, sender)
    pages = doc.page_count
    data = pdf_bytes(doc)
    # items of the truth that are also personal keep-candidates are dropped from keep
    keep = [k for k in ctx.keep if k not in ctx.personal]
    details = (sender.name, sender.address, sender.postcode, sender.email, sender.phone)
    deny = [
        v
        for v in details
        if v in ctx.personal
        or (
            sender_type == "citizen"
            and v == sender.name
            and category not in ("speaker", "citizens_initiative")
        )
    ]
    deny += [d for d in ctx.deny if d not in deny]
    slug = f"{index:03d}-{category}-{sender_type}{'-scan' if scanned else ''}.pdf"
    sample = SampleDocument(
        filename=slug,
        pdf_bytes=data,
        category=category,
        sender_type=sender_type,
        subject=subject,
        received_on=ctx.received,
        sender=sender,
        truth=Truth(
            personal=list(ctx.personal.values()),
            keep=keep,
            allowed=ctx.allowed,
            signatures=ctx.signatures,
            omit_pages=sorted(ctx.omit),
        ),
        scanned=scanned,
        page_count=pages,
        neutral_term=NEUTRAL[category],
        deny_terms=deny,
        form=form,
    )
    if form == "rotated":
        sample = stored_rotated(sample, rng.choice((90, 180, 270)))
    elif form == "hidden":
        sample = with_hidden_text(sample, rng, HIDING[index % len(HIDING)])
    return sample


# Forms of issue 8 that the corpus must contain, each in a share of the documents
# (``generate_document(form=...)``): pages stored rotated, hidden text (all HIDING ways in
# turn), a name/address/phone/account broken over two lines in a scan, informal lower-case
# text and an e-mail header with 'Achternaam, Voornaam' in copy.
FORMS = ("rotated", "hidden", "line_break_scan", "informal", "email_header")
LINE_BREAK_KEEPS = ("speaker", "activity")  # categories that keep names (3d) or phones (3h)


def corpus_plan(
    rng: random.Random, count: int, scans: int | None = None
) -> list[tuple[str, str, bool, str]]:
    """Category/sender combinations covering every category and typical sender first, then
    a share of each of FORMS: (category, sender_type, scanned, form)."""
    from .model import TYPICAL_SENDERS

    combos = [(c, st) for c in CATEGORIES for st in TYPICAL_SENDERS[c]]
    rng.shuffle(combos)
    plan = []
    while len(plan) < count:
        plan.extend(combos[: count - len(plan)])
        rng.shuffle(combos)
    scans = max(1, count // 6) if scans is None else scans
    scan_idx = set(rng.sample(range(count), min(scans, count)))
    forms = [""] * count
    share = max(1, count // 12)
    # informal text and e-mail headers are citizens' letters: they take the place of repeats,
    # after every combination has had its turn
    repeats = [i for i in range(len(combos), count) if i not in scan_idx]
    typed = [i for i in range(count) if i not in scan_idx]
    for form, pool in (
        # where every broken item is personal (not in a speaker's or an activity's text)
        ("line_break_scan", [i for i in sorted(scan_idx) if plan[i][0] not in LINE_BREAK_KEEPS]),
        ("informal", repeats),
        ("email_header", repeats),
        ("rotated", typed),
        ("hidden", typed),
    ):
        free = [i for i in pool if not forms[i]]
        n = max(1, count // 10) if form == "hidden" else share
        for i in rng.sample(free, min(n, len(free))):
            forms[i] = form
            if form in ("informal", "email_header"):
                plan[i] = ("letter", "citizen")
    return [(c, st, i in scan_idx, forms[i]) for i, (c, st) in enumerate(plan)]


def generate_corpus(seed: int, count: int, scans: int | None = None) -> list[SampleDocument]:
    rng = random.Random(seed)
    docs = []
    for i, (category, sender_type, scanned, form) in enumerate(corpus_plan(rng, count, scans)):
        doc_rng = random.Random(f"{seed}-{i}")
        docs.append(generate_document(doc_rng, category, sender_type, scanned, index=i, form=form))
    return docs

"""The demo council's own documents: raadsvoorstellen, moties, amendementen, besluiten and
besluitenlijsten written the way a griffie publishes them (issue 17: they were one-line
PDFs). Everything is invented; the names are the council's public office holders
(``people.REGISTRY``). Development only, like the rest of ``devtools``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pymupdf

MUNICIPALITY = "Noord-Beveland"
MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()

# --- a small multi-page layout: headings, paragraphs, bullet and numbered lists -------------
A4 = (595, 842)
MARGIN = 62
BODY, SMALL = 10.5, 9


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass
class Block:
    kind: str  # "title", "h", "p", "li", "meta"
    text: str


@dataclass
class Paper:
    """Write blocks onto A4 pages, a new page when one is full, page numbers at the foot."""

    header: str
    blocks: list[Block] = field(default_factory=list)

    def title(self, text: str) -> Paper:
        self.blocks.append(Block("title", text))
        return self

    def meta(self, *lines: str) -> Paper:
        self.blocks.extend(Block("meta", line) for line in lines)
        return self

    def h(self, text: str) -> Paper:
        self.blocks.append(Block("h", text))
        return self

    def p(self, *texts: str) -> Paper:
        self.blocks.extend(Block("p", text) for text in texts)
        return self

    def li(self, *texts: str) -> Paper:
        self.blocks.extend(Block("li", text) for text in texts)
        return self

    def pdf(self) -> bytes:
        doc = pymupdf.open()
        width = A4[0] - 2 * MARGIN
        page, y = None, 0.0

        def new_page():
            nonlocal page, y
            page = doc.new_page(width=A4[0], height=A4[1])
            page.insert_text((MARGIN, 40), self.header, fontname="helv", fontsize=SMALL)
            y = 70.0

        def lines_of(text: str, font: str, size: float, room: float) -> list[str]:
            lines, line = [], ""
            for word in text.split():
                trial = f"{line} {word}".strip()
                if pymupdf.get_text_length(trial, fontname=font, fontsize=size) <= room:
                    line = trial
                else:
                    lines.append(line)
                    line = word
            return [*lines, line] if line else lines

        new_page()
        for block in self.blocks:
            font, size, indent, before, after, prefix = {
                "title": ("hebo", 15, 0, 0, 10, ""),
                "h": ("hebo", 11.5, 0, 8, 3, ""),
                "p": ("helv", BODY, 0, 0, 6, ""),
                "li": ("helv", BODY, 14, 0, 3, "-"),
                "meta": ("helv", SMALL, 0, 0, 1, ""),
            }[block.kind]
            lines = lines_of(block.text, font, size, width - indent)
            height = len(lines) * size * 1.35
            if y + before + min(height, 3 * size * 1.35) > A4[1] - MARGIN:
                new_page()
            y += before
            for number, line in enumerate(lines):
                if y + size * 1.35 > A4[1] - MARGIN:
                    new_page()
                if prefix and number == 0 and not block.text[:1].isdigit():
                    page.insert_text((MARGIN + 2, y + size), prefix, fontname=font, fontsize=size)
                page.insert_text((MARGIN + indent, y + size), line, fontname=font, fontsize=size)
                y += size * 1.35
            y += after
        for number, each in enumerate(doc, start=1):
            each.insert_text(
                (A4[0] - MARGIN - 60, A4[1] - 30),
                f"pagina {number} van {doc.page_count}",
                fontname="helv",
                fontsize=SMALL - 1,
            )
        doc.set_metadata({"title": self.blocks[0].text if self.blocks else self.header})
        return doc.tobytes(garbage=3, deflate=True)


# --- the council's documents ----------------------------------------------------------------
@dataclass(frozen=True)
class Proposal:
    """One raadsvoorstel and what the raad did with it."""

    key: str
    title: str
    portfolio: str  # the wethouder (public office holder)
    number: str
    aanleiding: list[str]
    voorstel: list[str]
    effect: str
    argumenten: list[tuple[str, str]]
    kanttekeningen: list[tuple[str, str]]
    financien: list[str]
    uitvoering: list[str]
    bijlagen: list[str]
    gelet_op: str


PROPOSALS = {
    "Bestemmingsplan Kamperland-Noord": Proposal(
        key="kamperland",
        title="Vaststellen bestemmingsplan Kamperland-Noord",
        portfolio="Kees Lodewijks",
        number="RV 2026-041",
        aanleiding=[
            "In de Woonvisie Noord-Beveland 2030 heeft de raad uitgesproken dat in Kamperland "
            "tot 2030 ruimte nodig is voor ongeveer 90 woningen, met nadruk op starters en "
            "ouderen. Het gebied ten noorden van de Noordweg is daarvoor aangewezen.",
            "Het ontwerpbestemmingsplan heeft van 2 juni tot en met 13 juli 2026 ter inzage "
            "gelegen. Er zijn negen zienswijzen ingediend. Deze zijn samengevat en van een "
            "reactie voorzien in de Nota zienswijzen (bijlage 2).",
        ],
        voorstel=[
            "de Nota zienswijzen bestemmingsplan Kamperland-Noord vast te stellen;",
            "het bestemmingsplan Kamperland-Noord, bestaande uit de geometrische plaatsbepaling "
            "NL.IMRO.1695.BPKamperlandNrd-VA01, gewijzigd ten opzichte van het ontwerp zoals "
            "aangegeven in de Nota zienswijzen, vast te stellen;",
            "geen exploitatieplan vast te stellen, omdat het kostenverhaal anderszins "
            "verzekerd is.",
        ],
        effect=(
            "Het plan maakt 86 woningen mogelijk, waarvan ten minste 30 procent in de "
            "sociale huur of betaalbare koop, met een groene rand langs de Noordweg."
        ),
        argumenten=[
            (
                "Het plan past binnen de Woonvisie en het provinciale omgevingsplan.",
                "Het gebied ligt binnen de bebouwingscontour van Kamperland. De provincie "
                "heeft in haar vooroverlegreactie geen bezwaren gemaakt.",
            ),
            (
                "De zienswijzen hebben het plan verbeterd.",
                "Naar aanleiding van de zienswijzen is de ontsluiting via de Patrijzenstraat "
                "vervallen; het verkeer rijdt via een nieuwe aansluiting op de Noordweg. De "
                "bouwhoogte aan de rand van het plan is verlaagd naar twee lagen met kap.",
            ),
            (
                "De waterhuishouding is op orde.",
                "Het waterschap Scheldestromen heeft ingestemd met de waterparagraaf. In het "
                "plan is 4.200 m² open water opgenomen voor de berging van regenwater.",
            ),
        ],
        kanttekeningen=[
            (
                "Tegen het besluit staat beroep open.",
                "Wie een zienswijze heeft ingediend, kan beroep instellen bij de Afdeling "
                "bestuursrechtspraak van de Raad van State. Dat kan de uitvoering vertragen.",
            ),
            (
                "Het uitzicht van omwonenden verandert.",
                "De bewoners aan de noordzijde van de Noordweg kijken straks uit op "
                "bebouwing. De groene rand van 25 meter verzacht dit, maar neemt het niet weg.",
            ),
        ],
        financien=[
            "De kosten van het plan worden verhaald via de anterieure overeenkomst met de "
            "ontwikkelaar. De gemeente draagt de kosten van de aansluiting op de Noordweg, "
            "€ 185.000, gedekt uit de reserve grondexploitaties.",
        ],
        uitvoering=[
            "Na vaststelling wordt het besluit binnen twee weken bekendgemaakt in het "
            "Gemeenteblad en op ruimtelijkeplannen.nl. De beroepstermijn is zes weken. De "
            "eerste bouwfase start naar verwachting in het tweede kwartaal van 2027.",
        ],
        bijlagen=[
            "Ontwerpbesluit",
            "Nota zienswijzen bestemmingsplan Kamperland-Noord",
            "Verbeelding en regels bestemmingsplan Kamperland-Noord",
            "Waterparagraaf en advies waterschap Scheldestromen",
        ],
        gelet_op="artikel 3.1 van de Wet ruimtelijke ordening in samenhang met het "
        "overgangsrecht van de Omgevingswet",
    ),
    "Verordening afvalstoffenheffing 2027": Proposal(
        key="afval",
        title="Verordening afvalstoffenheffing 2027",
        portfolio="Adriaan Maljers",
        number="RV 2026-047",
        aanleiding=[
            "De raad stelt jaarlijks de tarieven van de afvalstoffenheffing vast. De kosten "
            "van inzameling en verwerking stijgen in 2027 door de hogere verbrandingsbelasting "
            "en de nieuwe inzamelcontracten.",
        ],
        voorstel=[
            "de Verordening afvalstoffenheffing 2027 vast te stellen;",
            "de Verordening afvalstoffenheffing 2026 in te trekken per 1 januari 2027.",
        ],
        effect="Een kostendekkende afvalstoffenheffing met een tarief dat uitlegbaar is.",
        argumenten=[
            (
                "De heffing blijft kostendekkend.",
                "De heffing mag niet meer opbrengen dan de kosten. Met een vastrecht van € 238 "
                "en € 1,20 per lediging van de restafvalcontainer blijft de dekking 100 procent.",
            ),
            (
                "Wie minder restafval aanbiedt, betaalt minder.",
                "Het variabele deel beloont scheiden. Een huishouden dat de container tien keer "
                "per jaar aanbiedt, betaalt € 12 minder dan gemiddeld.",
            ),
        ],
        kanttekeningen=[
            (
                "Het tarief stijgt met 6,8 procent.",
                "Voor een gemiddeld huishouden is dat € 17 per jaar. Huishoudens met een laag "
                "inkomen kunnen kwijtschelding aanvragen.",
            ),
        ],
        financien=[
            "De geraamde opbrengst is € 2.412.000. Dit is verwerkt in de begroting 2027.",
        ],
        uitvoering=[
            "De verordening wordt bekendgemaakt in het Gemeenteblad en treedt in werking op "
            "1 januari 2027. De aanslagen worden in februari 2027 verstuurd.",
        ],
        bijlagen=["Ontwerpbesluit", "Verordening afvalstoffenheffing 2027", "Kostenonderbouwing"],
        gelet_op="artikel 15.33 van de Wet milieubeheer en artikel 216 van de Gemeentewet",
    ),
}

# Moties and amendementen: text of the considerations and the request.
AMENDMENTS = {
    "Amendement A1 Groen langs de Noordweg": (
        ["Gemeentebelangen", "PvdA/GroenLinks"],
        [
            "de groene rand langs de Noordweg in het plan 25 meter breed is;",
            "omwonenden in hun zienswijzen vragen om een bredere buffer;",
        ],
        "In artikel 3.2 van de regels „25 meter” te vervangen door „35 meter”, en de "
        "verbeelding daarop aan te passen.",
    ),
    "Amendement A2 Minder woningen, meer parkeren": (
        ["VVD"],
        [
            "de parkeerdruk in Kamperland in de zomermaanden hoog is;",
            "een lagere dichtheid ruimte geeft voor parkeren op eigen terrein;",
        ],
        "In artikel 4.1 van de regels het maximum aantal woningen te verlagen van 86 naar 70.",
    ),
}
MOTIONS = {
    "Motie M1 Betaalbare starterswoningen": (
        ["CDA", "D66"],
        [
            "jongeren uit Kamperland steeds vaker het eiland verlaten omdat zij geen "
            "betaalbare woning vinden;",
            "het bestemmingsplan Kamperland-Noord ruimte biedt voor 86 woningen;",
        ],
        [
            "een starterslening de stap naar een eerste koopwoning kleiner maakt;",
            "een zelfbewoningsplicht voorkomt dat woningen als belegging worden gekocht;",
        ],
        [
            "ten minste 20 woningen in Kamperland-Noord met voorrang aan starters met een "
            "binding met Noord-Beveland aan te bieden;",
            "bij de verkoop een zelfbewoningsplicht van vijf jaar op te nemen;",
            "de raad vóór 1 juli 2027 te informeren over de resultaten.",
        ],
    ),
    "Motie M2 Kwijtschelding voor minima": (
        ["PvdA/GroenLinks"],
        ["de afvalstoffenheffing in 2027 met 6,8 procent stijgt;"],
        [
            "huishoudens met een inkomen tot 120 procent van het sociaal minimum die stijging "
            "het sterkst voelen;"
        ],
        [
            "de kwijtscheldingsnorm voor de afvalstoffenheffing te verruimen tot 110 procent van "
            "het sociaal minimum en de kosten te dekken uit de algemene reserve."
        ],
    ),
    "Motie M3 Proef met omgekeerd inzamelen": (
        ["D66"],
        ["gemeenten die omgekeerd inzamelen tot 40 procent minder restafval ophalen;"],
        ["een proef in één kern laat zien of dit ook op Noord-Beveland werkt;"],
        [
            "in 2027 in Geersdijk een proef met omgekeerd inzamelen te houden en de raad over "
            "de uitkomst te informeren."
        ],
    ),
}


def _header(kind: str) -> str:
    return f"Gemeenteraad {MUNICIPALITY} - {kind}"


def raadsvoorstel_pdf(proposal: Proposal, meeting_day: dt.date, committee_day: dt.date) -> bytes:
    paper = Paper(_header("raadsvoorstel")).title(f"Raadsvoorstel: {proposal.title}")
    paper.meta(
        f"Nummer: {proposal.number}",
        f"Raadsvergadering: {dutch_date(meeting_day)}",
        f"Commissie: {dutch_date(committee_day)}",
        f"Portefeuillehouder: wethouder {proposal.portfolio}",
    )
    paper.h("Aanleiding").p(*proposal.aanleiding)
    paper.h("Voorstel").p("Wij stellen u voor:")
    for number, line in enumerate(proposal.voorstel, start=1):
        paper.li(f"{number}. {line}")
    paper.h("Beoogd effect").p(proposal.effect)
    paper.h("Argumenten")
    for number, (claim, why) in enumerate(proposal.argumenten, start=1):
        paper.p(f"{number}. {claim}", why)
    paper.h("Kanttekeningen")
    for number, (claim, why) in enumerate(proposal.kanttekeningen, start=1):
        paper.p(f"{number}. {claim}", why)
    paper.h("Financiën").p(*proposal.financien)
    paper.h("Uitvoering").p(*proposal.uitvoering)
    paper.h("Bijlagen").li(*[f"{n}. {b}" for n, b in enumerate(proposal.bijlagen, start=1)])
    paper.p(
        "Burgemeester en wethouders van Noord-Beveland,",
        "de gemeentesecretaris,                      de burgemeester,",
        "                                            Marieke Verhulst",
    )
    return paper.pdf()


def besluit_pdf(proposal: Proposal, meeting_day: dt.date, amended: list[str]) -> bytes:
    paper = Paper(_header("raadsbesluit")).title(f"Raadsbesluit: {proposal.title}")
    paper.meta(f"Nummer: {proposal.number.replace('RV', 'RB')}")
    paper.p(
        f"De raad van de gemeente {MUNICIPALITY};",
        f"gelezen het voorstel van burgemeester en wethouders ({proposal.number});",
        f"gelet op {proposal.gelet_op};",
    )
    if amended:
        paper.p("gelet op het aangenomen " + " en ".join(amended) + ";")
    paper.h("besluit:")
    for number, line in enumerate(proposal.voorstel, start=1):
        paper.li(f"{number}. {line}")
    paper.p(
        f"Aldus besloten in de openbare vergadering van {dutch_date(meeting_day)}.",
        "De raad voornoemd,",
        "de griffier,                                de voorzitter,",
        "Johanna Dominicus                           Marieke Verhulst",
    )
    return paper.pdf()


def motie_pdf(title: str, meeting_day: dt.date, agenda_item: str) -> bytes:
    fracties, constaterende, overwegende, verzoekt = MOTIONS[title]
    paper = Paper(_header("motie")).title(title)
    paper.meta(
        f"Raadsvergadering {dutch_date(meeting_day)}, agendapunt {agenda_item}",
        "Ingediend door de fracties van " + " en ".join(fracties),
    )
    paper.p(
        f"De raad van de gemeente {MUNICIPALITY}, in vergadering bijeen op "
        f"{dutch_date(meeting_day)},"
    )
    paper.h("constaterende dat").li(*constaterende)
    paper.h("overwegende dat").li(*overwegende)
    paper.h("verzoekt het college").li(*verzoekt)
    paper.p("en gaat over tot de orde van de dag.")
    return paper.pdf()


def amendement_pdf(title: str, proposal: Proposal, meeting_day: dt.date) -> bytes:
    fracties, overwegende, change = AMENDMENTS[title]
    paper = Paper(_header("amendement")).title(title)
    paper.meta(
        f"Raadsvergadering {dutch_date(meeting_day)}, raadsvoorstel {proposal.number}",
        "Ingediend door de fracties van " + " en ".join(fracties),
    )
    paper.p(
        f"De raad van de gemeente {MUNICIPALITY}, in vergadering bijeen op "
        f"{dutch_date(meeting_day)}, gelezen het voorstel „{proposal.title}”,"
    )
    paper.h("overwegende dat").li(*overwegende)
    paper.h("besluit het ontwerpbesluit als volgt te wijzigen:").p(change)
    return paper.pdf()


def besluitenlijst_pdf(meeting_title: str, day: dt.date, items: list[tuple[str, str]]) -> bytes:
    paper = Paper(_header("besluitenlijst")).title(f"Besluitenlijst {meeting_title}")
    paper.meta(
        f"Datum: {dutch_date(day)}",
        "Plaats: raadzaal gemeentehuis, Kortgene",
        "Voorzitter: Marieke Verhulst, burgemeester. Griffier: Johanna Dominicus.",
    )
    for number, (title, decision) in enumerate(items, start=1):
        paper.h(f"{number}. {title}").p(decision)
    paper.p(
        "Vastgesteld in de openbare vergadering van de raad van "
        f"{dutch_date(day + dt.timedelta(days=28))}.",
    )
    return paper.pdf()

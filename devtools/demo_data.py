"""Realistic Dutch demo data: the council of Noord-Beveland, its meetings and its post.

Used by ``manage.py load_demo_data`` (``make demo``) and by tests that need a whole council.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from devtools.calendar import next_council_day
from devtools.samples import council
from devtools.samples.demo import demo_documents
from devtools.samples.people import REGISTRY
from documents.intake import receive_file
from documents.models import Document, Handling, Status, shown_status_choices
from documents.sender_terms import default_public_sender_term
from meetings.models import AgendaItem, Meeting
from people.models import Body, BodyKind, Fractie, Membership, Person, PersonRole
from people.roles import COLLEGE, COMMISSIELID, GRIFFIE, RAADSLID
from people.service import create_body, sync_body_groups

TERM_START = dt.date(2022, 3, 30)
ROLE_MAP = {
    "burgemeester": PersonRole.BURGEMEESTER,
    "wethouder": PersonRole.WETHOUDER,
    "griffier": PersonRole.GRIFFIER,
    "plv. griffier": PersonRole.GRIFFIER,
    "raadslid": PersonRole.RAADSLID,
    "ambtenaar": PersonRole.AMBTENAAR,
}


@dataclass
class DemoLogin:
    username: str
    password: str
    role: str


def _user(username: str, password: str, role: str | None, name: str = "", **extra):
    first, _, last = name.partition(" ")
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last, **extra}
    )
    user.set_password(password)
    user.save()
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@transaction.atomic
def load_council() -> tuple[dict[str, Body], list[DemoLogin]]:
    for role in (GRIFFIE, RAADSLID, COMMISSIELID, COLLEGE):
        Group.objects.get_or_create(name=role)
    bodies = {
        "raad": create_body("Gemeenteraad", BodyKind.RAAD),
        "college": create_body("College van B&W", BodyKind.COLLEGE),
        "ruimte": create_body("Commissie Ruimte", BodyKind.COMMISSIE),
        "samenleving": create_body("Commissie Samenleving", BodyKind.COMMISSIE),
        "rekenkamer": create_body("Rekenkamercommissie", BodyKind.REKENKAMER),
    }
    logins: list[DemoLogin] = []
    council_members = []
    for entry in REGISTRY:
        fractie = None
        if entry.get("fractie"):
            fractie, _ = Fractie.objects.get_or_create(name=entry["fractie"])
        person = Person.objects.create(
            name=entry["name"],
            role=ROLE_MAP[entry["role"]],
            fractie=fractie,
            department=entry.get("department", ""),
            public_email=entry["email"] if entry["role"] != "ambtenaar" else "",
            term_start=TERM_START,
        )
        if person.role == PersonRole.RAADSLID:
            council_members.append(person)
        if person.role in (PersonRole.WETHOUDER, PersonRole.BURGEMEESTER):
            Membership.objects.create(person=person, body=bodies["college"], start=TERM_START)
        if person.role == PersonRole.BURGEMEESTER:
            Membership.objects.create(
                person=person, body=bodies["raad"], label="voorzitter", start=TERM_START
            )
    for index, person in enumerate(council_members):
        Membership.objects.create(person=person, body=bodies["raad"], start=TERM_START)
        committee = bodies["ruimte"] if index % 2 == 0 else bodies["samenleving"]
        Membership.objects.create(person=person, body=committee, start=TERM_START)
    # A burgerlid (commissielid who is not a raadslid) in the commissie Ruimte.
    burgerlid = Person.objects.create(
        name="Lotte van Damme",
        role=PersonRole.COMMISSIELID,
        term_start=TERM_START,
        public_email="l.vandamme@raad-noord-beveland.nl",
    )
    Membership.objects.create(person=burgerlid, body=bodies["ruimte"], start=TERM_START)

    def login(person_name: str, username: str, password: str, role: str):
        person = Person.objects.get(name=person_name)
        person.user = _user(username, password, role, person_name)
        person.save(update_fields=["user"])
        sync_body_groups(person)
        logins.append(DemoLogin(username, password, role))

    _user("griffie", "griffie-demo-2026", GRIFFIE, "Johanna Dominicus", is_staff=True)
    logins.append(DemoLogin("griffie", "griffie-demo-2026", GRIFFIE))
    login(council_members[0].name, "raadslid", "raadslid-demo-2026", RAADSLID)
    login(council_members[1].name, "raadslid2", "raadslid-demo-2026", RAADSLID)
    login("Lotte van Damme", "commissielid", "commissielid-demo-2026", COMMISSIELID)
    login("Kees Lodewijks", "wethouder", "wethouder-demo-2026", COLLEGE)
    _user("beheer", "beheer-demo-2026", None, "Beheerder", is_staff=True, is_superuser=True)
    logins.append(DemoLogin("beheer", "beheer-demo-2026", "superuser (admin)"))
    return bodies, logins


def weekday_evening(moment: dt.datetime) -> dt.datetime:
    """The same evening time on a council day (Monday to Thursday, no public holiday, not
    in the Christmas or summer recess), forward in time, so past meetings stay past and
    upcoming ones upcoming."""
    day = next_council_day(moment.date())
    return moment + dt.timedelta(days=(day - moment.date()).days)


@transaction.atomic
def load_meetings(bodies: dict[str, Body]) -> list[Meeting]:
    now = timezone.localtime()
    base = now.replace(hour=19, minute=30, second=0, microsecond=0)
    plan = [
        ("raad", "Raadsvergadering", -28, False),
        ("ruimte", "Commissie Ruimte", -14, False),
        ("samenleving", "Commissie Samenleving", -12, False),
        ("raad", "Besloten raadsvergadering grondaankoop", -10, True),
        ("raad", "Raadsvergadering", 7, False),
        ("ruimte", "Commissie Ruimte", 21, False),
    ]
    meetings = []
    for key, title, days, closed in plan:
        starts_at = weekday_evening(base + dt.timedelta(days=days))
        meeting = Meeting.objects.create(
            body=bodies[key],
            title=title,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=3),
            location="Raadzaal gemeentehuis, Kortgene",
            is_closed=closed,
        )
        items = ["Opening en mededelingen", "Vaststellen agenda", "Ingekomen stukken"]
        if not closed:
            items += [
                "Spreekrecht burgers",
                "Bestemmingsplan Kamperland-Noord",
                "Verordening afvalstoffenheffing 2027",
                "Rondvraag en sluiting",
            ]
        else:
            items += ["Grondaankoop Wissenkerke (geheim)", "Sluiting"]
        for position, item in enumerate(items, start=1):
            AgendaItem.objects.create(
                meeting=meeting, number=str(position), title=item, position=position
            )
        meetings.append(meeting)
    return meetings


DEMO_HANDLING = {
    "letter": Handling.COLLEGE_SETTLE,
    "petition": Handling.COMMITTEE,
    "view": Handling.WITH_ITEM,
    "objection": Handling.GRIFFIE_SETTLE,
    "citizens_initiative": Handling.COUNCIL,
    "college_answer": Handling.NOTED,
}


def received_with_details(
    data: bytes, filename: str, *, user=None, received_on=None, **details
) -> Document:
    """A file received through the griffie's intake, with its registration details written
    straight to the record (no form, no event): for demo data and tests."""
    document = receive_file(data, filename, user=user, received_on=received_on).document
    Document.objects.filter(pk=document.pk).update(**details)
    document.refresh_from_db()
    return document


def load_documents(meetings: list[Meeting], user=None) -> list[Document]:
    """Receive every demo PDF through the same intake as the griffie's upload form, in the
    order of receipt (so the registration numbers follow the dates), each on the lijst
    ingekomen stukken of the first open meeting after it arrived."""
    open_meetings = sorted((m for m in meetings if not m.is_closed), key=lambda m: m.starts_at)
    samples = sorted(demo_documents(), key=lambda s: s.received_on)
    documents = []
    for index, sample in enumerate(samples):
        meeting = next(
            (
                m
                for m in open_meetings
                if timezone.localtime(m.starts_at).date() > sample.received_on
            ),
            open_meetings[-1],
        )
        item = meeting.agenda_items.filter(title="Ingekomen stukken").first()
        if sample.category == "speaker":
            item = meeting.agenda_items.filter(title="Spreekrecht burgers").first() or item
        sender = sample.sender
        address = ", ".join(
            p for p in (sender.address, f"{sender.postcode} {sender.place}".strip()) if p
        )
        document = received_with_details(
            sample.pdf_bytes,
            sample.filename,
            user=user,
            received_on=sample.received_on,
            subject=sample.subject,
            category=sample.category,
            sender_type=sample.sender_type,
            sender_name=sender.organisation or sender.name,
            sender_address=address,
            sender_email=sender.email,
            sender_phone=sender.phone,
            public_sender_term=default_public_sender_term(
                sample.category, sample.sender_type, sender.organisation or sender.name
            )
            if sample.sender_type != "citizen"
            else sample.neutral_term,
            meeting=meeting,
            agenda_item=item,
            registered_at=timezone.now(),
            handling_proposal=DEMO_HANDLING.get(sample.category, Handling.NOTED),
            # The raad has set the lijst of a past meeting: one stuk it sent to the commissie.
            handling_decision=(
                ""
                if meeting.starts_at > timezone.now()
                else Handling.COMMITTEE
                if index == 0
                else DEMO_HANDLING.get(sample.category, Handling.NOTED)
            ),
        )
        document.record("registered", user, "demo data")
        documents.append(document)
    return documents


def simple_pdf(title: str, body: str) -> bytes:
    paper = council.Paper(f"Gemeente {council.MUNICIPALITY}").title(title)
    paper.p(*[part for part in body.split("\n\n") if part.strip()])
    return paper.pdf()


def process_documents(documents: list[Document], griffie) -> dict[str, int]:
    """Take the post through the griffie's workflow the way a working week leaves it: most
    anonymised, reviewed and published by the gedragscode's proposal, some still waiting."""
    from documents.workflow import approve, run_anonymisation
    from publication.service import PublicationRefused, publish_document

    counts = {"received": 0, "in_review": 0, "published": 0, "refused": 0}
    for index, document in enumerate(documents):
        if index % 8 == 7:  # left for the griffie to triage
            counts["received"] += 1
            continue
        document.start_anonymising(griffie)
        run_anonymisation(document)
        document.refresh_from_db()
        if document.status != Status.IN_REVIEW or document.status_reason or index % 8 == 6:
            counts["in_review"] += 1  # failed verification, or left for review
            continue
        approve(document, griffie)
        try:
            publish_document(document, griffie)
        except PublicationRefused:
            counts["refused"] += 1
        else:
            counts["published"] += 1
    return counts


def load_secrets(bodies: dict[str, Body], meetings: list[Meeting], griffie) -> None:
    """A secret college letter provided to the raad, and the minutes of the closed meeting
    (secret by law)."""
    from confidentiality.models import Authority, WooGround
    from confidentiality.service import impose_secrecy, record_closed_meeting_document

    def registered_letter(title: str, body: str, filename: str, **details) -> Document:
        return received_with_details(
            simple_pdf(title, body),
            filename,
            user=griffie,
            category="letter",
            registered_at=timezone.now(),
            **details,
        )

    letter = registered_letter(
        "Vertrouwelijke informatie grondaankoop Wissenkerke",
        "Het college informeert de raad over de onderhandelingen over de aankoop van twee "
        "percelen landbouwgrond aan de Zandweg in Wissenkerke (samen 3,4 hectare), nodig "
        "voor de uitbreiding van het bedrijventerrein.\n\n"
        "Vraagprijs en taxatie. De eigenaar vraagt € 14,50 per m². Een onafhankelijke "
        "taxateur komt uit op € 11,75 per m² bij agrarisch gebruik en € 13,20 per m² met "
        "het oog op de toekomstige bestemming.\n\n"
        "Biedstrategie. Het college opent met € 12,00 per m² en gaat niet hoger dan "
        "€ 13,20 per m². Boven dat bedrag onderzoekt het college de alternatieve locatie "
        "aan de Oudelandseweg.\n\n"
        "Dekking. De aankoop past binnen het krediet dat de raad bij de begroting 2026 "
        "beschikbaar stelde; de kosten worden verhaald via de grondexploitatie.\n\n"
        "Op deze informatie rust geheimhouding op grond van artikel 5.1, tweede lid, "
        "onder b Woo (economische of financiële belangen van de gemeente). De geheimhouding "
        "kan worden opgeheven door het college.",
        "grondaankoop.pdf",
        subject="Grondaankoop Wissenkerke",
        sender_type="college",
        sender_name="College van B&W",
        public_sender_term="college van B&W",
    )
    impose_secrecy(
        title="Grondaankoop Wissenkerke",
        imposed_by=Authority.COLLEGE,
        imposed_by_body=bodies["college"],
        ground=WooGround.L2B,
        provided_to=[bodies["raad"]],
        documents=[letter],
        reference="B&W-besluit 2026/112",
        review_on=timezone.localdate() + dt.timedelta(days=180),
        actor=griffie,
    )
    closed = next(m for m in meetings if m.is_closed)
    minutes = registered_letter(
        f"Verslag {closed.title}",
        "Besloten deel van de raadsvergadering. Aanwezig: alle raadsleden, de "
        "burgemeester (voorzitter), de wethouders en de griffier.\n\n"
        "1. Opening. De voorzitter opent het besloten deel en wijst op de geheimhouding "
        "(Gemeentewet art. 25 en 86).\n\n"
        "2. Grondaankoop Wissenkerke. De wethouder licht de stand van de onderhandelingen en "
        "de biedstrategie toe. De fracties stellen vragen over de taxatie en de "
        "alternatieve locatie. De raad stemt in met de voorgestelde bovengrens.\n\n"
        "3. Sluiting. De voorzitter sluit het besloten deel om 21.40 uur.",
        "verslag-besloten.pdf",
        subject=f"Verslag {closed.title}",
        sender_type="civil_servant",
        sender_name="Griffie",
        public_sender_term="griffie",
        meeting=closed,
    )
    record_closed_meeting_document(minutes, actor=griffie)


def load_public_extras(meetings: list[Meeting]) -> None:
    """A besluitenlijst for every past open meeting and two announced activities (3h)."""
    from django.core.files.base import ContentFile

    from publication.models import MeetingDocument, MeetingDocumentKind
    from publication.service import publish_meeting_document

    for meeting in meetings:
        if meeting.is_closed or meeting.starts_at > timezone.now():
            continue
        record = MeetingDocument(
            meeting=meeting,
            kind=MeetingDocumentKind.BESLUITENLIJST,
            title=f"Besluitenlijst {meeting}",
        )
        record.file.save(
            "besluitenlijst.pdf",
            ContentFile(
                council.besluitenlijst_pdf(
                    meeting.title,
                    timezone.localtime(meeting.starts_at).date(),
                    [(item.title, _decision_on(item)) for item in meeting.agenda_items.all()],
                )
            ),
            save=False,
        )
        record.save()
        publish_meeting_document(record)
    load_council_documents(meetings)
    load_activities()


def load_activities() -> None:
    """Two announced activities (3h), on council days (no holiday, no recess)."""
    from publication.models import Activity

    today = timezone.localdate()
    Activity.objects.create(
        title="Werkbezoek haven Colijnsplaat",
        date=next_council_day(today + dt.timedelta(days=10)),
        description="Rondleiding door de haven met de havenmeester.",
        contact_name="havenmeester Colijnsplaat",
        contact_phone="0113-695 000",
        contact_email="haven@colijnsplaat.example",
    )
    Activity.objects.create(
        title="Informatieavond Omgevingsvisie",
        date=next_council_day(today + dt.timedelta(days=18)),
        description="Inwoners praten mee over de Omgevingsvisie Noord-Beveland 2040.",
        contact_name="Esther Minderhoud",
        contact_email="omgevingsvisie@noord-beveland.nl",
    )


#: Per agenda item of the raad: raadsvoorstel, amendementen and moties (with the outcome
#: once voted) and the besluit.
COUNCIL_DOCUMENTS = {
    "Bestemmingsplan Kamperland-Noord": [
        ("raadsvoorstel", "Raadsvoorstel vaststellen bestemmingsplan Kamperland-Noord", ""),
        ("amendement", "Amendement A1 Groen langs de Noordweg", "aangenomen"),
        ("amendement", "Amendement A2 Minder woningen, meer parkeren", "verworpen"),
        ("motie", "Motie M1 Betaalbare starterswoningen", "aangenomen"),
        ("besluit", "Besluit vaststelling bestemmingsplan Kamperland-Noord", ""),
    ],
    "Verordening afvalstoffenheffing 2027": [
        ("raadsvoorstel", "Raadsvoorstel Verordening afvalstoffenheffing 2027", ""),
        ("motie", "Motie M2 Kwijtschelding voor minima", "verworpen"),
        ("motie", "Motie M3 Proef met omgekeerd inzamelen", "ingetrokken"),
        ("besluit", "Besluit Verordening afvalstoffenheffing 2027", ""),
    ],
}


def load_council_documents(meetings: list[Meeting]) -> None:
    """Raadsvoorstellen, moties, amendementen and besluiten on the raad's open meetings; an
    upcoming meeting has only its raadsvoorstellen (nothing voted yet)."""
    from django.core.files.base import ContentFile

    from publication.models import MeetingDocument
    from publication.service import publish_meeting_document

    now = timezone.now()
    for meeting in meetings:
        if meeting.is_closed or meeting.body.kind != BodyKind.RAAD:
            continue
        for item in meeting.agenda_items.filter(title__in=COUNCIL_DOCUMENTS):
            for kind, title, outcome in COUNCIL_DOCUMENTS[item.title]:
                if meeting.starts_at > now and kind != "raadsvoorstel":
                    continue
                record = MeetingDocument(
                    meeting=meeting, agenda_item=item, kind=kind, title=title, outcome=outcome
                )
                record.file.save(
                    f"{kind}.pdf",
                    ContentFile(_council_pdf(kind, title, item, meeting)),
                    save=False,
                )
                record.save()
                publish_meeting_document(record)


def _decision_on(item: AgendaItem) -> str:
    """What the besluitenlijst records for an agenda item of a past meeting."""
    proposal = council.PROPOSALS.get(item.title)
    if proposal is not None:
        parts = [f"Raadsvoorstel {proposal.number}: aangenomen."]
        for kind, title, outcome in COUNCIL_DOCUMENTS.get(item.title, []):
            if kind in ("motie", "amendement"):
                parts.append(f"{title}: {outcome}.")
        if item.meeting.body.kind != BodyKind.RAAD:
            return (
                f"Besproken; het voorstel gaat als bespreekstuk naar de raad ({proposal.number})."
            )
        return " ".join(parts)
    return {
        "Opening en mededelingen": "De voorzitter opent de vergadering. Er zijn geen "
        "berichten van verhindering.",
        "Vaststellen agenda": "De agenda wordt ongewijzigd vastgesteld.",
        "Ingekomen stukken": "De lijst ingekomen stukken wordt vastgesteld conform de "
        "voorgestelde afdoening, met uitzondering van één stuk dat naar de commissie gaat.",
        "Spreekrecht burgers": "Er hebben zich twee insprekers gemeld; zij spreken over "
        "het bestemmingsplan Kamperland-Noord.",
        "Rondvraag en sluiting": "Er zijn geen vragen. De voorzitter sluit de vergadering om "
        "22.10 uur.",
    }.get(item.title, "Besproken.")


def _council_pdf(kind: str, title: str, item: AgendaItem, meeting: Meeting) -> bytes:
    """The raad's own documents as the griffie publishes them (devtools/samples/council)."""
    proposal = council.PROPOSALS[item.title]
    day = timezone.localtime(meeting.starts_at).date()
    if kind == "raadsvoorstel":
        return council.raadsvoorstel_pdf(proposal, day, day - dt.timedelta(days=14))
    if kind == "motie":
        return council.motie_pdf(title, day, f"{item.number}. {item.title}")
    if kind == "amendement":
        return council.amendement_pdf(title, proposal, day)
    amended = [
        t.split(" ", 2)[0].lower() + " " + t.split(" ", 2)[1]
        for k, t, outcome in COUNCIL_DOCUMENTS[item.title]
        if k == "amendement" and outcome == "aangenomen"
    ]
    return council.besluit_pdf(proposal, day, amended)


def load_summary() -> list[str]:
    """What the demo holds, in Dutch, with parts that add up to the totals."""
    from publication.models import MeetingDocument

    counts = Document.objects.counts_per_status()
    total = sum(counts.values())
    labels = dict(shown_status_choices())
    parts = ", ".join(f"{labels[code]}: {n}" for code, n in counts.items() if n)
    meetings = Meeting.objects.count()
    closed = Meeting.objects.filter(is_closed=True).count()
    motions = MeetingDocument.objects.filter(kind__in=["motie", "amendement"]).count()
    return [
        f"{total} ingekomen stukken ({parts}).",
        f"{meetings} vergaderingen ({meetings - closed} openbaar, {closed} besloten), "
        f"{motions} moties en amendementen.",
    ]


def load_demo_data(*, process: bool = True) -> tuple[list[DemoLogin], list[Document]]:
    bodies, logins = load_council()
    meetings = load_meetings(bodies)
    griffie = get_user_model().objects.get(username="griffie")
    documents = load_documents(meetings, user=griffie)
    if process:
        process_documents(documents, griffie)
        load_secrets(bodies, meetings, griffie)
        load_public_extras(meetings)
    return logins, documents

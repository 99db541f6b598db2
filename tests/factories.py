"""factory_boy factories with traits for the whole project."""

import datetime
from pathlib import Path

import factory
import pymupdf
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from documents.models import Category, Document, SenderType
from meetings.models import AgendaItem, Meeting
from people.models import Body, BodyKind, Membership, Person, PersonRole
from people.roles import COLLEGE, COMMISSIELID, GRIFFIE, RAADSLID


def make_pdf(text: str = "Geachte raad,\n\nDit is een brief.", pages: int = 1) -> bytes:
    doc = pymupdf.open()
    for _ in range(pages):
        page = doc.new_page()
        page.insert_textbox(pymupdf.Rect(72, 72, 520, 770), text, fontsize=11)
    return doc.tobytes()


def run_intake(path: Path, category: str, sender_type: str, *options: str, **call_options):
    """``manage.py intake PATH --category=… --sender-type=…`` with further command-line options
    (``"--subject=Verkeer"``) and call_command's own (``stdout=…``)."""
    call_command(
        "intake",
        str(path),
        f"--category={category}",
        f"--sender-type={sender_type}",
        *options,
        **call_options,
    )


def _with_roles(*default_roles):
    def add_roles(user, create, extracted, **kwargs):
        for role in extracted or default_roles:
            user.groups.add(Group.objects.get_or_create(name=role)[0])

    return factory.PostGeneration(add_roles)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.django.Password("geheim-wachtwoord-123")

    class Params:
        griffie = factory.Trait(roles=_with_roles(GRIFFIE))
        raadslid = factory.Trait(roles=_with_roles(RAADSLID))
        commissielid = factory.Trait(roles=_with_roles(COMMISSIELID))
        college = factory.Trait(roles=_with_roles(COLLEGE))

    roles = _with_roles()


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Commissie {n}")
    kind = BodyKind.COMMISSIE
    group = factory.LazyAttribute(
        lambda o: Group.objects.get_or_create(name=f"orgaan: {o.name}")[0]
    )


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name", locale="nl_NL")
    role = PersonRole.RAADSLID
    public_email = factory.LazyAttribute(lambda o: f"{o.name.split()[0].lower()}@raad.example.nl")
    term_start = datetime.date(2022, 3, 30)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    start = datetime.date(2022, 3, 30)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory, name="Gemeenteraad", kind=BodyKind.RAAD)
    title = "Raadsvergadering"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    location = "Raadzaal, Kortgene"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title = "Ingekomen stukken"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    registration_year = 2026
    registration_sequence = factory.Sequence(lambda n: n + 1)
    received_on = datetime.date(2026, 11, 2)
    subject = "Verzoek om verkeersdrempels in de Dorpsstraat"
    category = Category.LETTER
    sender_type = SenderType.CITIZEN
    sender_name = "Piet Jansen"
    sender_address = "Dorpsstraat 12, 4484 AB Kortgene"
    public_sender_term = "inwoner"

"""A small council with every role and every level of information, for the access tests."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from confidentiality import service
from confidentiality.models import Authority, Exclusion, WooGround
from documents.models import Category
from people.models import BodyKind, PersonRole
from tests.confidentiality.helpers import member, stored_document
from tests.factories import BodyFactory, UserFactory


@dataclass
class World:
    raad: object
    commissie_a: object
    commissie_b: object
    college: object
    users: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)
    items: dict = field(default_factory=dict)
    decisions: dict = field(default_factory=dict)


@pytest.fixture
def world(db):
    raad = BodyFactory(name="Gemeenteraad", kind=BodyKind.RAAD)
    commissie_a = BodyFactory(name="Commissie Bestuur", kind=BodyKind.COMMISSIE)
    commissie_b = BodyFactory(name="Commissie Ruimte", kind=BodyKind.COMMISSIE)
    college = BodyFactory(name="College van B&W", kind=BodyKind.COLLEGE)
    w = World(raad, commissie_a, commissie_b, college)

    w.users["griffie"] = UserFactory(username="griffier", griffie=True)
    w.users["raadslid"] = UserFactory(username="raadslid", raadslid=True)
    member(w.users["raadslid"], raad, commissie_a)
    w.users["excluded"] = UserFactory(username="uitgesloten", raadslid=True)
    excluded_person = member(w.users["excluded"], raad, commissie_a)
    today = timezone.localdate()
    Exclusion.objects.create(
        person=excluded_person,
        decision_reference="RB-2026-17",
        start=today - datetime.timedelta(days=5),
        end=today + datetime.timedelta(days=30),
    )
    w.users["other_commissie"] = UserFactory(username="burgerlid", commissielid=True)
    member(w.users["other_commissie"], commissie_b, role=PersonRole.COMMISSIELID)
    w.users["college"] = UserFactory(username="wethouder", college=True)
    member(w.users["college"], college, role=PersonRole.WETHOUDER)
    w.users["superuser"] = UserFactory(username="beheerder", is_superuser=True, is_staff=True)
    w.users["global_perm"] = UserFactory(username="globaal", raadslid=True)
    w.users["global_perm"].user_permissions.add(
        Permission.objects.get(codename="access_secret_information")
    )

    w.documents["public"] = stored_document("Benoeming", Category.APPOINTMENT)
    w.documents["vertrouwelijk"] = stored_document("Brief over de Dorpsstraat")
    w.documents["geheim"] = stored_document("Grondaankoop Havenweg")
    w.documents["geheim_lifted"] = stored_document("Onderhandeling zwembad")
    for level in ("geheim", "geheim_lifted"):
        w.decisions[level] = service.impose_secrecy(
            title=f"Besluit {level}",
            imposed_by=Authority.COLLEGE,
            imposed_by_body=college,
            ground=WooGround.L2B,
            lifting_authority=Authority.COLLEGE,
            provided_to=[raad],
            documents=[w.documents[level]],
            reference=f"B&W-{level}",
        )
        w.items[level] = w.decisions[level].items.get()
    service.lift_secrecy(
        w.decisions["geheim_lifted"],
        by_body=college,
        on=today,
        reference="B&W-opheffing",
        actor=w.users["griffie"],
    )
    return w

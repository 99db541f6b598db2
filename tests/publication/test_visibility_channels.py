"""A document's visibility is the same through every channel, for every state.

Each state is reached the way the griffie reaches it (the services, and the griffie's own
registration screen for a closed meeting); each channel is read through its URL, as the
public, the griffie or a councillor reads it. One cell per state × channel, each can fail.
"""

import datetime
import io
import re
import zipfile
from urllib.parse import urlsplit

import pytest
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from confidentiality.models import Authority, LegalBasis, SecrecyDecision, SecretItem, WooGround
from confidentiality.service import impose_secrecy, lift_secrecy
from documents.forms import RegistrationForm
from documents.models import Document, SenderType
from people.models import BodyKind
from publication.models import InspectionRequest
from publication.service import PublicationRefused, publish_document, withdraw_document
from tests.confidentiality.helpers import member, verify
from tests.factories import BodyFactory, MeetingFactory, UserFactory
from tests.publication.factories import (
    approve_with_anonymised_file,
    published_document,
    received_document,
)

pytestmark = pytest.mark.django_db

# A letter from an organisation: published with its anonymised file (art. 3c), so every
# channel, the file and the sitemaps included, has something to show.
FIELDS = {
    "subject": "Kadeverlichting Kats",
    "sender_type": SenderType.ORGANISATION,
    "public_sender_term": "Dorpsraad Kats",
}
STATES = ("published", "withdrawn", "secret", "lifted", "closed_meeting", "closed_meeting_lifted")
PUBLIC = {"published", "lifted", "closed_meeting_lifted"}  # the public sees these, nothing else
SECRET_NOW = {"secret", "closed_meeting"}  # under secrecy: only the bodies it was provided to


class World:
    def __init__(self, state: str):
        self.raad = BodyFactory(name="Gemeenteraad", kind=BodyKind.RAAD)
        self.griffie_user = UserFactory(username="griffier", griffie=True)
        self.griffie = Client()
        self.griffie.force_login(self.griffie_user)
        self.raadslid = UserFactory(username="raadslid", raadslid=True)
        member(self.raadslid, self.raad)
        self.councillor = verify(Client(), self.raadslid)
        self.closed = MeetingFactory(
            body=self.raad,
            is_closed=True,
            title="Besloten raadsvergadering",
            starts_at=timezone.now() - datetime.timedelta(days=7),
        )
        self.document = getattr(self, f"make_{state}")()
        self.document.refresh_from_db()

    # --- the states, as the griffie reaches them ---------------------------------------------
    def make_published(self):
        return published_document(self.griffie_user, **FIELDS)

    def make_withdrawn(self):
        document = published_document(self.griffie_user, **FIELDS)
        withdraw_document(document, self.griffie_user, "Verkeerd stuk")
        return document

    def _impose(self, document):
        return impose_secrecy(
            title="Onderhandeling",
            imposed_by=Authority.COLLEGE,
            ground=WooGround.L2B,
            provided_to=[self.raad],
            documents=[document],
            reference="B&W 2026-7",
        )

    def make_secret(self):
        document = published_document(self.griffie_user, **FIELDS)
        self._impose(document)
        return document

    def make_lifted(self):
        document = published_document(self.griffie_user, **FIELDS)
        decision = self._impose(document)
        self._lift(decision)
        return document

    def _lift(self, decision):
        lift_secrecy(
            decision,
            by_body=self.raad,
            on=decision.decided_on,
            reference="RB-2026-30",
            actor=self.griffie_user,
        )

    def register_against_closed_meeting(self, document):
        """What the griffie does in its registration screen."""
        data = {
            key: value
            for key, value in model_to_dict(document, fields=RegistrationForm._meta.fields).items()
            if value not in (None, False)
        }
        data["meeting"] = self.closed.pk
        response = self.griffie.post(
            reverse("documents:register", kwargs={"pk": document.pk}), data
        )
        assert response.status_code == 302, response.content.decode()[:2000]

    def make_closed_meeting(self):
        document = published_document(self.griffie_user, **FIELDS)
        self.register_against_closed_meeting(document)
        return document

    def make_closed_meeting_lifted(self):
        document = approve_with_anonymised_file(
            received_document(user=self.griffie_user, **FIELDS), self.griffie_user
        )
        self.register_against_closed_meeting(document)
        with pytest.raises(PublicationRefused):
            publish_document(document, self.griffie_user)
        self._lift(
            SecrecyDecision.objects.get(meeting=self.closed, legal_basis=LegalBasis.CLOSED_MEETING)
        )
        publish_document(Document.objects.get(pk=document.pk), self.griffie_user)
        return document

    # --- the channels --------------------------------------------------------------------------
    @property
    def uuid(self) -> str:
        return str(self.document.uuid)

    def public_text(self, name: str, **params) -> str:
        response = Client().get(reverse(name), params)
        assert response.status_code == 200
        return response.content.decode()

    def sitemap_text(self) -> str:
        """Every DiWoo sitemap page, found through the sitemap indexes."""
        pages = []
        for infocat in ("006", "008"):
            index = Client().get(reverse("publication:diwoo-index", kwargs={"infocat": infocat}))
            assert index.status_code == 200
            for loc in re.findall(r"<loc>([^<]+)</loc>", index.content.decode()):
                page = Client().get(urlsplit(loc).path)
                assert page.status_code == 200
                pages.append(page.content.decode())
        return "\n".join(pages)

    def inspection_zip(self) -> zipfile.ZipFile:
        self.griffie.post(
            reverse("publication:inspections"),
            {
                "requester": "Journalist",
                "contact": "pers@example.org",
                "description": "Woo-verzoek",
                "registration_numbers": self.document.registration_number,
            },
        )
        inspection = InspectionRequest.objects.latest("pk")
        response = self.griffie.post(
            reverse("publication:inspection-zip", kwargs={"pk": inspection.pk})
        )
        assert response.status_code == 200
        return zipfile.ZipFile(io.BytesIO(response.content))

    def secret_item(self):
        return SecretItem.objects.filter(document=self.document).order_by("-pk").first()


def status_is_200(response) -> bool:
    assert response.status_code in (200, 404), response.status_code
    return response.status_code == 200


CHANNELS = {
    # the public site
    "detail page": lambda w: status_is_200(
        Client().get(reverse("publication:document", kwargs={"uuid": w.uuid}))
    ),
    "list": lambda w: w.uuid in w.public_text("publication:incoming"),
    "search": lambda w: w.uuid in w.public_text("publication:search", q="Kadeverlichting"),
    "api list": lambda w: w.uuid in w.public_text("publication:api-documents"),
    "api detail": lambda w: status_is_200(
        Client().get(reverse("publication:api-document", kwargs={"uuid": w.uuid}))
    ),
    "rss feed": lambda w: w.uuid in w.public_text("publication:feed-incoming"),
    "atom feed": lambda w: w.uuid in w.public_text("publication:atom-incoming"),
    "diwoo sitemaps": lambda w: w.uuid in w.sitemap_text(),
    "file download": lambda w: status_is_200(
        Client().get(reverse("publication:document-file", kwargs={"uuid": w.uuid}))
    ),
    # art. 6 inspection: the anonymised copy goes out exactly when the public may see it
    "inspection zip": lambda w: any(
        name.startswith(w.document.registration_number) for name in w.inspection_zip().namelist()
    ),
}
PUBLIC_CHANNELS = tuple(CHANNELS)


@pytest.mark.parametrize("channel", PUBLIC_CHANNELS)
@pytest.mark.parametrize("state", STATES)
def test_the_public_sees_a_document_through_every_channel_or_through_none(state, channel):
    world = World(state)
    assert CHANNELS[channel](world) is (state in PUBLIC)


@pytest.mark.parametrize("state", STATES)
def test_the_inspection_leesmij_never_names_a_secret_document(state):
    world = World(state)
    archive = world.inspection_zip()
    leesmij = archive.read("LEESMIJ.txt").decode() if "LEESMIJ.txt" in archive.namelist() else ""
    named = world.document.registration_number in leesmij
    # a withdrawn document is named (no approved copy to send); a secret one never is
    assert named is (state not in PUBLIC and state not in SECRET_NOW)


COUNCILLOR_CHANNELS = {
    "vertrouwelijk list": lambda w: (
        w.uuid in w.councillor.get(reverse("confidentiality:confidential-list")).content.decode()
    ),
    "vertrouwelijk detail": lambda w: status_is_200(
        w.councillor.get(reverse("confidentiality:confidential-detail", kwargs={"uuid": w.uuid}))
    ),
}


@pytest.mark.parametrize("channel", tuple(COUNCILLOR_CHANNELS))
@pytest.mark.parametrize("state", STATES)
def test_a_councillor_reads_the_full_letter_unless_it_is_under_secrecy(state, channel):
    world = World(state)
    assert COUNCILLOR_CHANNELS[channel](world) is (state not in SECRET_NOW)


@pytest.mark.parametrize("state", STATES)
def test_a_councillor_of_the_raad_finds_it_among_secret_items_exactly_while_secret(state):
    world = World(state)
    item = world.secret_item()
    listing = world.councillor.get(reverse("confidentiality:secret-list")).content.decode()
    in_list = item is not None and str(item.uuid) in listing
    readable = item is not None and status_is_200(
        world.councillor.get(reverse("confidentiality:secret-detail", kwargs={"uuid": item.uuid}))
    )
    assert in_list is (state in SECRET_NOW)
    assert readable is (state in SECRET_NOW)


@pytest.mark.parametrize("state", ["closed_meeting", "closed_meeting_lifted"])
def test_the_closed_meeting_page_shows_its_minutes_once_lifted_and_published(state):
    world = World(state)
    page = Client().get(reverse("publication:meeting-detail", kwargs={"pk": world.closed.pk}))
    assert page.status_code == 200
    assert (world.uuid in page.content.decode()) is (state in PUBLIC)


@pytest.mark.parametrize("state", STATES)
def test_the_publication_panel_links_to_the_public_site_exactly_when_the_public_sees_it(state):
    world = World(state)
    page = world.griffie.get(reverse("documents:detail", kwargs={"pk": world.document.pk}))
    public_link = reverse("publication:document", kwargs={"uuid": world.uuid})
    assert (public_link in page.content.decode()) is (state in PUBLIC)
    assert ("rust geheimhouding" in page.content.decode()) is (state in SECRET_NOW)

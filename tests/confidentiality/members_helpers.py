"""A meeting of the raad with public, vertrouwelijk and geheim documents on its agenda, laid
over the access tests' small council (``world``)."""

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from confidentiality.models import ReadingTarget
from confidentiality.reading import URL_KIND_OF
from publication.models import MeetingDocument
from publication.service import publish_meeting_document
from tests.factories import AgendaItemFactory, MeetingFactory, make_pdf


@dataclass
class CouncilMeeting:
    meeting: object
    proposal_item: object
    secret_item_agenda: object
    proposal: object  # a public meeting document


def council_meeting(world) -> CouncilMeeting:
    meeting = MeetingFactory(
        body=world.raad,
        title="Raadsvergadering december",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    proposal_item = AgendaItemFactory(
        meeting=meeting, number="4", title="Herinrichting Dorpsstraat", position=4
    )
    secret_agenda_item = AgendaItemFactory(
        meeting=meeting, number="7", title="Grondzaken", position=7
    )
    proposal = MeetingDocument(
        meeting=meeting,
        agenda_item=proposal_item,
        kind="raadsvoorstel",
        title="Raadsvoorstel herinrichting Dorpsstraat",
    )
    proposal.file.save(
        "voorstel.pdf",
        ContentFile(make_pdf("Het college stelt voor de Dorpsstraat te herinrichten.", pages=2)),
        save=False,
    )
    proposal.save()
    publish_meeting_document(proposal)
    for level, item in (("vertrouwelijk", proposal_item), ("geheim", secret_agenda_item)):
        document = world.documents[level]
        document.meeting = meeting
        document.agenda_item = item
        document.save()
    return CouncilMeeting(meeting, proposal_item, secret_agenda_item, proposal)


def read_url(target_type: str, uuid) -> str:
    from django.urls import reverse

    return reverse("confidentiality:read", args=[URL_KIND_OF[ReadingTarget(target_type)], uuid])


def page_url(target_type: str, uuid, page: int = 1) -> str:
    from django.urls import reverse

    return reverse(
        "confidentiality:read-page", args=[URL_KIND_OF[ReadingTarget(target_type)], uuid, page]
    )

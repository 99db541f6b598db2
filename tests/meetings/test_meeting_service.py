"""The rules of a meeting, from agenda to decision, as the griffie's screens apply them."""

import datetime

import pytest
from django.utils import timezone

from meetings import service
from meetings.models import AgendaItem, Attendance, VoteChoice, VoteOutcome
from meetings.service import MeetingRefused, Move
from people.models import BodyKind
from publication.models import MeetingDocument, MeetingDocumentKind
from tests.factories import (
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    make_pdf,
)
from tests.publication.factories import MeetingDocumentFactory

pytestmark = pytest.mark.django_db


def agenda(meeting) -> list[tuple[str, str]]:
    return [(i.number, i.title) for i in service.ordered_items(meeting)]


@pytest.fixture
def meeting():
    return MeetingFactory(agenda_published_at=None)


# --- the agenda ----------------------------------------------------------------------------
def test_items_are_numbered_from_their_order_and_sub_items_follow_their_main_item(meeting):
    opening = service.add_item(meeting, title="Opening")
    proposals = service.add_item(meeting, title="Raadsvoorstellen")
    service.add_item(meeting, title="Sluiting")
    service.add_item(meeting, title="Haven", parent=proposals)
    service.add_item(meeting, title="Begroting", parent=proposals)
    assert agenda(meeting) == [
        ("1", "Opening"),
        ("2", "Raadsvoorstellen"),
        ("2.1", "Haven"),
        ("2.2", "Begroting"),
        ("3", "Sluiting"),
    ]
    assert opening.parent is None


def test_moving_a_main_item_takes_its_sub_items_along(meeting):
    service.add_item(meeting, title="Opening")
    proposals = service.add_item(meeting, title="Raadsvoorstellen")
    service.add_item(meeting, title="Haven", parent=proposals)
    service.move_item(proposals, Move.UP)
    assert agenda(meeting) == [("1", "Raadsvoorstellen"), ("1.1", "Haven"), ("2", "Opening")]


def test_indent_makes_a_sub_item_of_the_item_above_and_outdent_undoes_it(meeting):
    service.add_item(meeting, title="Opening")
    proposals = service.add_item(meeting, title="Raadsvoorstellen")
    haven = service.add_item(meeting, title="Haven")
    service.add_item(meeting, title="Sluiting")
    haven = service.move_item(haven, Move.INDENT)
    assert haven.parent == proposals
    assert agenda(meeting)[2] == ("2.1", "Haven")
    service.move_item(haven, Move.OUTDENT)
    assert agenda(meeting) == [
        ("1", "Opening"),
        ("2", "Raadsvoorstellen"),
        ("3", "Haven"),
        ("4", "Sluiting"),
    ]


@pytest.mark.parametrize(
    ("which", "direction", "reason"),
    [
        (0, Move.UP, "bovenaan"),
        (1, Move.DOWN, "onderaan"),
        (0, Move.INDENT, "eerste agendapunt"),
        (0, Move.OUTDENT, "al een hoofdpunt"),
    ],
)
def test_a_move_that_is_not_possible_is_refused_and_changes_nothing(
    meeting, which, direction, reason
):
    items = [service.add_item(meeting, title="Opening"), service.add_item(meeting, title="Slot")]
    before = agenda(meeting)
    with pytest.raises(MeetingRefused, match=reason):
        service.move_item(items[which], direction)
    assert agenda(meeting) == before


def test_an_item_with_sub_items_cannot_become_a_sub_item(meeting):
    service.add_item(meeting, title="Opening")
    main = service.add_item(meeting, title="Raadsvoorstellen")
    service.add_item(meeting, title="Haven", parent=main)
    with pytest.raises(MeetingRefused, match="met subpunten"):
        service.move_item(main, Move.INDENT)


def test_drag_and_drop_sets_the_whole_order_at_once(meeting):
    a = service.add_item(meeting, title="A")
    b = service.add_item(meeting, title="B")
    c = service.add_item(meeting, title="C")
    service.reorder(meeting, [(c.pk, None), (a.pk, None), (b.pk, a.pk)])
    assert agenda(meeting) == [("1", "C"), ("2", "A"), ("2.1", "B")]


@pytest.mark.parametrize(
    "order",
    [
        lambda a, b, c: [(a.pk, None), (b.pk, None)],  # an item left out
        lambda a, b, c: [(a.pk, None), (b.pk, None), (c.pk, None), (c.pk, None)],  # twice
        lambda a, b, c: [(b.pk, a.pk), (a.pk, None), (c.pk, None)],  # sub-item before main
        lambda a, b, c: [(a.pk, None), (b.pk, a.pk), (c.pk, b.pk)],  # sub-item of a sub-item
    ],
)
def test_an_impossible_order_is_refused(meeting, order):
    a, b, c = (service.add_item(meeting, title=t) for t in "ABC")
    with pytest.raises(MeetingRefused):
        service.reorder(meeting, order(a, b, c))
    assert agenda(meeting) == [("1", "A"), ("2", "B"), ("3", "C")]


def test_a_change_to_a_published_agenda_is_dated_and_an_unpublished_one_is_not(meeting):
    service.add_item(meeting, title="Opening")
    meeting.refresh_from_db()
    assert meeting.agenda_changed_at is None
    result = service.publish_agenda(meeting)
    assert result.first_time and meeting.agenda_published_at is not None
    service.add_item(meeting, title="Vragenuur")
    meeting.refresh_from_db()
    assert meeting.agenda_changed_at is not None
    assert meeting.agenda_changed_at >= meeting.agenda_published_at


def test_a_new_meeting_starts_with_an_unpublished_agenda(db):
    body = BodyFactory(name="Commissie Ruimte", kind=BodyKind.COMMISSIE)
    meeting = MeetingFactory.build(body=body, agenda_published_at=timezone.now())
    service.save_meeting(meeting)
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is None and not meeting.shows_agenda


def test_publishing_the_agenda_runs_every_document_through_the_engine_and_keeps_refusals(
    meeting,
):
    item = service.add_item(meeting, title="Haven")
    good = MeetingDocumentFactory(
        meeting=meeting,
        agenda_item=item,
        kind=MeetingDocumentKind.RAADSVOORSTEL,
        title="Raadsvoorstel haven",
        file__data=make_pdf("Raadsvoorstel over de haven van het dorp."),
    )
    broken = MeetingDocumentFactory(
        meeting=meeting,
        agenda_item=item,
        kind=MeetingDocumentKind.BIJLAGE,
        title="Kapotte bijlage",
        file__data=b"geen pdf",
    )
    result = service.publish_agenda(meeting)
    assert result.published == [good]
    assert [md for md, _reason in result.refused] == [broken]
    assert set(MeetingDocument.objects.public()) == {good}
    broken.refresh_from_db()
    assert broken.publication_report["refused"]


def test_a_document_attached_after_publication_is_published_at_once(meeting):
    service.publish_agenda(meeting)
    md = MeetingDocumentFactory.build(
        meeting=meeting,
        kind=MeetingDocumentKind.MOTIE,
        title="Motie speelplaatsen",
        file__data=make_pdf("De raad verzoekt het college speelplaatsen te onderhouden."),
    )
    assert service.attach_document(md) is None
    assert MeetingDocument.objects.public().filter(pk=md.pk).exists()


def test_besloten_meeting_documents_are_never_published_with_the_agenda(db):
    closed = MeetingFactory(is_closed=True, agenda_published_at=None)
    md = MeetingDocumentFactory(
        meeting=closed, kind=MeetingDocumentKind.NOTULEN, file__data=make_pdf("Verslag.")
    )
    service.publish_agenda(closed)
    md.refresh_from_db()
    assert md.published_at is None
    assert not MeetingDocument.objects.public().exists()


# --- the outcome -----------------------------------------------------------------------------
@pytest.fixture
def council(db):
    """A raad of five: three of fractie A, two of fractie B."""
    raad = BodyFactory(name="Gemeenteraad", kind=BodyKind.RAAD)
    from people.models import Fractie

    fa = Fractie.objects.create(name="Dorpsbelang")
    fb = Fractie.objects.create(name="Groen Kustpartij")
    people = []
    for name, fractie in [
        ("Anouk Verhage", fa),
        ("Bram Lievense", fa),
        ("Cor Dekkers", fa),
        ("Dieuwke Abbing", fb),
        ("Evert Minderhoud", fb),
    ]:
        person = PersonFactory(name=name, fractie=fractie)
        MembershipFactory(person=person, body=raad, start=datetime.date(2022, 3, 30))
        people.append(person)
    meeting = MeetingFactory(body=raad, starts_at=timezone.now() - datetime.timedelta(hours=3))
    return meeting, people, fa, fb


def motion(meeting, kind=MeetingDocumentKind.MOTIE):
    return MeetingDocumentFactory(meeting=meeting, kind=kind, title=f"{kind} over de haven")


def test_a_vote_per_fractie_is_what_each_present_member_of_it_voted(council):
    meeting, people, fa, fb = council
    service.record_attendance(meeting, people[:4])  # Evert absent
    md = motion(meeting)
    outcome = service.record_outcome(
        md, fractie_choices={fa: VoteChoice.VOOR, fb: VoteChoice.TEGEN}
    )
    assert outcome == VoteOutcome.AANGENOMEN
    vote = md.vote
    assert (vote.votes_for, vote.votes_against, vote.roll_call) == (3, 1, False)
    assert {(m.person.name, m.choice) for m in vote.members.all()} == {
        ("Anouk Verhage", "voor"),
        ("Bram Lievense", "voor"),
        ("Cor Dekkers", "voor"),
        ("Dieuwke Abbing", "tegen"),
    }


def test_a_roll_call_gives_each_fractie_the_vote_of_its_members_or_verdeeld(council):
    meeting, people, fa, fb = council
    service.record_attendance(meeting, people)
    md = motion(meeting, MeetingDocumentKind.AMENDEMENT)
    choices = dict(zip(people, ["voor", "tegen", "tegen", "tegen", "tegen"], strict=True))
    assert service.record_outcome(md, member_choices=choices) == VoteOutcome.VERWORPEN
    assert {(f.fractie.name, f.choice) for f in md.vote.fracties.all()} == {
        ("Dorpsbelang", "verdeeld"),
        ("Groen Kustpartij", "tegen"),
    }
    assert md.vote.roll_call


@pytest.mark.parametrize(
    ("votes_for", "votes_against", "full", "expected"),
    [
        (3, 2, True, VoteOutcome.AANGENOMEN),
        (2, 3, True, VoteOutcome.VERWORPEN),
        (2, 2, True, VoteOutcome.VERWORPEN),  # tied in a full meeting: rejected
        (2, 2, False, VoteOutcome.AANGEHOUDEN),  # tied otherwise: to the next meeting
    ],
)
def test_the_count_decides_the_outcome_art_32(votes_for, votes_against, full, expected):
    assert service.outcome_of(votes_for, votes_against, full_meeting=full) == expected


def test_an_outcome_that_contradicts_the_count_is_refused(council):
    meeting, people, fa, fb = council
    service.record_attendance(meeting, people)
    md = motion(meeting)
    with pytest.raises(MeetingRefused, match="geven als uitslag 'verworpen'"):
        service.record_outcome(
            md,
            outcome=VoteOutcome.AANGENOMEN,
            fractie_choices={fa: VoteChoice.TEGEN, fb: VoteChoice.VOOR},
        )
    md.refresh_from_db()
    assert md.outcome == "" and not hasattr(md, "vote")


def test_only_present_members_vote_and_every_present_member_votes(council):
    meeting, people, fa, fb = council
    md = motion(meeting)
    with pytest.raises(MeetingRefused, match="presentie"):
        service.record_outcome(md, fractie_choices={fa: "voor", fb: "voor"})
    service.record_attendance(meeting, people[:3])
    with pytest.raises(MeetingRefused, match="Alleen aanwezige leden"):
        service.record_outcome(md, member_choices={p: "voor" for p in people})
    with pytest.raises(MeetingRefused, match="ontbreekt een stem van Cor Dekkers"):
        service.record_outcome(md, member_choices={p: "voor" for p in people[:2]})
    with pytest.raises(MeetingRefused, match="fractie Dorpsbelang"):
        service.record_outcome(md, fractie_choices={fb: "voor"})


def test_withdrawn_and_held_over_have_no_vote_and_a_hamerstuk_needs_none(council):
    meeting, people, fa, fb = council
    service.record_attendance(meeting, people)
    md = motion(meeting)
    with pytest.raises(MeetingRefused, match="wordt niet gestemd"):
        service.record_outcome(
            md, outcome=VoteOutcome.INGETROKKEN, fractie_choices={fa: "voor", fb: "voor"}
        )
    assert service.record_outcome(md, outcome=VoteOutcome.INGETROKKEN) == "ingetrokken"
    proposal = motion(meeting, MeetingDocumentKind.RAADSVOORSTEL)
    assert service.record_outcome(proposal, outcome=VoteOutcome.AANGENOMEN) == "aangenomen"
    with pytest.raises(MeetingRefused, match="Verworpen kan alleen na een stemming"):
        service.record_outcome(proposal, outcome=VoteOutcome.VERWORPEN)
    with pytest.raises(MeetingRefused, match="Alleen een amendement of motie"):
        service.record_outcome(proposal, outcome=VoteOutcome.INGETROKKEN)


def test_a_new_vote_replaces_the_earlier_one(council):
    meeting, people, fa, fb = council
    service.record_attendance(meeting, people)
    md = motion(meeting)
    service.record_outcome(md, fractie_choices={fa: "voor", fb: "voor"})
    service.record_outcome(md, fractie_choices={fa: "tegen", fb: "voor"})
    md.refresh_from_db()
    assert (md.vote.votes_for, md.vote.votes_against, md.outcome) == (2, 3, "verworpen")


def test_only_the_raad_votes_and_only_on_proposals_amendments_and_motions(council):
    meeting, people, fa, fb = council
    with pytest.raises(MeetingRefused, match="Alleen over raadsvoorstellen"):
        service.record_outcome(motion(meeting, MeetingDocumentKind.BIJLAGE), outcome="aangenomen")
    commissie = MeetingFactory(body=BodyFactory(name="Commissie Bestuur"))
    with pytest.raises(MeetingRefused, match="Alleen de raad stemt"):
        service.record_outcome(motion(commissie), outcome="aangenomen")


def test_attendance_lists_the_body_and_refuses_others(council):
    meeting, people, fa, fb = council
    outsider = PersonFactory(name="Frits Buiten")
    with pytest.raises(MeetingRefused, match="Alleen leden van het orgaan"):
        service.record_attendance(meeting, [outsider])
    service.record_attendance(meeting, people[:2])
    assert Attendance.objects.filter(meeting=meeting, present=True).count() == 2
    assert Attendance.objects.filter(meeting=meeting, present=False).count() == 3


# --- lifting the secrecy of a besloten vergadering --------------------------------------------
def test_lifting_covers_the_meeting_documents_the_raad_saw_and_not_later_ones(db):
    from confidentiality.models import SecrecyDecision

    raad = BodyFactory(name="Gemeenteraad", kind=BodyKind.RAAD)
    closed = MeetingFactory(
        body=raad, is_closed=True, starts_at=timezone.now() - datetime.timedelta(days=14)
    )
    service.save_meeting(closed)
    minutes = MeetingDocumentFactory.build(
        meeting=closed,
        kind=MeetingDocumentKind.NOTULEN,
        title="Verslag besloten deel",
        file__data=make_pdf("Verslag van het besloten deel over de grondprijs."),
    )
    service.attach_document(minutes)
    assert SecrecyDecision.objects.filter(meeting=closed, status="active").exists()
    from publication.service import publish_meeting_document

    publish_meeting_document(minutes)
    assert not MeetingDocument.objects.public().exists()  # secret by law

    decision = service.lift_closed_meeting_secrecy(
        closed, on=timezone.localdate(), reference="RB-2026-41", actor=None
    )
    assert decision.status == "lifted" and decision.lift_reference == "RB-2026-41"
    assert list(MeetingDocument.objects.public()) == [minutes]

    later = MeetingDocumentFactory(
        meeting=closed, kind=MeetingDocumentKind.NOTULEN, file__data=make_pdf("Aanvulling.")
    )
    publish_meeting_document(later)
    assert list(MeetingDocument.objects.public()) == [minutes]


def test_only_a_closed_meeting_has_secrecy_to_lift_and_the_raad_decision_is_named(db):
    open_meeting = MeetingFactory()
    with pytest.raises(MeetingRefused, match="geen besloten"):
        service.lift_closed_meeting_secrecy(
            open_meeting, on=timezone.localdate(), reference="RB-1", actor=None
        )
    closed = MeetingFactory(is_closed=True)
    with pytest.raises(MeetingRefused, match="kenmerk"):
        service.lift_closed_meeting_secrecy(
            closed, on=timezone.localdate(), reference=" ", actor=None
        )


def test_deleting_an_item_makes_its_sub_items_main_items(meeting):
    main = service.add_item(meeting, title="Raadsvoorstellen")
    service.add_item(meeting, title="Haven", parent=main)
    service.delete_item(main)
    assert agenda(meeting) == [("1", "Haven")]
    assert not AgendaItem.objects.filter(title="Raadsvoorstellen").exists()


def test_lifting_in_the_secrecy_screen_covers_the_meeting_documents_too(db):
    """Whichever screen records the raad's lifting, the meeting documents follow."""
    from confidentiality.service import closed_meeting_decision, lift_secrecy
    from publication.service import publish_meeting_document

    raad = BodyFactory(name="Gemeenteraad", kind=BodyKind.RAAD)
    closed = MeetingFactory(
        body=raad, is_closed=True, starts_at=timezone.now() - datetime.timedelta(days=14)
    )
    minutes = MeetingDocumentFactory(
        meeting=closed, kind=MeetingDocumentKind.NOTULEN, file__data=make_pdf("Verslag.")
    )
    publish_meeting_document(minutes)
    assert not MeetingDocument.objects.public().exists()
    decision = closed_meeting_decision(closed)
    lift_secrecy(decision, by_body=raad, on=timezone.localdate(), reference="RB-9", actor=None)
    assert list(MeetingDocument.objects.public()) == [minutes]


def test_an_insprekers_contribution_keeps_the_name_and_loses_the_contact_details(meeting):
    """Gedragscode 3d: published with the meeting, with the speaker's name; the engine
    still removes address and phone number."""
    service.publish_agenda(meeting)
    md = MeetingDocumentFactory.build(
        meeting=meeting,
        kind=MeetingDocumentKind.INSPREKER,
        title="Bijdrage inspreker over de haven",
        file__data=make_pdf(
            "Inspreekbijdrage van Annelies Verstraate, Kerkstraat 14, 4484 AB Kortgene, "
            "telefoon 06-41829377.\n\nGeachte raad, de haven moet open blijven voor vissers."
        ),
    )
    assert service.attach_document(md) is None
    md.refresh_from_db()
    assert "Annelies Verstraate" in md.public_text
    assert "06-41829377" not in md.public_text and "Kerkstraat 14" not in md.public_text

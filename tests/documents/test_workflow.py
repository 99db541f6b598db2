"""The anonymisation workflow: queue, run, review, approve — and nothing half-done."""

from unittest import mock

import pymupdf
import pytest
from django.urls import reverse

from devtools.demo_data import received_with_details
from documents import workflow
from documents.intake import receive_file
from documents.models import Document, FileKind, RedactionDecision, Status
from documents.pages import render_page_images
from tests.confidentiality.helpers import verify
from tests.factories import UserFactory, make_pdf

pytestmark = pytest.mark.django_db

LETTER = (
    "Geachte raad,\n\nIk, Piet Jansen, woon aan de Dorpsstraat 12, 4484 AB Kortgene.\n"
    "U kunt mij bellen op 06-12345678.\nHet verkeer in Kortgene is te druk.\n\nMet vriendelijke groet,\n\nPiet Jansen"
)


@pytest.fixture
def letter(db):
    document = received_with_details(
        make_pdf(LETTER),
        "brief.pdf",
        subject="Verkeer Dorpsstraat",
        sender_name="Piet Jansen",
        sender_address="Dorpsstraat 12, 4484 AB Kortgene",
        sender_phone="06-12345678",
        public_sender_term="inwoner",
    )
    render_page_images(document)  # what the render task queued at intake does
    return document


def anonymise(document, capture, actor=None):
    with capture(execute=True):
        workflow.queue_anonymisation(document, actor)
    document.refresh_from_db()
    return document


def output_text(document) -> str:
    output = document.latest_anonymised()
    return "".join(page.get_text() for page in pymupdf.open(stream=output.read_bytes()))


def test_anonymising_a_citizen_letter_leaves_it_in_review_without_personal_data(
    letter, django_capture_on_commit_callbacks
):
    anonymise(letter, django_capture_on_commit_callbacks)
    assert letter.status == Status.IN_REVIEW
    assert letter.status_reason == ""
    text = output_text(letter)
    for personal in ("Piet", "Jansen", "Dorpsstraat 12", "4484 AB", "06-12345678"):
        assert personal not in text
    assert "verkeer in Kortgene" in text
    assert letter.redactions.filter(entity_type="PERSON").exists()
    # the original is untouched
    assert letter.files.get(kind=FileKind.ORIGINAL).checksum_matches()


def test_the_task_is_queued_only_after_commit(letter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.queue_anonymisation(letter)
    assert len(callbacks) == 1
    letter.refresh_from_db()
    assert letter.status == Status.ANONYMISING
    assert not letter.files.filter(kind=FileKind.ANONYMISED).exists()


def test_a_run_repeated_after_a_worker_died_finishes_normally(
    letter, django_capture_on_commit_callbacks
):
    letter.start_anonymising()  # the worker died here: status stays 'anonymising'
    anonymise(letter, django_capture_on_commit_callbacks)  # redelivered task
    assert letter.status == Status.IN_REVIEW
    assert letter.files.filter(kind=FileKind.ANONYMISED).count() == 1


def test_a_rejected_redaction_stays_readable_after_a_rerun(
    letter, django_capture_on_commit_callbacks, griffie_user
):
    anonymise(letter, django_capture_on_commit_callbacks)
    phone = letter.redactions.get(entity_type="PHONE")
    workflow.decide_redactions(letter, griffie_user, accepted=set(), rejected={phone.pk})
    anonymise(letter, django_capture_on_commit_callbacks, griffie_user)
    assert "06-12345678" in output_text(letter)
    assert letter.latest_anonymised().version == 2


def test_a_manual_box_is_blacked_out(letter, django_capture_on_commit_callbacks, griffie_user):
    anonymise(letter, django_capture_on_commit_callbacks)
    assert "Geachte raad" in output_text(letter)
    page = pymupdf.open(stream=make_pdf(LETTER))[0]
    rect = page.search_for("Geachte raad")[0]
    workflow.add_manual_box(letter, griffie_user, 0, tuple(rect))
    anonymise(letter, django_capture_on_commit_callbacks, griffie_user)
    assert "Geachte raad" not in output_text(letter)


def test_approval_needs_a_verified_version(
    letter, django_capture_on_commit_callbacks, griffie_user
):
    with pytest.raises(workflow.NotApprovable):
        workflow.approve(letter, griffie_user)
    anonymise(letter, django_capture_on_commit_callbacks)
    workflow.approve(letter, griffie_user)
    letter.refresh_from_db()
    assert letter.status == Status.APPROVED
    assert letter.events.filter(action="approved", actor=griffie_user).exists()


def test_approval_is_refused_when_the_verification_failed(
    letter, django_capture_on_commit_callbacks, griffie_user
):
    from documents.anonymisation import Verification

    real_apply = workflow.apply_proposal

    def leaky_apply(*args, **kwargs):
        result = real_apply(*args, **kwargs)
        result.output_pdf = None
        result.verification = Verification(ok=False, leaks=["Jansen"], reason="Jansen leesbaar")
        return result

    with mock.patch.object(workflow, "apply_proposal", leaky_apply):
        anonymise(letter, django_capture_on_commit_callbacks)
    assert letter.status == Status.IN_REVIEW
    assert "Jansen leesbaar" in letter.status_reason
    assert letter.latest_anonymised() is None
    with pytest.raises(workflow.NotApprovable):
        workflow.approve(letter, griffie_user)


def test_an_engine_crash_marks_the_document_failed_and_does_not_raise(
    letter, django_capture_on_commit_callbacks
):
    with mock.patch.object(workflow, "propose", side_effect=RuntimeError("boom")):
        anonymise(letter, django_capture_on_commit_callbacks)
    assert letter.status == Status.FAILED
    assert "RuntimeError" in letter.status_reason


def test_an_unreadable_working_pdf_fails_with_the_reason(
    letter, django_capture_on_commit_callbacks
):
    from documents.anonymisation import UnreadableDocument

    with mock.patch.object(workflow, "propose", side_effect=UnreadableDocument("versleuteld")):
        anonymise(letter, django_capture_on_commit_callbacks)
    assert letter.status == Status.FAILED
    assert letter.status_reason == "versleuteld"


class TestReviewScreen:
    def test_review_page_draws_every_proposed_redaction(
        self, letter, griffie_client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            griffie_client.post(reverse("documents:anonymise", args=[letter.pk]))
        response = griffie_client.get(reverse("documents:review", args=[letter.pk]))
        html = response.content.decode()
        assert response.status_code == 200
        assert (
            html.count('class="box decision-proposed')
            >= letter.redactions.filter(decision=RedactionDecision.PROPOSED).count()
            > 0
        )

    def test_approve_from_the_review_page_records_who(
        self, letter, griffie_client, griffie_user, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            griffie_client.post(reverse("documents:anonymise", args=[letter.pk]))
        griffie_client.post(reverse("documents:review", args=[letter.pk]), {"action": "approve"})
        letter.refresh_from_db()
        assert letter.status == Status.APPROVED
        assert letter.events.get(action="approved").actor == griffie_user

    def test_a_councillor_cannot_review(self, letter, client):
        verify(client, UserFactory(raadslid=True))  # even with the second factor
        assert client.get(reverse("documents:review", args=[letter.pk])).status_code == 403


def test_progress_per_page_is_recorded_for_the_inbox(django_capture_on_commit_callbacks):
    document = receive_file(make_pdf(LETTER, pages=4), "lang.pdf").document
    seen = []
    real_propose = workflow.propose

    def watching_propose(pdf, options, progress=None):
        def spy(done, total):
            progress(done, total)
            seen.append(
                Document.objects.values_list("pages_done", "pages_total").get(pk=document.pk)
            )

        return real_propose(pdf, options, progress=spy)

    with mock.patch.object(workflow, "propose", watching_propose):
        anonymise(document, django_capture_on_commit_callbacks)
    assert seen[-1] == (4, 4)
    assert document.pages_done == 4


def test_approval_after_a_change_needs_a_rerun_but_accepting_proposals_does_not(
    letter, django_capture_on_commit_callbacks, griffie_user
):
    anonymise(letter, django_capture_on_commit_callbacks)
    proposed = set(letter.redactions.values_list("pk", flat=True))
    assert (
        workflow.decide_redactions(letter, griffie_user, accepted=proposed, rejected=set()) is False
    )
    phone = letter.redactions.get(entity_type="PHONE")
    assert workflow.decide_redactions(
        letter, griffie_user, accepted=proposed - {phone.pk}, rejected={phone.pk}
    )
    with pytest.raises(workflow.NotApprovable, match="opnieuw"):
        workflow.approve(letter, griffie_user)
    anonymise(letter, django_capture_on_commit_callbacks, griffie_user)
    workflow.approve(letter, griffie_user)
    letter.refresh_from_db()
    assert letter.status == Status.APPROVED


class TestReviewerTools:
    """Issue 11 review screen and issue 8's reviewer's net."""

    @pytest.fixture
    def reviewed(self, letter, griffie_client, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            griffie_client.post(reverse("documents:anonymise", args=[letter.pk]))
        letter.refresh_from_db()
        return letter

    def test_entity_types_are_shown_in_dutch(self, reviewed, griffie_client):
        html = griffie_client.get(reverse("documents:review", args=[reviewed.pk])).content.decode()
        assert reviewed.redactions.filter(entity_type="PERSON").exists()
        assert "<td>naam</td>" in html
        assert "<td>PERSON</td>" not in html

    def test_a_box_typed_with_the_keyboard_is_added_in_pdf_points(self, reviewed, griffie_client):
        griffie_client.post(
            reverse("documents:review", args=[reviewed.pk]),
            {
                "action": "save",
                "kb_page": 1,
                "kb_left": 25.4,
                "kb_top": 50.8,
                "kb_width": 10,
                "kb_height": 5,
            },
        )
        box = reviewed.redactions.get(is_manual=True)
        assert box.page == 0
        x0, y0, x1, y1 = box.rects[0]
        assert (round(x0), round(y0)) == (72, 144)
        assert round(x1 - x0, 1) == round(10 * 72 / 25.4, 1)
        assert reviewed.events.filter(action=workflow.REVIEW_CHANGED).exists()

    def test_a_keyboard_box_outside_the_document_is_refused(self, reviewed, griffie_client):
        griffie_client.post(
            reverse("documents:review", args=[reviewed.pk]),
            {
                "action": "save",
                "kb_page": 9,
                "kb_left": 1,
                "kb_top": 1,
                "kb_width": 10,
                "kb_height": 5,
            },
        )
        assert not reviewed.redactions.filter(is_manual=True).exists()

    def test_each_anonymised_version_has_its_own_file_name(
        self, reviewed, griffie_client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            griffie_client.post(
                reverse("documents:review", args=[reviewed.pk]), {"action": "rerun"}
            )
        names = list(
            reviewed.files.filter(kind=FileKind.ANONYMISED)
            .order_by("version")
            .values_list("original_name", flat=True)
        )
        number = reviewed.registration_number
        assert names == [f"{number}-geanonimiseerd-v1.pdf", f"{number}-geanonimiseerd-v2.pdf"]
        latest = reviewed.files.filter(kind=FileKind.ANONYMISED).order_by("-version").first()
        response = griffie_client.get(reverse("documents:file", args=[reviewed.pk, latest.pk]))
        assert f"{number}-geanonimiseerd-v2.pdf" in response["Content-Disposition"]


def test_one_click_weglakken_redacts_a_suspect_after_a_rerun(
    griffie_user, griffie_client, django_capture_on_commit_callbacks
):
    text = "Geachte raad,\n\nHet project Zwarbelinck loopt vertraging op.\n\nMet vriendelijke groet"
    document = receive_file(make_pdf(text), "brief.pdf", user=griffie_user).document
    with django_capture_on_commit_callbacks(execute=True):
        griffie_client.post(reverse("documents:anonymise", args=[document.pk]))
    url = reverse("documents:review", args=[document.pk])
    html = griffie_client.get(url).content.decode()
    assert 'name="weglakken" value="Zwarbelinck"' in html

    griffie_client.post(url, {"action": "save", "weglakken": "Zwarbelinck"})
    box = document.redactions.get(entity_type="SUSPECT")
    assert box.is_manual and box.text == "Zwarbelinck"
    # like a drawn box: approval waits for a re-run
    griffie_client.post(url, {"action": "approve"})
    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW
    assert "vlak toegevoegd; voer opnieuw uit" in griffie_client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        griffie_client.post(url, {"action": "rerun"})
    output = document.latest_anonymised().read_bytes()
    assert "Zwarbelinck" not in "".join(p.get_text() for p in pymupdf.open(stream=output))
    assert 'value="Zwarbelinck"' not in griffie_client.get(url).content.decode()


def test_the_review_screen_says_so_when_the_reviewers_net_cannot_run(
    letter, griffie_client, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        griffie_client.post(reverse("documents:anonymise", args=[letter.pk]))

    def unreadable(document):
        raise OSError("bestand ontbreekt")

    monkeypatch.setattr(workflow, "review_suspects", unreadable)
    response = griffie_client.get(reverse("documents:review", args=[letter.pk]))
    assert response.status_code == 200
    assert "kon niet worden uitgevoerd" in response.content.decode()


def test_opening_the_review_screen_changes_nothing(griffie_client, letter):
    """A GET only reads: without page images it offers to make them, and makes none."""
    letter.files.filter(kind=FileKind.PAGE_IMAGE).delete()
    events_before = letter.events.count()
    html = griffie_client.get(reverse("documents:review", args=[letter.pk])).content.decode()
    assert "Pagina-afbeeldingen nu maken" in html
    assert not letter.files.filter(kind=FileKind.PAGE_IMAGE).exists()
    assert letter.events.count() == events_before

    griffie_client.post(reverse("documents:review", args=[letter.pk]), {"action": "render_pages"})
    assert letter.files.filter(kind=FileKind.PAGE_IMAGE).exists()

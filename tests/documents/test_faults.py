"""Nothing stuck, nothing half-done (issue 10), without services: conditional transitions,
run tokens and recovery, honest queue-down messages, unreadable files, time limits and
files of rolled-back runs. The same faults against real PostgreSQL/Redis/workers are in
tests/integration/test_faults_real_services.py."""

import datetime
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone

from documents import workflow
from documents.conversion import UnreadableFile, convert
from documents.files import _walk, atomic_files, remove_orphan_files, store_file
from documents.intake import receive_file
from documents.models import (
    ConcurrentChange,
    Document,
    FileKind,
    InvalidTransition,
    RegistrationCounter,
    Status,
)
from documents.queueing import send
from documents.recovery import recover_page_images, recover_stuck_runs
from documents.tasks import anonymise_document
from documents.tasks import render_page_images_task as render_page_images
from publication.service import PublicationRefused, publish_document
from tests.confidentiality.helpers import verify
from tests.factories import DocumentFactory, UserFactory, make_pdf, run_intake
from tests.processes import run_python
from tests.publication.factories import approve_with_anonymised_file, received_document

pytestmark = pytest.mark.django_db

LETTER = (
    "Geachte raad,\n\nIk, Piet Jansen, woon aan de Dorpsstraat 12, 4484 AB Kortgene.\n"
    "Bel mij op 06-12345678.\n\nMet vriendelijke groet,\n\nPiet Jansen\n"
)


def letter() -> Document:
    return receive_file(make_pdf(LETTER), "brief.pdf").document


def stale_copy(document: Document) -> Document:
    return Document.objects.get(pk=document.pk)


# --- transitions are conditional updates ---------------------------------------------------
def test_two_clerks_publishing_at_once_one_succeeds_one_is_told_it_changed():
    user = UserFactory(griffie=True)
    document = approve_with_anonymised_file(received_document(user=user), user)
    first, second = stale_copy(document), stale_copy(document)

    publish_document(first, user)
    with pytest.raises(PublicationRefused, match="intussen gewijzigd"):
        publish_document(second, user)

    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    assert document.events.filter(action="published").count() == 1
    assert document.events.filter(action="publication_decision").count() == 1


def test_publishing_after_a_re_anonymisation_started_is_refused_and_publishes_nothing():
    user = UserFactory(griffie=True)
    document = approve_with_anonymised_file(received_document(user=user), user)
    clerk_a, clerk_b = stale_copy(document), stale_copy(document)

    with mock.patch.object(anonymise_document, "apply_async"):
        workflow.queue_anonymisation(clerk_a, user)
    with pytest.raises(PublicationRefused, match="intussen gewijzigd"):
        publish_document(clerk_b, user)

    document.refresh_from_db()
    assert document.status == Status.ANONYMISING
    assert not hasattr(document, "publicationdecision") or document.publicationdecision is None
    assert not document.events.filter(action="published").exists()


def test_re_anonymising_after_publication_is_refused_without_a_history_entry():
    user = UserFactory(griffie=True)
    document = approve_with_anonymised_file(received_document(user=user), user)
    stale = stale_copy(document)
    publish_document(document, user)
    started = document.events.filter(action="anonymisation_started").count()

    with pytest.raises(InvalidTransition):
        workflow.queue_anonymisation(stale, user)

    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    assert document.events.filter(action="anonymisation_started").count() == started


def test_the_loser_of_a_race_sees_the_message_in_the_view(client):
    user = UserFactory(griffie=True)
    verify(client, user)
    document = approve_with_anonymised_file(received_document(user=user), user)
    stale = stale_copy(document)
    publish_document(document, user)
    # The view read the document before the other clerk published.
    with mock.patch("documents.views.get_object_or_404", return_value=stale):
        response = client.post(reverse("documents:anonymise", args=[document.pk]), follow=True)
    assert response.status_code == 200
    assert "intussen gewijzigd" in response.content.decode()
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED


def test_a_stale_transition_raises_concurrent_change_and_writes_no_history():
    document = DocumentFactory(status=Status.IN_REVIEW)
    stale = stale_copy(document)
    document.approve(None)
    with pytest.raises(ConcurrentChange):
        stale.fail("te laat")
    document.refresh_from_db()
    assert document.status == Status.APPROVED
    assert not document.events.filter(action="failed").exists()


# --- runs with tokens ---------------------------------------------------------------------
def test_a_superseded_run_changes_nothing(django_capture_on_commit_callbacks):
    document = letter()
    with mock.patch.object(anonymise_document, "apply_async"):
        workflow.queue_anonymisation(document)
        old_token = document.run_token
        workflow.queue_anonymisation(stale_copy(document))

    anonymise_document.apply(kwargs={"document_id": document.pk, "run_token": str(old_token)})

    document.refresh_from_db()
    assert document.status == Status.ANONYMISING
    assert document.run_token != old_token
    assert not document.events.filter(action="anonymisation_run").exists()
    assert not document.files.filter(kind=FileKind.ANONYMISED).exists()


def test_the_same_run_delivered_twice_one_after_the_other_ends_in_review_once(
    django_capture_on_commit_callbacks,
):
    document = letter()
    with mock.patch.object(anonymise_document, "apply_async"):
        workflow.queue_anonymisation(document)
    kwargs = {"document_id": document.pk, "run_token": str(document.run_token)}
    anonymise_document.apply(kwargs=kwargs)
    anonymise_document.apply(kwargs=kwargs)
    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW, document.status_reason
    assert document.events.filter(action="anonymisation_finished").count() == 1
    assert document.files.filter(kind=FileKind.ANONYMISED).count() == 1


def test_a_run_that_loses_the_database_connection_is_retried_and_finishes():
    document = letter()
    with mock.patch.object(anonymise_document, "apply_async"):
        workflow.queue_anonymisation(document)
    real = workflow._run
    calls = []

    def cut_once(doc):
        calls.append(doc.pk)
        if len(calls) == 1:
            raise OperationalError("terminating connection due to administrator command")
        return real(doc)

    with mock.patch.object(workflow, "_run", side_effect=cut_once):
        anonymise_document.apply(
            kwargs={"document_id": document.pk, "run_token": str(document.run_token)}
        )
    document.refresh_from_db()
    assert len(calls) == 2
    assert document.status == Status.IN_REVIEW, document.status_reason


def test_a_database_that_stays_away_ends_in_failed_with_a_reason():
    document = letter()
    with mock.patch.object(anonymise_document, "apply_async"):
        workflow.queue_anonymisation(document)
    with mock.patch.object(workflow, "_run", side_effect=OperationalError("server closed")):
        anonymise_document.apply(
            kwargs={"document_id": document.pk, "run_token": str(document.run_token)}
        )
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert "database" in document.status_reason


# --- time limits --------------------------------------------------------------------------
def test_the_soft_time_limit_has_its_own_reason_not_an_unreadable_pdf():
    document = letter()
    with mock.patch.object(anonymise_document, "apply_async"):
        workflow.queue_anonymisation(document)
    with mock.patch(
        "documents.anonymisation.normalise.extract_text", side_effect=SoftTimeLimitExceeded()
    ):
        anonymise_document.apply(
            kwargs={"document_id": document.pk, "run_token": str(document.run_token)}
        )
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert "duurde te lang" in document.status_reason
    assert "kan niet gelezen" not in document.status_reason


def test_time_limits_belong_to_the_task_and_are_not_written_into_the_message(settings):
    assert anonymise_document.soft_time_limit == settings.TASK_SOFT_TIME_LIMIT
    assert anonymise_document.time_limit == settings.TASK_TIME_LIMIT
    assert render_page_images.time_limit == settings.TASK_TIME_LIMIT
    assert not hasattr(settings, "CELERY_TASK_TIME_LIMIT")
    # A vanished worker's task comes back soon after the hard limit, not 21 minutes later.
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert settings.TASK_TIME_LIMIT < visibility <= settings.TASK_TIME_LIMIT + 120
    with mock.patch.object(anonymise_document, "apply_async") as apply_async:
        assert send(anonymise_document.name, document_id=1)
    options = apply_async.call_args.kwargs
    assert options["time_limit"] is None and options["soft_time_limit"] is None


# --- recovery -----------------------------------------------------------------------------
def silent_run(started: bool, attempts: int = 0) -> Document:
    document = letter()
    with mock.patch.object(anonymise_document, "apply_async"):
        workflow.queue_anonymisation(document)
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    Document.objects.filter(pk=document.pk).update(
        run_seen_at=long_ago,
        run_started_at=long_ago if started else None,
        run_attempts=attempts,
        updated_at=long_ago,
    )
    document.refresh_from_db()
    return document


def test_recovery_queues_a_silent_run_again_and_a_worker_finishes_it(
    django_capture_on_commit_callbacks,
):
    document = silent_run(started=True)
    old_token = document.run_token
    with django_capture_on_commit_callbacks(execute=True):
        counts = recover_stuck_runs()
    assert counts == {"requeued": 1, "failed": 0}
    document.refresh_from_db()
    assert document.run_token != old_token
    assert document.status == Status.IN_REVIEW, document.status_reason
    assert document.events.filter(action="anonymisation_requeued").count() == 1


def test_recovery_leaves_a_run_alone_that_was_heard_of_recently():
    document = letter()
    with mock.patch.object(anonymise_document, "apply_async"):
        workflow.queue_anonymisation(document)
    Document.objects.filter(pk=document.pk).update(
        run_seen_at=timezone.now(), run_started_at=timezone.now()
    )
    assert recover_stuck_runs() == {"requeued": 0, "failed": 0}


def _quiet_started_run(seconds: int) -> Document:
    document = letter()
    with mock.patch.object(anonymise_document, "apply_async"):
        workflow.queue_anonymisation(document)
    quiet_since = timezone.now() - datetime.timedelta(seconds=seconds)
    Document.objects.filter(pk=document.pk).update(
        run_seen_at=quiet_since, run_started_at=quiet_since
    )
    return document


@pytest.mark.skipif(connection.vendor != "postgresql", reason="run locks are PostgreSQL's")
def test_a_started_run_no_process_holds_is_queued_again_after_a_minute_not_the_hard_limit(
    django_capture_on_commit_callbacks,
):
    document = _quiet_started_run(seconds=90)  # far less than the hard limit (11 minutes)
    with (
        mock.patch.object(anonymise_document, "apply_async") as apply_async,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert recover_stuck_runs() == {"requeued": 1, "failed": 0}
    apply_async.assert_called_once()
    document.refresh_from_db()
    assert document.run_attempts == 1  # it died: it counts against the budget


@pytest.mark.skipif(connection.vendor != "postgresql", reason="run locks are PostgreSQL's")
def test_a_quiet_run_whose_lock_a_live_process_holds_is_left_alone():
    """A long page (OCR of a big scan) is quiet, not dead: its worker still holds the lock."""
    import psycopg

    document = _quiet_started_run(seconds=90)
    settings_dict = connection.settings_dict
    with psycopg.connect(
        dbname=settings_dict["NAME"],
        user=settings_dict["USER"],
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        password=settings_dict["PASSWORD"] or None,
    ) as worker:
        worker.execute(
            "SELECT pg_advisory_lock(%s, %s)", [workflow.RUN_LOCK_NAMESPACE, document.pk]
        )
        with mock.patch.object(anonymise_document, "apply_async") as apply_async:
            assert recover_stuck_runs() == {"requeued": 0, "failed": 0}
        apply_async.assert_not_called()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="run locks are PostgreSQL's")
def test_a_dead_run_quiet_for_less_than_a_minute_is_left_to_celerys_own_redelivery():
    _quiet_started_run(seconds=10)
    with mock.patch.object(anonymise_document, "apply_async"):
        assert recover_stuck_runs() == {"requeued": 0, "failed": 0}


def test_after_the_retry_budget_a_dying_run_is_failed_with_a_reason(settings):
    settings.DOCUMENT_RUN_ATTEMPTS = 3
    document = silent_run(started=True, attempts=2)
    with mock.patch.object(anonymise_document, "apply_async") as apply_async:
        assert recover_stuck_runs() == {"requeued": 0, "failed": 1}
    apply_async.assert_not_called()
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert "3 keer afgebroken" in document.status_reason


def test_a_run_that_never_reached_a_worker_does_not_use_up_the_budget(settings):
    settings.DOCUMENT_RUN_ATTEMPTS = 1
    document = silent_run(started=False)
    with mock.patch.object(anonymise_document, "apply_async"):
        assert recover_stuck_runs() == {"requeued": 1, "failed": 0}
    document.refresh_from_db()
    assert document.status == Status.ANONYMISING
    assert document.run_attempts == 0


def test_recovery_is_scheduled_in_beat(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "documents.tasks.recover_documents" in tasks
    assert "documents.tasks.remove_orphan_files" in tasks


# --- the queue is down --------------------------------------------------------------------
QUEUE_DOWN = OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")


@pytest.mark.django_db(transaction=True)  # the request commits, then sends
def test_anonymise_with_the_queue_down_keeps_the_run_recoverable_and_says_so(client):
    user = UserFactory(griffie=True)
    verify(client, user)
    document = letter()
    with mock.patch.object(anonymise_document, "apply_async", side_effect=QUEUE_DOWN):
        response = client.post(reverse("documents:anonymise", args=[document.pk]), follow=True)
    assert response.status_code == 200
    assert "wordt verwerkt zodra de wachtrij terug is" in response.content.decode()
    document.refresh_from_db()
    assert document.status == Status.ANONYMISING
    assert document.run_seen_at is None  # never sent: the recovery task sends it again
    Document.objects.filter(pk=document.pk).update(
        updated_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    with mock.patch.object(anonymise_document, "apply_async") as apply_async:
        assert recover_stuck_runs()["requeued"] == 1
    apply_async.assert_called_once()


@pytest.mark.django_db(transaction=True)  # the request commits, then sends
def test_upload_with_the_queue_down_saves_the_registration_and_says_so(client):
    user = UserFactory(griffie=True)
    verify(client, user)
    upload = make_pdf(LETTER)
    with mock.patch.object(render_page_images, "apply_async", side_effect=QUEUE_DOWN):
        response = client.post(
            reverse("documents:upload"),
            {"files": [SimpleUploadedFile("brief.pdf", upload, "application/pdf")]},
            follow=True,
        )
    assert response.status_code == 200
    assert "zodra de wachtrij terug is" in response.content.decode()
    document = Document.objects.get()
    assert document.registration_sequence == 1
    assert document.status == Status.RECEIVED


@pytest.mark.django_db(transaction=True)  # the request commits, then sends
def test_intake_command_with_the_queue_down_says_so_and_succeeds(tmp_path, capsys):
    path = tmp_path / "brief.pdf"
    path.write_bytes(make_pdf(LETTER))
    with mock.patch.object(render_page_images, "apply_async", side_effect=QUEUE_DOWN):
        run_intake(
            path, "letter", "organisation", "--subject=Verkeer", "--public-sender-term=organisatie"
        )
    out = capsys.readouterr().out
    assert "wordt verwerkt zodra de wachtrij terug is" in out
    document = Document.objects.get()
    assert document.registered_at is not None


# --- registration numbers -----------------------------------------------------------------
def test_registration_numbers_come_from_the_counter_and_skip_numbers_made_elsewhere():
    DocumentFactory(registration_year=2026, registration_sequence=7)
    first = receive_file(make_pdf(), "a.pdf", received_on=datetime.date(2026, 3, 1)).document
    second = receive_file(make_pdf(), "b.pdf", received_on=datetime.date(2026, 3, 1)).document
    assert (first.registration_sequence, second.registration_sequence) == (8, 9)
    assert RegistrationCounter.objects.get(year=2026).last == 9


# --- unreadable files ---------------------------------------------------------------------
def test_every_truncation_of_a_pdf_is_converted_or_refused_with_a_reason():
    data = make_pdf("Hallo wereld\n" * 40, pages=3)
    for length in range(1, 600):
        try:
            convert(data[:length], "brief.pdf")
        except UnreadableFile as exc:
            assert exc.reason


@pytest.mark.parametrize(
    "data, name",
    [
        (b"%PDF-1.7\n" + bytes(range(256)) * 8, "kapot.pdf"),
        (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\nxref\n0 99\ntrailer", "x.pdf"),
        (b"\xff\xd8\xff\xe0 truncated jpeg", "scan.jpg"),
    ],
)
def test_an_unreadable_file_is_kept_as_failed_with_a_reason(data, name):
    result = receive_file(data, name)
    assert result.problem
    result.document.refresh_from_db()
    assert result.document.status == Status.FAILED
    assert result.document.status_reason == result.problem


def test_an_unexpected_conversion_error_is_still_recorded_as_failed():
    with mock.patch("documents.intake.convert", side_effect=RuntimeError("code=7")):
        result = receive_file(make_pdf(), "brief.pdf")
    assert result.document.status == Status.FAILED
    assert result.document.files.filter(kind=FileKind.ORIGINAL).exists()


# --- files of rolled-back runs ------------------------------------------------------------
def test_files_stored_in_a_block_that_rolls_back_are_removed():
    document = DocumentFactory()
    names = []
    with pytest.raises(RuntimeError), atomic_files():
        record = store_file(document, FileKind.ANONYMISED, b"%PDF-1.7", "x.pdf", "application/pdf")
        names.append(record.file.name)
        assert default_storage.exists(record.file.name)
        raise RuntimeError("rollback")
    assert not default_storage.exists(names[0])


def test_a_run_that_fails_while_saving_leaves_no_anonymised_file():
    document = letter()
    with mock.patch.object(anonymise_document, "apply_async"):
        workflow.queue_anonymisation(document)
    real_record = Document.record

    def fail_on_report(self, action, *args, **kwargs):
        if action == "anonymisation_report":  # after the anonymised PDF was written
            raise RuntimeError("boom")
        return real_record(self, action, *args, **kwargs)

    with mock.patch.object(Document, "record", fail_on_report):
        anonymise_document.apply(
            kwargs={"document_id": document.pk, "run_token": str(document.run_token)}
        )
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert not document.files.filter(kind=FileKind.ANONYMISED).exists()
    stored = set(_walk(default_storage, f"documents/{document.uuid}"))
    assert stored == set(document.files.values_list("file", flat=True))


def test_the_sweep_removes_old_files_nobody_refers_to():
    document = DocumentFactory()
    kept = store_file(document, FileKind.ORIGINAL, b"%PDF-1.7", "a.pdf", "application/pdf")
    orphan = default_storage.save(
        f"documents/{document.uuid}/anonymised/orphan", ContentFile(b"left over")
    )
    remove_orphan_files(older_than=datetime.timedelta(hours=1))
    assert default_storage.exists(orphan)  # too young: its transaction may still commit
    assert remove_orphan_files(older_than=datetime.timedelta(seconds=-1)) >= 1
    assert not default_storage.exists(orphan)
    assert default_storage.exists(kept.file.name)


# --- storage through Django's storage API only --------------------------------------------
def test_intake_anonymisation_and_download_work_on_a_storage_without_a_disk(
    settings, client, django_capture_on_commit_callbacks
):
    from django.core.files.storage import InMemoryStorage

    settings.STORAGES = {  # the setting_changed signal resets default_storage
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    user = UserFactory(griffie=True)
    verify(client, user)
    document = letter()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.queue_anonymisation(document)
    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW, document.status_reason
    output = document.latest_anonymised()
    assert isinstance(output.file.storage._wrapped, InMemoryStorage)
    assert not (settings.PRIVATE_MEDIA_ROOT / output.file.name).exists()
    response = client.get(reverse("documents:file", args=[document.pk, output.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_s3_storage_is_configured_from_the_environment():
    env = {
        "DJANGO_SETTINGS_MODULE": "griffie.settings.dev",
        "DOCUMENT_STORAGE": "s3",
        "S3_ENDPOINT_URL": "http://minio:9000",
        "S3_BUCKET": "griffie-test",
    }
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import storages; s = storages['default'];"
        "print(type(s).__name__, s.bucket_name,"
        " s.endpoint_url, s.default_acl, s.file_overwrite)"
    )
    out = run_python("-c", code, env=env)
    assert out.stdout.split() == [
        "S3Storage",
        "griffie-test",
        "http://minio:9000",
        "private",
        "False",
    ], out.stderr[-2000:]


def test_saving_the_registration_form_does_not_undo_a_status_change_made_meanwhile(client):
    user = UserFactory(griffie=True)
    document = approve_with_anonymised_file(received_document(user=user), user)
    form_copy = stale_copy(document)  # the registration form read the document
    publish_document(document, user)

    form_copy.subject = "Nieuw onderwerp"
    form_copy.save()

    document.refresh_from_db()
    assert document.subject == "Nieuw onderwerp"
    assert document.status == Status.PUBLISHED
    assert document.published_at is not None


def test_page_images_lost_with_the_queue_are_made_when_it_is_back():
    with mock.patch.object(render_page_images, "apply_async", side_effect=QUEUE_DOWN):
        lost = receive_file(make_pdf(pages=2), "a.pdf").document
    broken = receive_file(make_pdf(), "b.pdf").document
    broken.files.filter(kind=FileKind.PAGE_IMAGE).delete()
    broken.record("render_failed", None, "kapot")
    Document.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=30))

    assert recover_page_images() == 1  # eager here: rendered at once

    assert lost.files.filter(kind=FileKind.PAGE_IMAGE).count() == 2
    assert recover_page_images() == 0


@pytest.mark.django_db(transaction=True)  # intake commits, then sends
def test_page_images_that_never_reached_the_queue_go_on_the_first_round_not_after_ten_minutes():
    with mock.patch.object(render_page_images, "apply_async", side_effect=QUEUE_DOWN):
        unsent = receive_file(make_pdf(pages=2), "a.pdf").document
    with mock.patch.object(render_page_images, "apply_async") as queue_took_it:
        waiting = receive_file(make_pdf(), "b.pdf").document  # queued, not yet rendered
    queue_took_it.assert_called_once()
    unsent.refresh_from_db()
    waiting.refresh_from_db()
    assert unsent.page_images_queued_at is None
    assert waiting.page_images_queued_at is not None
    # A minute later (one beat round): only the task that never reached the queue goes.
    Document.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=1))
    Document.objects.filter(pk=waiting.pk).update(
        page_images_queued_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert recover_page_images() == 1  # eager here: rendered at once

    assert unsent.files.filter(kind=FileKind.PAGE_IMAGE).count() == 2
    assert not waiting.files.filter(kind=FileKind.PAGE_IMAGE).exists()
    unsent.refresh_from_db()
    assert unsent.page_images_queued_at is not None
    assert recover_page_images() == 0  # nothing is sent twice


@pytest.mark.django_db(transaction=True)
def test_page_images_still_unsent_while_the_queue_is_down_are_tried_again_next_round():
    with mock.patch.object(render_page_images, "apply_async", side_effect=QUEUE_DOWN):
        document = receive_file(make_pdf(), "a.pdf").document
        Document.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=1))
        assert recover_page_images() == 0
    document.refresh_from_db()
    assert document.page_images_queued_at is None
    assert recover_page_images() == 1
    assert document.files.filter(kind=FileKind.PAGE_IMAGE).exists()


def test_every_task_the_app_sends_by_name_is_registered_to_its_function():
    """Tasks are sent by name (documents.queueing); a renamed task must fail here, not
    silently in production."""
    from celery import current_app

    from documents import queueing, tasks

    for name, task in (
        (queueing.ANONYMISE_DOCUMENT, tasks.anonymise_document),
        (queueing.RENDER_PAGE_IMAGES, tasks.render_page_images_task),
    ):
        assert task.name == name
        assert current_app.tasks[name] is task._get_current_object()

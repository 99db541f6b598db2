"""Property-based test of the served OpenAPI schema with schemathesis, in-process over WSGI:
every operation, every check (no server errors, every status, content type, header and body
conforms to the schema, undeclared methods are 405, invalid input is rejected ...). Bounded and
derandomised, so it runs in `make test` in well under a minute."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from griffie.wsgi import application
from tests.factories import AgendaItemFactory, MeetingFactory, PersonFactory
from tests.publication.factories import published_document

pytestmark = pytest.mark.django_db


def _something_of_every_kind(username):
    """A published document, a meeting with an agenda item, a closed meeting and a person."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username)
    published_document(user, subject="Brief over de haven")
    AgendaItemFactory(meeting=MeetingFactory(title="Raad januari"))
    MeetingFactory(title="Besloten", is_closed=True)
    PersonFactory()
    _a_meeting_with_votes()


def _a_meeting_with_votes():
    """A sub-item with a decision, attendance and a roll call on a published motion."""
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from meetings import service
    from people.models import Fractie
    from publication.models import MeetingDocument
    from publication.service import publish_meeting_document
    from tests.factories import MembershipFactory, make_pdf

    meeting = MeetingFactory(
        title="Raad december", starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    main = service.add_item(meeting, title="Haven")
    sub = service.add_item(meeting, title="Kade", parent=main)
    service.record_decision(sub, "Aangenomen.")
    person = PersonFactory(fractie=Fractie.objects.create(name="Dorpsbelang"))
    MembershipFactory(person=person, body=meeting.body)
    motion = MeetingDocument(meeting=meeting, agenda_item=sub, kind="motie", title="Motie kade")
    motion.file.save("motie.pdf", ContentFile(make_pdf("Motie over de kade.")), save=False)
    motion.save()
    publish_meeting_document(motion)
    service.record_attendance(meeting, [person])
    service.record_outcome(motion, member_choices={person: "voor"})


@pytest.fixture
def api_data(db, settings):
    settings.API_ANON_THROTTLE_RATE = ""  # the tester sends far more than a client may
    _something_of_every_kind("schemathesis-griffie")
    # Like Django's test client: the WSGI handler must not close the test's database
    # connection (and with it the test transaction) at the end of each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


schema = schemathesis.openapi.from_wsgi("/api/schema.json", application)


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, api_data):
    case.call_and_validate()


@pytest.mark.django_db(transaction=True)
def test_schemathesis_cli_all_checks_against_the_running_app(live_server, settings, tmp_path):
    """The way an outside client would test us: the schemathesis command line, every check
    and every phase (coverage, including undeclared methods; fuzzing; stateful link-following)
    over real HTTP against a running server with data in it. 0 failures is the bar."""
    import subprocess
    import sys
    from pathlib import Path

    settings.API_ANON_THROTTLE_RATE = ""  # the tester sends far more than a client may
    _something_of_every_kind("schemathesis-cli")

    command = Path(sys.executable).with_name("schemathesis")
    result = subprocess.run(
        [
            str(command),
            "run",
            f"{live_server.url}/api/schema.json",
            "--checks",
            "all",
            "--phases",
            "coverage,fuzzing,stateful",
            "--max-examples",
            "10",
            "--seed",
            "20261129",
            "--generation-deterministic",
            "--no-color",
            "--report",
            "junit",
            "--report-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    summary = result.stdout[-3000:]
    assert result.returncode == 0, summary
    assert "No issues found" in result.stdout, summary
    assert "8 selected / 8 total" in result.stdout, summary

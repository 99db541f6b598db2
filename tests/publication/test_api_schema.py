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


@pytest.fixture
def api_data(db, settings):
    from django.contrib.auth import get_user_model

    settings.API_ANON_THROTTLE_RATE = ""  # the tester sends far more than a client may
    user = get_user_model().objects.create_user("schemathesis-griffie")
    published_document(user, subject="Brief over de haven")
    meeting = MeetingFactory(title="Raad januari")
    AgendaItemFactory(meeting=meeting)
    MeetingFactory(title="Besloten", is_closed=True)
    PersonFactory()
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

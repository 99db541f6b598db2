import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# while a loop is running unless told this is safe (it is: the loop is Playwright's own).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def griffie_user(db):
    from tests.factories import UserFactory

    return UserFactory(griffie=True)


@pytest.fixture
def griffie_client(client, griffie_user):
    """A griffie session that passed the password and the second factor."""
    from tests.confidentiality.helpers import verify

    return verify(client, griffie_user)

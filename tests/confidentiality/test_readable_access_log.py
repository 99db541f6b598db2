"""The griffie reads the access log in words and registration numbers; the log itself keeps
only opaque references."""

from django.test import Client
from django.urls import reverse

from confidentiality.models import AccessLog
from tests.confidentiality.helpers import verify


def test_access_log_screen_shows_labels_and_registration_numbers_not_codes(world):
    item = world.items["geheim"]
    stranger = verify(Client(), world.users["college"])
    stranger.get(reverse("confidentiality:secret-detail", args=[item.uuid]))
    assert AccessLog.objects.filter(object_id=str(item.uuid)).exists()  # stored opaque

    griffie = verify(Client(), world.users["griffie"])
    page = griffie.get(reverse("confidentiality:access-log")).content.decode()
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    assert f"geheim stuk bij {item.document.registration_number}" in table
    assert "<td>bekijken</td>" in table
    assert "geweigerd (niet zichtbaar voor deze gebruiker)" in table
    assert str(item.uuid) not in table
    assert "secret_item" not in table and "not_found" not in table

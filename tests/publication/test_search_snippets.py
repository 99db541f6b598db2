"""Issue 17: search snippets began in the middle of a word and showed OCR noise from
scanned letters. A snippet now starts and ends on whole words ("…" where text was left
out) and drops stray symbols and runs of single characters."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from documents.models import SenderType
from publication.search import HIT_START, HIT_STOP, WINDOW, tidy_snippet
from publication.service import publish_document
from tests.publication.factories import approve_with_anonymised_file, received_document

pytestmark = pytest.mark.django_db

SCANNED = (
    "Gemeente Noord ~~ |l1 =: ^^ Postbus 3 " + "woordenreeks " * 12 + "i l 1 r "
    "Wij vragen de raad om de kademuur bij de haven te herstellen, ¦ ;| omdat "
    "de stenen loskomen. " + "Met vriendelijke groet " * 10
)


def _published(user, text: str):
    document = received_document(user=user, subject="Kademuur", sender_type=SenderType.ORGANISATION)
    approve_with_anonymised_file(document, user, text=text)
    publish_document(document, user)
    return document


def _snippet(client) -> str:
    html = client.get(reverse("publication:search"), {"q": "haven"}).content.decode()
    raw = re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1)
    return re.sub(r"</?mark>", "", raw)


def test_a_search_snippet_starts_and_ends_on_whole_words(client, griffie_user):
    _published(griffie_user, SCANNED)
    snippet = _snippet(client)
    words = snippet.split()
    if connection.vendor != "postgresql":
        # the plain window cuts anywhere: a cut word is dropped and "…" marks the cut
        assert snippet.startswith("… ") and snippet.endswith(" …")
        words = words[1:-1]
    # (PostgreSQL's ts_headline cuts its fragments between words already)
    first, last = words[0], words[-1]
    assert re.search(rf"(^|\s){re.escape(first)}(\s|$)", SCANNED)  # a whole word of the text
    assert re.search(rf"(^|\s){re.escape(last)}(\s|$)", SCANNED)
    assert "haven" in snippet


def test_a_search_snippet_has_no_ocr_noise(client, griffie_user):
    _published(griffie_user, SCANNED)
    snippet = _snippet(client)
    for noise in ("¦", ";|", "i l 1 r", "~~", "^^"):
        assert noise not in snippet, noise
    assert "kademuur bij de haven te herstellen, omdat" in snippet


@pytest.mark.parametrize(
    ("raw", "windowed", "tidy"),
    [
        (" Begin van de tekst over de haven.", True, "Begin van de tekst over de haven."),
        ("rt van de haven", True, "… van de haven"),
        ("De |~ haven ;; en = de kade", False, "De haven en de kade"),
        ("Kosten € 1.500,- per jaar (zie § 2)", False, "Kosten € 1.500,- per jaar (zie § 2)"),
        ("scan a b c d haven", False, "scan haven"),
        ("U en ik", False, "U en ik"),
    ],
)
def test_tidy_snippet_keeps_text_and_drops_noise(raw, windowed, tidy):
    assert tidy_snippet(raw, windowed=windowed) == tidy


def test_a_hit_is_never_dropped_as_noise():
    marked = f"de {HIT_START}h@ven{HIT_STOP} en"
    assert tidy_snippet(marked, windowed=False) == marked


def test_the_end_of_a_full_window_is_cut_at_a_word():
    raw = " " + ("haven " * 100)[: WINDOW + 1]
    assert tidy_snippet(raw, windowed=True).endswith("haven …")


#: The loop of ``publication/search.html`` before it was written in Python.
TEMPLATE_HITS = """{% load public_urls search %}{% for d in documents %}
  <li>
    <a href="{{ d.uuid|document_path }}">{{ d.registration_number }} {{ d.subject }}</a>
    <small>{{ d.received_on|date:"DATE_FORMAT" }} · {{ d.public_sender_term }}</small>
    {% if d.snippet %}<p class="snippet">{{ d.snippet|mark_hits:q }}</p>{% endif %}
  </li>{% endfor %}"""


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_hits_say_what_the_template_said(language):
    import datetime
    import uuid

    from django.template import Context, Template
    from django.utils import translation

    from publication.templatetags.search import search_results

    def row(n: int, subject: str, sender: str, snippet: str) -> dict:
        return {
            "uuid": uuid.UUID(int=n),
            "registration_year": 2026,
            "registration_sequence": n,
            "received_on": datetime.date(2026, 3, n % 28 + 1),
            "public_sender_term": sender,
            "subject": subject,
            "snippet": snippet,
        }

    rows = [
        row(
            1,
            'Over "<script>" & de haven',
            "bewoners <Zuid>",
            f"de {HIT_START}haven{HIT_STOP} & <b>",
        ),
        row(2, "Haven zonder markers", "Organisatie", "de haven van Kats"),
        row(3, "Geen fragment", "Organisatie", ""),
        row(12345, "Nog een", "Organisatie", "tekst"),
    ]

    class Hit:  # what the template read: attributes, and the model's registration number
        def __init__(self, values: dict) -> None:
            self.__dict__.update(values)
            self.registration_number = f"{self.registration_year}-{self.registration_sequence:04d}"

    with translation.override(language):
        context = Context({"documents": [Hit(r) for r in rows], "q": "haven"})
        expected = Template(TEMPLATE_HITS).render(context)
        assert search_results(rows, "haven") == expected
    assert "&lt;script&gt;" in expected and "<mark>haven</mark>" in expected
    assert expected.count('<p class="snippet">') == 3

"""The rows of the public lists are written in Python (publication.templatetags.public_lists)
and must say exactly what the template loop they replaced said."""

import pytest
from django.template import Context, Template
from django.utils import translation

from devtools.bulk import bulk_published
from documents.models import Handling
from publication import public
from publication.templatetags.public_lists import document_rows

pytestmark = pytest.mark.django_db

#: The loop of ``publication/_document_rows.html`` before it was written in Python.
TEMPLATE_ROWS = Template(
    """{% load i18n public_urls %}{% for d in documents %}
  <tr>
    <td data-label="{% translate 'Nummer' %}"><a href="{{ d.uuid|document_path }}">{{ d.registration_number }}</a></td>
    <td data-label="{% translate 'Ontvangen' %}">{{ d.received_on|date:"DATE_FORMAT" }}</td>
    <td data-label="{% translate 'Afzender' %}">{{ d.public_sender_term }}</td>
    <td data-label="{% translate 'Onderwerp' %}">{{ d.subject }}</td>
    <td data-label="{% translate 'Afdoeningsvoorstel' %}">{{ d.get_handling_proposal_display|default:"—" }}</td>
    <td data-label="{% translate 'Besluit raad' %}">{% if not d.handling_decision %}<span class="muted">{% translate "nog niet besloten" %}</span>{% elif d.handling_decision == d.handling_proposal %}{% translate "conform voorstel" %}{% else %}{{ d.get_handling_decision_display }}{% endif %}</td>
    <td data-label="{% translate 'Stuk' %}">{% if d.publication.published_file_id %}<a href="{{ d.uuid|document_file_path }}">PDF</a>{% else %}<span class="muted">{% translate "niet gepubliceerd" %}</span>{% endif %}</td>
  </tr>{% empty %}
  <tr><td colspan="7">{% translate "Geen stukken." %}</td></tr>{% endfor %}"""  # noqa: E501
)


def documents_of_every_kind() -> list:
    bulk_published(
        [(f"Onderwerp {i}", f"Tekst {i}") for i in range(5)],
        year=2026,
        days=3,
    )
    documents = list(public.public_documents())
    first, second, third, fourth, fifth = documents
    first.handling_proposal, first.handling_decision = Handling.NOTED, ""
    second.handling_proposal = second.handling_decision = Handling.COUNCIL
    third.handling_proposal, third.handling_decision = Handling.NOTED, Handling.COMMITTEE
    fourth.handling_proposal, fourth.handling_decision = "", Handling.COLLEGE_ADVICE
    fourth.subject = 'Over "<script>" & de Markt'
    fourth.public_sender_term = "bewoners <Zuid>"
    fifth.publication.published_file_id = None
    return documents


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_rows_say_what_the_template_said(language):
    documents = documents_of_every_kind()
    with translation.override(language):
        expected = TEMPLATE_ROWS.render(Context({"documents": documents}))
        assert document_rows(documents) == expected
    assert "&lt;script&gt;" in expected  # escaped, not taken as markup
    assert "conform voorstel" in expected and "niet gepubliceerd" in expected


def test_no_documents_is_one_row_that_says_so():
    expected = TEMPLATE_ROWS.render(Context({"documents": []}))
    assert document_rows([]) == expected
    assert "Geen stukken." in expected


@pytest.mark.parametrize("language", ["nl", "en"])
def test_plain_rows_say_what_the_documents_say(language):
    """The lists read ``.values(*ROW_COLUMNS)``; the home and meeting pages model instances."""
    from documents.models import Document
    from publication.models import PublicationDecision

    made = bulk_published([(f"Onderwerp {i}", f"Tekst {i}") for i in range(4)], year=2026)
    Document.objects.filter(pk=made[0].pk).update(
        handling_proposal=Handling.NOTED, subject='Over "<script>" & de Markt'
    )
    Document.objects.filter(pk=made[1].pk).update(
        handling_proposal=Handling.NOTED, handling_decision=Handling.COMMITTEE
    )
    PublicationDecision.objects.filter(document=made[2]).update(published_file=None)
    rows = list(public.public_documents().values(*public.ROW_COLUMNS))
    with translation.override(language):
        expected = TEMPLATE_ROWS.render(Context({"documents": list(public.public_documents())}))
        assert document_rows(rows) == expected
    assert "&lt;script&gt;" in expected and expected.count("PDF</a>") == 3

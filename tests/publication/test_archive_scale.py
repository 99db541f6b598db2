"""The public site at archive size (issue 18): search ranks the stored, weighted vector;
lists count at most a cap and lead onward by period instead of deep pages."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from devtools.bulk import bulk_published
from documents.models import SenderType
from publication.paging import CappedPaginator
from publication.service import publish_document
from tests.publication.factories import approve_with_anonymised_file, received_document

pytestmark = pytest.mark.django_db


def published_with_text(user, *, subject: str, text: str, received_on: datetime.date):
    document = received_document(
        user=user, subject=subject, sender_type=SenderType.ORGANISATION, received_on=received_on
    )
    approve_with_anonymised_file(document, user, text=text)
    publish_document(document, user)
    return document


def test_a_hit_in_the_subject_ranks_above_a_newer_hit_in_the_text_only(client, griffie_user):
    # Regression: the rank was computed on a re-parsed copy of the vector, without the
    # weights (subject A, text B), so the newer text-only hit came first.
    in_subject = published_with_text(
        griffie_user,
        subject="Vuurtoren aan de kust",
        text="Geachte raad, wij schrijven u over de kust.",
        received_on=datetime.date(2026, 3, 1),
    )
    in_text = published_with_text(
        griffie_user,
        subject="Brief over de kust",
        text="Geachte raad, de vuurtoren moet blijven staan.",
        received_on=datetime.date(2026, 9, 1),
    )
    response = client.get(reverse("publication:search"), {"q": "vuurtoren"})
    assert [d["uuid"] for d in response.context["page_obj"]] == [in_subject.uuid, in_text.uuid]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQL of PostgreSQL's ranking")
def test_the_search_ranks_the_stored_vector_and_never_parses_text_again(client, griffie_user):
    bulk_published([("Brief over de haven", "Tekst over de haven")], year=2026)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("publication:search"), {"q": "haven"})
    assert len(response.context["page_obj"]) == 1
    sql = "\n".join(q["sql"] for q in queries.captured_queries)
    assert 'ts_rank("publication_publicationdecision"."search_vector"' in sql
    assert "to_tsvector" not in sql  # no row's vector is built again


def five_documents():
    """Five published documents received on five different days, the newest last."""
    return bulk_published(
        [(f"Brief {i} over de haven", f"Tekst {i} over de haven") for i in range(5)],
        year=2026,
        first_day=datetime.date(2026, 5, 1),
        days=5,
    )


def _onward_link(response) -> str:
    match = re.search(r'<p class="capped">.*?<a href="\?([^"]+)"', response.content.decode(), re.S)
    assert match, "no link onward"
    return match.group(1).replace("&amp;", "&")


def test_the_list_shows_the_newest_up_to_the_cap_and_leads_onward_without_a_gap(
    client, monkeypatch
):
    monkeypatch.setattr(CappedPaginator, "cap", 3)
    documents = five_documents()
    url = reverse("publication:incoming")
    first = client.get(url)
    assert [d["uuid"] for d in first.context["page_obj"]] == [d.uuid for d in documents[:1:-1]]
    assert "Meer dan 3 stukken" in first.content.decode()
    onward = _onward_link(first)
    assert onward == "tot=2026-05-03"  # the last day shown comes again: nothing is skipped
    second = client.get(f"{url}?{onward}")
    assert [d["uuid"] for d in second.context["page_obj"]] == [d.uuid for d in documents[2::-1]]
    assert "Meer dan" not in second.content.decode()


def test_the_list_counts_no_further_than_the_cap(client, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 3)
    five_documents()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("publication:incoming"))
    assert response.context["paginator"].count == 3
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1 and "LIMIT 4" in counts[0]


def test_a_search_with_more_hits_than_the_cap_ranks_the_newest_and_leads_onward(
    client, monkeypatch
):
    monkeypatch.setattr(CappedPaginator, "cap", 3)
    documents = five_documents()
    url = reverse("publication:search")
    first = client.get(url, {"q": "haven"})
    shown = {d["uuid"] for d in first.context["page_obj"]}
    assert len(shown) == 3 and shown <= {d.uuid for d in documents[1:]}
    assert "Meer dan 3 resultaten" in first.content.decode()
    onward = _onward_link(first)
    assert "q=haven" in onward and "tot=2026-05-03" in onward
    older = client.get(f"{url}?{onward}")
    assert {d["uuid"] for d in older.context["page_obj"]} == {d.uuid for d in documents[:3]}


def test_feed_and_sitemap_come_from_the_cache_until_something_changes(
    client, griffie_user, django_assert_num_queries
):
    first = bulk_published([("Brief over de haven", "Tekst")], year=2026)[0]
    urls = [reverse("publication:feed-incoming"), "/sitemaps/diwoo-infocat006.xml"]
    for url in urls:
        assert str(first.uuid) in client.get(url).content.decode()
        with django_assert_num_queries(1):  # the site version only
            cached = client.get(url)
        assert str(first.uuid) in cached.content.decode()
    assert cached["X-Robots-Tag"]  # the sitemap's own headers are kept
    later = published_with_text(
        griffie_user, subject="Brief over de dijk", text="Tekst", received_on=datetime.date.today()
    )
    for url in urls:
        assert str(later.uuid) in client.get(url).content.decode()


def test_sitemap_pages_start_at_a_key_and_count_once_per_site_version(
    client, settings, monkeypatch
):
    from publication import sitemaps

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(sitemaps.DiwooSitemap, "limit", 2)
    documents = five_documents()
    url = "/sitemaps/diwoo-infocat006.xml"
    pages = [client.get(url, {"p": p}).content.decode() for p in (1, 2, 3)]
    for page, expected in zip(pages, [documents[0:2], documents[2:4], documents[4:]], strict=True):
        assert [str(d.uuid) in page for d in documents] == [d in expected for d in documents]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"p": 3}).status_code == 200
    sql = " ".join(q["sql"] for q in queries.captured_queries).upper()
    assert "OFFSET" not in sql and "COUNT(" not in sql and "ROW_NUMBER" not in sql
    assert client.get(url, {"p": 4}).status_code == 404


def test_a_sitemap_page_is_written_exactly_as_its_template_would_write_it(
    client, griffie_user, settings
):
    from django.contrib.sites.requests import RequestSite
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from publication.sitemaps import INFOCATS, SITEMAPS

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    published_with_text(
        griffie_user,
        subject="Brief & <vereniging> 'Kats' \"Oost\"",
        text="Tekst",
        received_on=datetime.date(2026, 4, 1),
    )
    response = client.get("/sitemaps/diwoo-infocat006.xml")
    # What django.contrib.sitemaps' own view gives its template for this page.
    request = RequestFactory().get("/sitemaps/diwoo-infocat006.xml")
    urlset = SITEMAPS["006"].get_urls(page=1, site=RequestSite(request), protocol="http")
    expected = render_to_string(
        "publication/sitemaps/page.xml",
        {
            "urlset": urlset,
            "infocat": INFOCATS["006"],
            "publisher": settings.MUNICIPALITY_TOOI,
            "publisher_name": f"gemeente {settings.MUNICIPALITY_NAME}",
        },
    )
    assert "&lt;vereniging&gt;" in expected
    assert response.content.decode() == expected
    assert response["Content-Type"] == "application/xml"
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    assert response["Last-Modified"]  # the latest change of the entries, as the framework says
    for page in ("2", "x"):  # past the last page, or no page: 404, as the framework says
        assert client.get("/sitemaps/diwoo-infocat006.xml", {"p": page}).status_code == 404


@pytest.mark.parametrize("value", ["", "1", 2])
def test_the_quick_meeting_select_says_what_djangos_select_says(value):
    from django.forms import Select

    from publication.filters import QuickSelect

    choices = [("", "alle"), (1, "Raad & <Kats> (01-01-2026)"), (2, "Commissie")]
    attrs = {"id": "id_vergadering"}

    def options(html: str) -> list[str]:
        return re.findall(r"<option[^>]*>[^<]*</option>", html)

    django = Select(choices=choices).render("vergadering", value, attrs)
    quick = QuickSelect(choices=choices).render("vergadering", value, attrs)
    assert options(quick) == options(django) and len(options(quick)) == 3
    assert 'name="vergadering"' in quick and 'id="id_vergadering"' in quick


@pytest.mark.parametrize(
    "value", [None, "", datetime.date(2026, 3, 4), "2026-13-45\"><script>&'", "31-12-2026"]
)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_quick_date_input_says_what_djangos_says(value, language):
    from django.forms import DateInput
    from django.utils import translation

    from griffie.filters import QuickDateInput

    attrs = {"id": "id_van", "required": True, "disabled": False, "aria-invalid": "true"}
    with translation.override(language):
        for widget_attrs in ({"type": "date"}, {"type": "date", "class": 'a "b" & c'}):
            django = DateInput(attrs=widget_attrs).render("van", value, attrs)
            quick = QuickDateInput(attrs=widget_attrs).render("van", value, attrs)
            assert quick == django
    assert "<script>" not in quick


def test_the_quick_document_links_are_what_reverse_gives():
    import uuid

    from django.urls import set_script_prefix

    from publication.templatetags.public_urls import document_file_path, document_path

    some = uuid.uuid4()
    for prefix in ("/", "/raad/"):
        set_script_prefix(prefix)
        try:
            assert document_path(some) == reverse("publication:document", args=[some])
            assert document_file_path(str(some)) == reverse(
                "publication:document-file", args=[some]
            )
        finally:
            set_script_prefix("/")
    with pytest.raises(ValueError):
        document_path("../../griffie/")


def test_a_search_with_a_wrong_filter_says_so_and_shows_nothing(client):
    five_documents()
    response = client.get(reverse("publication:search"), {"q": "haven", "van": "gisteren"})
    assert response.status_code == 200
    assert response.context["filter"].errors["van"]
    assert list(response.context["page_obj"]) == []


def test_the_quick_links_by_id_are_what_reverse_gives():
    from django.urls import NoReverseMatch, set_script_prefix

    from publication.templatetags.public_urls import path_to

    for prefix in ("/", "/raad/"):
        set_script_prefix(prefix)
        try:
            for pk in (1, 42, 918273645546372819, 10**20):
                assert path_to("publication:api-meeting", "pk", pk) == reverse(
                    "publication:api-meeting", kwargs={"pk": pk}
                )
        finally:
            set_script_prefix("/")
    with pytest.raises(NoReverseMatch):
        path_to("publication:api-meeting", "pk", -1)


def test_the_search_form_offers_a_new_meeting_at_once(client):
    from tests.factories import MeetingFactory

    MeetingFactory(title="Raad januari")
    url = reverse("publication:search")
    assert "Raad januari" in client.get(url, {"q": "haven"}).content.decode()
    MeetingFactory(title="Commissie februari")  # a meeting's change bumps the site version
    page = client.get(url, {"q": "brug"}).content.decode()
    assert "Raad januari" in page and "Commissie februari" in page


@pytest.mark.parametrize(
    "text", ["", "2026-0042", "/stukken/x/bestand.pdf", "A & B", "<x>", "'a'", '"b"', "é ü …"]
)
def test_the_sitemap_escapes_as_html_escape_does(text):
    import html

    from publication.sitemaps import _escape

    assert _escape(text) == html.escape(text)

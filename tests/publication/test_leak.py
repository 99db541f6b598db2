"""Leak test: publish citizens' letters through the real services, crawl every public URL
reachable from the home page, robots.txt, the sitemaps, feeds, API and iCal, and fail if a
citizen's name, address, phone or e-mail appears anywhere, PDF text included."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import pymupdf
import pytest

from documents.models import Category, SenderType
from publication.models import RemovalRequest
from publication.rules import Outcome
from publication.service import publish_document, withdraw_document
from tests.factories import AgendaItemFactory
from tests.publication.factories import (
    approve_with_anonymised_file,
    published_document,
    received_document,
)

pytestmark = pytest.mark.django_db

CITIZENS = [
    {
        "name": "Wilhelmina Kraaijeveld",
        "address": "Ooststraat 41, 4484 CD Kortgene",
        "email": "w.kraaijeveld@mailbox.example",
        "phone": "06-48213377",
    },
    {
        "name": "Gerrit-Jan Bouwhuis",
        "address": "Molenweg 8, 4494 NA Geersdijk",
        "email": "gj.bouwhuis@voorbeeld.example",
        "phone": "0113-552211",
    },
    {
        "name": "Fatima el Khatib",
        "address": "Zeedijk 102, 4493 PB Kamperland",
        "email": "fatima.elkhatib@post.example",
        "phone": "+31 6 12093845",
    },
    {
        "name": "Sjaak Verhulst",
        "address": "Havenstraat 5a, 4485 AA Colijnsplaat",
        "email": "sjaak@verhulst-thuis.example",
        "phone": "0113-700800",
    },
]
START = ["/", "/robots.txt", "/api/schema.json", "/vergaderingen.ics"]
SKIP = ("/griffie/", "/admin/", "/inloggen/", "/uitloggen/", "/raadsleden/", "/static/", "/start/")


def needles(person):
    street = person["address"].split(",")[0]
    postcode = re.search(r"\d{4} ?[A-Z]{2}", person["address"]).group(0)
    digits = re.sub(r"\D", "", person["phone"])
    return [
        person["name"],
        person["name"].split()[-1],
        street,
        postcode,
        person["email"],
        person["phone"],
        digits,
    ]


def extract_links(content_type: str, body: bytes) -> set[str]:
    text = body.decode("utf-8", errors="replace")
    links = set(re.findall(r'(?:href|src)="([^"]+)"', text))
    if "xml" in content_type or "rss" in content_type or "atom" in content_type:
        links |= set(re.findall(r"<(?:loc|link|guid)>([^<]+)</", text))
        links |= set(re.findall(r'url="([^"]+)"', text))
        try:
            ET.fromstring(body)  # every XML response is well-formed
        except ET.ParseError as exc:  # pragma: no cover - reported as failure
            raise AssertionError(f"malformed XML: {exc}") from exc
    if "json" in content_type:
        links |= set(re.findall(r'"(http://testserver/[^"]*)"', text))
        links |= {
            p.replace("{", "").replace("}", "")
            for p in re.findall(r'"(/api/[^"]+)"', text)
            if "{" not in p
        }
    if "calendar" in content_type:
        unfolded = text.replace("\r\n ", "")
        links |= set(re.findall(r"^URL:(.+)$", unfolded, re.M))
    links |= set(re.findall(r"^Sitemap: (.+)$", text, re.M))
    return links


def crawl(client) -> dict[str, str]:
    seen, queue, texts = set(), list(START), {}
    while queue:
        url = queue.pop()
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http", "https"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen or any(path.startswith(s) for s in SKIP) or "maand=" in path:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code in (200, 404), path
        if response.status_code != 200:
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        content_type = response.get("Content-Type", "")
        if content_type == "application/pdf":
            with pymupdf.open(stream=body, filetype="pdf") as pdf:
                texts[path] = "\n".join(page.get_text() for page in pdf)
            continue
        texts[path] = body.decode("utf-8", errors="replace")
        queue.extend(
            urljoin("http://testserver" + parts.path, link.strip())
            for link in extract_links(content_type, body)
        )
    return texts


def test_no_citizen_data_anywhere_on_the_public_site(client, griffie_user, settings):
    settings.SITE_URL = "http://testserver"
    item = AgendaItemFactory()
    a, b, c, d = CITIZENS
    # 3c citizen letter: listed only
    published_document(griffie_user, person=a, subject="Hondenpoep in het park")
    # 3c citizen letter, anonymised for transparency (griffie override)
    published_document(
        griffie_user,
        person=b,
        subject="Bezwaar tegen windmolens",
        outcome=Outcome.LISTED_ANONYMISED,
        reason="nodig voor transparantie",
    )
    # 3c petition and 3d inspreker
    published_document(
        griffie_user,
        person=c,
        subject="Petitie: behoud de bibliotheek",
        category=Category.PETITION,
        public_sender_term="indiener petitie",
    )
    published_document(
        griffie_user,
        person=d,
        subject="Inspreekbijdrage bibliotheek",
        category=Category.SPEAKER,
        meeting=item.meeting,
        agenda_item=item,
        public_sender_term="inspreker",
    )
    # 3e zienswijze and 3g college answer
    published_document(
        griffie_user,
        person=a,
        subject="Zienswijze bestemmingsplan",
        category=Category.VIEW,
        meeting=item.meeting,
        agenda_item=item,
        public_sender_term="indiener zienswijze",
    )
    published_document(
        griffie_user,
        person=b,
        subject="Antwoord college op brief",
        category=Category.COLLEGE_ANSWER,
        sender_type=SenderType.COLLEGE,
        public_sender_term="college van B&W",
        anonymise=False,
    )
    # approved but never published, and published-then-withdrawn
    approve_with_anonymised_file(
        received_document(user=griffie_user, person=c, subject="Nog in behandeling")
    )
    withdrawn = received_document(
        user=griffie_user, person=d, subject="Ingetrokken", sender_type=SenderType.ORGANISATION
    )
    approve_with_anonymised_file(withdrawn)
    publish_document(withdrawn, griffie_user)
    withdraw_document(withdrawn, griffie_user, "persoonsgegevens")
    RemovalRequest.objects.create(
        data_description=f"Mijn naam {a['name']}", location="/", contact=a["email"]
    )

    texts = crawl(client)
    kinds = {path.split("/")[1].split(".")[0] for path in texts}
    assert {
        "stukken",
        "vergaderingen",
        "ingekomen-stukken",
        "feeds",
        "api",
        "sitemaps",
        "robots",
        "privacy",
    } <= kinds, kinds
    assert any(path.endswith("bestand.pdf") for path in texts)
    assert any("Betreft" in text for text in texts.values())  # a PDF was really read
    leaks = [
        (path, needle)
        for path, text in texts.items()
        for person in CITIZENS
        for needle in needles(person)
        if needle.lower() in text.lower() or needle in re.sub(r"\D", "", text) and needle.isdigit()
    ]
    assert leaks == []

"""Hand-written OpenAPI 3 schema of :mod:`publication.api` (kept in step by a test)."""

from django.conf import settings


def _str(nullable=False, fmt=None):
    schema = {"type": "string"}
    if fmt:
        schema["format"] = fmt
    if nullable:
        schema["nullable"] = True
    return schema


def _page_of(ref: str) -> dict:
    return {
        "type": "object",
        "required": ["count", "next", "previous", "results"],
        "properties": {
            "count": {"type": "integer"},
            "next": _str(True, "uri"),
            "previous": _str(True, "uri"),
            "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}},
        },
    }


SCHEMAS = {
    "Informatieobject": {
        "type": "object",
        "properties": {
            "url": _str(fmt="uri"),
            "uuid": _str(fmt="uuid"),
            "identificatie": _str(),
            "bronorganisatie": _str(fmt="uri"),
            "informatieobjecttype": {"type": "string", "enum": ["ingekomen_stuk"]},
            "vertrouwelijkheidaanduiding": {"type": "string", "enum": ["openbaar"]},
            "titel": _str(),
            "creatiedatum": _str(fmt="date"),
            "ontvangstdatum": _str(fmt="date"),
            "publicatiedatum": _str(True, "date-time"),
            "afzender": _str(),
            "categorie": _str(),
            "taal": _str(),
            "formaat": _str(True),
            "inhoud": _str(True, "uri"),
            "webpagina": _str(fmt="uri"),
            "vergadering": _str(True, "uri"),
            "agendapunt": {"type": "integer", "nullable": True},
        },
    },
    "Vergadering": {
        "type": "object",
        "properties": {
            "url": _str(fmt="uri"),
            "id": {"type": "integer"},
            "naam": _str(),
            "orgaan": _str(fmt="uri"),
            "starttijd": _str(fmt="date-time"),
            "eindtijd": _str(True, "date-time"),
            "locatie": _str(),
            "indicatorBesloten": {"type": "boolean"},
            "webpagina": _str(fmt="uri"),
            "agendapunten": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/Agendapunt"},
                "description": "Alleen in de detailweergave; leeg bij een besloten vergadering.",
            },
        },
    },
    "Agendapunt": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "vergadering": _str(fmt="uri"),
            "nummer": _str(),
            "onderwerp": _str(),
            "toelichting": _str(),
            "volgorde": {"type": "integer"},
        },
    },
    "Persoon": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "naam": _str(),
            "functie": _str(),
            "fractie": _str(True),
            "email": _str(True, "email"),
            "telefoon": _str(True),
            "adres": _str(True),
            "afdeling": _str(True),
        },
    },
    "Orgaan": {
        "type": "object",
        "properties": {
            "url": _str(fmt="uri"),
            "id": {"type": "integer"},
            "naam": _str(),
            "soort": _str(),
        },
    },
}

PAGE_PARAM = {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}


def _list(ref: str, summary: str) -> dict:
    return {
        "get": {
            "summary": summary,
            "parameters": [PAGE_PARAM],
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {"application/json": {"schema": _page_of(ref)}},
                }
            },
        }
    }


def _detail(ref: str, summary: str, param: str, schema: dict) -> dict:
    return {
        "get": {
            "summary": summary,
            "parameters": [{"name": param, "in": "path", "required": True, "schema": schema}],
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}
                    },
                },
                "404": {"description": "Niet gevonden of niet openbaar"},
            },
        }
    }


def openapi_schema() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": f"Raadsinformatie gemeente {settings.MUNICIPALITY_NAME}",
            "version": "1.0.0",
            "description": "Alleen-lezen API naar het model van ODS Open Raadsinformatie. "
            "Bevat uitsluitend openbare gegevens.",
        },
        "servers": [{"url": settings.SITE_URL.rstrip("/")}],
        "paths": {
            "/api/v1/informatieobjecten/": _list("Informatieobject", "Ingekomen stukken"),
            "/api/v1/informatieobjecten/{uuid}/": _detail(
                "Informatieobject",
                "Eén ingekomen stuk",
                "uuid",
                {"type": "string", "format": "uuid"},
            ),
            "/api/v1/vergaderingen/": _list("Vergadering", "Vergaderingen"),
            "/api/v1/vergaderingen/{id}/": _detail(
                "Vergadering", "Eén vergadering met agendapunten", "id", {"type": "integer"}
            ),
            "/api/v1/agendapunten/": _list("Agendapunt", "Agendapunten"),
            "/api/v1/personen/": _list("Persoon", "Ambtsdragers en ambtenaren"),
            "/api/v1/organen/": _list("Orgaan", "Organen"),
            "/api/v1/organen/{id}/": _detail("Orgaan", "Eén orgaan", "id", {"type": "integer"}),
        },
        "components": {"schemas": SCHEMAS},
    }

"""Read-only JSON API in the shape of VNG's ODS Open Raadsinformatie: meetings
(vergaderingen), agenda items, documents (informatieobjecten, type ``ingekomen_stuk``),
people and bodies. Only what :mod:`publication.public` allows; schema at /api/schema.json."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils import timezone

from people.models import Body

from . import public

PAGE_SIZE = 50


def _abs(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _page(request, queryset, serialise, name: str) -> JsonResponse:
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        number = int(request.GET.get("page", 1))
        page = paginator.page(number)
    except Exception:  # noqa: BLE001 - any bad page number is a 404
        raise Http404 from None
    url = _abs(reverse(f"publication:api-{name}"))
    response = JsonResponse(
        {
            "count": paginator.count,
            "next": f"{url}?page={number + 1}" if page.has_next() else None,
            "previous": f"{url}?page={number - 1}" if page.has_previous() else None,
            "results": [serialise(obj) for obj in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def serialise_document(d) -> dict:
    has_file = bool(d.publication.published_file_id)
    return {
        "url": _abs(reverse("publication:api-document", kwargs={"uuid": d.uuid})),
        "uuid": str(d.uuid),
        "identificatie": d.registration_number,
        "bronorganisatie": settings.MUNICIPALITY_TOOI,
        "informatieobjecttype": "ingekomen_stuk",
        "vertrouwelijkheidaanduiding": "openbaar",
        "titel": d.subject,
        "creatiedatum": d.received_on.isoformat(),
        "ontvangstdatum": d.received_on.isoformat(),
        "publicatiedatum": d.published_at.isoformat() if d.published_at else None,
        "afzender": d.public_sender_term,
        "categorie": d.category,
        "taal": "nld",
        "formaat": "application/pdf" if has_file else None,
        "inhoud": _abs(reverse("publication:document-file", kwargs={"uuid": d.uuid}))
        if has_file
        else None,
        "webpagina": _abs(reverse("publication:document", kwargs={"uuid": d.uuid})),
        "vergadering": _abs(reverse("publication:api-meeting", kwargs={"pk": d.meeting_id}))
        if d.meeting_id
        else None,
        "agendapunt": d.agenda_item_id,
    }


def serialise_meeting(m) -> dict:
    return {
        "url": _abs(reverse("publication:api-meeting", kwargs={"pk": m.pk})),
        "id": m.pk,
        "naam": m.title,
        "orgaan": _abs(reverse("publication:api-body", kwargs={"pk": m.body_id})),
        "starttijd": timezone.localtime(m.starts_at).isoformat(),
        "eindtijd": timezone.localtime(m.ends_at).isoformat() if m.ends_at else None,
        "locatie": m.location,
        "indicatorBesloten": m.is_closed,
        "webpagina": _abs(m.get_absolute_url()),
    }


def serialise_agenda_item(item) -> dict:
    return {
        "id": item.pk,
        "vergadering": _abs(reverse("publication:api-meeting", kwargs={"pk": item.meeting_id})),
        "nummer": item.number,
        "onderwerp": item.title,
        "toelichting": item.description,
        "volgorde": item.position,
    }


def serialise_person(p) -> dict:
    contact = p.public_contact()
    return {
        "id": p.pk,
        "naam": contact["name"],
        "functie": p.role,
        "fractie": p.fractie.name if p.fractie_id and p.is_office_holder else None,
        "email": contact.get("email") or None,
        "telefoon": contact.get("phone") or None,
        "adres": contact.get("address") or None,
        "afdeling": contact.get("department") or None,
    }


def serialise_body(b) -> dict:
    return {
        "url": _abs(reverse("publication:api-body", kwargs={"pk": b.pk})),
        "id": b.pk,
        "naam": b.name,
        "soort": b.kind,
    }


def documents(request):
    return _page(request, public.public_documents(), serialise_document, "documents")


def document(request, uuid):
    d = public.public_documents().filter(uuid=uuid).first()
    if d is None:
        raise Http404
    return JsonResponse(serialise_document(d), json_dumps_params={"ensure_ascii": False})


def meetings(request):
    return _page(
        request, public.public_meetings().order_by("-starts_at"), serialise_meeting, "meetings"
    )


def meeting(request, pk):
    m = public.public_meetings().filter(pk=pk).first()
    if m is None:
        raise Http404
    data = serialise_meeting(m)
    data["agendapunten"] = [serialise_agenda_item(i) for i in public.public_agenda_items(m)]
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def agenda_items(request):
    from meetings.models import AgendaItem, Meeting

    items = AgendaItem.objects.filter(meeting__in=Meeting.objects.open()).order_by(
        "meeting_id", "position"
    )
    return _page(request, items, serialise_agenda_item, "agenda-items")


def people(request):
    return _page(request, public.public_people(), serialise_person, "people")


def bodies(request):
    return _page(request, Body.objects.order_by("name"), serialise_body, "bodies")


def body(request, pk):
    b = Body.objects.filter(pk=pk).first()
    if b is None:
        raise Http404
    return JsonResponse(serialise_body(b), json_dumps_params={"ensure_ascii": False})


def schema(request):
    from .openapi import openapi_schema

    return JsonResponse(openapi_schema(), json_dumps_params={"ensure_ascii": False})

from collections.abc import Callable

from django.http import HttpResponseBase
from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.viewsets import ViewSetMixin

from . import api, feeds, sitemaps, views
from .cache import cached_public_page as cached

app_name = "publication"


def _list(viewset: type[ViewSetMixin]) -> Callable[..., HttpResponseBase]:
    return cached(viewset.as_view({"get": "list"}))


def _detail(viewset: type[ViewSetMixin]) -> Callable[..., HttpResponseBase]:
    return cached(viewset.as_view({"get": "retrieve"}))


urlpatterns = [
    # the public raadsinformatie site
    path("", cached(views.HomeView.as_view()), name="home"),
    path("vergaderingen/", cached(views.MeetingListView.as_view()), name="meetings"),
    path(
        "vergaderingen/<int:pk>/", cached(views.MeetingDetailView.as_view()), name="meeting-detail"
    ),
    path(
        "vergaderingen/<int:pk>/ingekomen-stukken/",
        cached(views.IncomingListView.as_view()),
        name="meeting-incoming",
    ),
    path("vergaderingen.ics", cached(feeds.ical_view), name="ical"),
    path("ingekomen-stukken/", cached(views.IncomingListView.as_view()), name="incoming"),
    path("stukken/<uuid:uuid>/", cached(views.DocumentDetailView.as_view()), name="document"),
    path("stukken/<uuid:uuid>/bestand.pdf", views.DocumentFileView.as_view(), name="document-file"),
    path(
        "vergaderstukken/<uuid:uuid>/bestand.pdf",
        views.MeetingDocumentFileView.as_view(),
        name="meeting-document-file",
    ),
    path("raad/", cached(views.PeopleView.as_view()), name="people"),
    path("activiteiten/", cached(views.ActivitiesView.as_view()), name="activities"),
    path("zoeken/", cached(views.SearchView.as_view()), name="search"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path(
        "toegankelijkheid/",
        cached(views.AccessibilityView.as_view()),
        name="accessibility",
    ),
    path("feeds/ingekomen-stukken.rss", cached(feeds.incoming_rss), name="feed-incoming"),
    path(
        "feeds/ingekomen-stukken.atom",
        cached(feeds.IncomingDocumentsAtomFeed()),
        name="atom-incoming",
    ),
    path("feeds/vergaderingen.rss", cached(feeds.MeetingsFeed()), name="feed-meetings"),
    path("feeds/vergaderingen.atom", cached(feeds.MeetingsAtomFeed()), name="atom-meetings"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemapindex-diwoo-infocat<str:infocat>.xml",
        cached(sitemaps.sitemap_index),
        name="diwoo-index",
    ),
    path(
        "sitemaps/diwoo-infocat<str:section>.xml",
        cached(sitemaps.sitemap_page),
        name="diwoo-page",
    ),
    # open data
    path("api/schema.json", SpectacularJSONAPIView.as_view(), name="api-schema"),
    path("api/v1/informatieobjecten/", _list(api.InformatieobjectViewSet), name="api-documents"),
    path(
        "api/v1/informatieobjecten/<uuid:uuid>/",
        _detail(api.InformatieobjectViewSet),
        name="api-document",
    ),
    path("api/v1/vergaderingen/", _list(api.VergaderingViewSet), name="api-meetings"),
    path("api/v1/vergaderingen/<int:pk>/", _detail(api.VergaderingViewSet), name="api-meeting"),
    path("api/v1/agendapunten/", _list(api.AgendapuntViewSet), name="api-agenda-items"),
    path("api/v1/personen/", _list(api.PersoonViewSet), name="api-people"),
    path("api/v1/organen/", _list(api.OrgaanViewSet), name="api-bodies"),
    path("api/v1/organen/<int:pk>/", _detail(api.OrgaanViewSet), name="api-body"),
    re_path(r"^api/(?P<rest>(?s:.*))\Z", api.not_found, name="api-not-found"),
    # the griffie's publication screens
    path(
        "griffie/publicatie/stukken/<int:pk>/publiceren/",
        views.PublishView.as_view(),
        name="publish",
    ),
    path(
        "griffie/publicatie/stukken/<int:pk>/intrekken/",
        views.WithdrawView.as_view(),
        name="withdraw",
    ),
    path(
        "griffie/publicatie/verwijderverzoeken/",
        views.RemovalQueueView.as_view(),
        name="removal-queue",
    ),
    path(
        "griffie/publicatie/verwijderverzoeken/<int:pk>/",
        views.RemovalDecideView.as_view(),
        name="removal-decide",
    ),
    path("griffie/publicatie/inzage/", views.InspectionListView.as_view(), name="inspections"),
    path(
        "griffie/publicatie/inzage/<int:pk>/zip/",
        views.InspectionZipView.as_view(),
        name="inspection-zip",
    ),
]

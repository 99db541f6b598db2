from django.urls import path
from django.views.generic import RedirectView

from . import member_views, views

app_name = "confidentiality"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("tweestapsverificatie/", views.VerifyView.as_view(), name="otp-verify"),
    path("tweestapsverificatie/instellen/", views.SetupView.as_view(), name="otp-setup"),
    path("tweestapsverificatie/activeren/", views.ActivateView.as_view(), name="otp-activate"),
    path(
        "tweestapsverificatie/activeren/<str:token>/",
        views.ActivateView.as_view(),
        name="otp-activate",
    ),
    path("meldingen/gelezen/", views.NoticesReadView.as_view(), name="notices-read"),
    path("vertrouwelijk/", views.ConfidentialListView.as_view(), name="confidential-list"),
    path(
        "vertrouwelijk/<uuid:uuid>/",
        views.ConfidentialDetailView.as_view(),
        name="confidential-detail",
    ),
    path(
        "vertrouwelijk/<uuid:uuid>/download/",
        views.ConfidentialDownloadView.as_view(),
        name="confidential-download",
    ),
    # Reading the meeting.
    path("vergaderingen/", member_views.MeetingListView.as_view(), name="meetings"),
    path("vergaderingen/<int:pk>/", member_views.MeetingView.as_view(), name="meeting"),
    path("lezen/<slug:kind>/<uuid:uuid>/", member_views.ReaderView.as_view(), name="read"),
    path(
        "lezen/<slug:kind>/<uuid:uuid>/pagina-<int:page>.png",
        member_views.PageImageView.as_view(),
        name="read-page",
    ),
    path(
        "notities/<int:pk>/verwijderen/",
        member_views.NoteDeleteView.as_view(),
        name="note-delete",
    ),
    path("zoeken/", member_views.SearchView.as_view(), name="search"),
    path("meldingen/e-mail/", member_views.PreferencesView.as_view(), name="preferences"),
    path("geheim/", views.SecretListView.as_view(), name="secret-list"),
    path("geheim/<uuid:uuid>/", views.SecretDetailView.as_view(), name="secret-detail"),
    path(
        "geheim/<uuid:uuid>/download/", views.SecretDownloadView.as_view(), name="secret-download"
    ),
    # The public register moved to /geheimhouding/ (confidentiality.public_urls), outside
    # the /raadsleden/ that robots.txt disallows; old links redirect.
    path(
        "geheimhouding/",
        RedirectView.as_view(
            pattern_name="secrecy-register:register", permanent=True, query_string=True
        ),
        name="register-moved",
    ),
    path("beheer/", views.ManageView.as_view(), name="manage"),
    path("beheer/nieuw/", views.ImposeView.as_view(), name="impose"),
    path("beheer/uitsluitingen/", views.ExclusionView.as_view(), name="exclusions"),
    path(
        "beheer/uitsluitingen/<int:pk>/corrigeren/",
        views.ExclusionCorrectView.as_view(),
        name="exclusion-correct",
    ),
    path(
        "beheer/uitsluitingen/<int:pk>/beeindigen/",
        views.ExclusionEndView.as_view(),
        name="exclusion-end",
    ),
    path("beheer/<uuid:uuid>/opheffen/", views.LiftView.as_view(), name="lift"),
    path("beheer/tweede-factor/", views.SecondFactorAdminView.as_view(), name="second-factor"),
    path("beheer/toegang/", views.AccessLogView.as_view(), name="access-log"),
    path("beheer/toegang.csv", views.AccessLogExportView.as_view(), name="access-log-csv"),
]

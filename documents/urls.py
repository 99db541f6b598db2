from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("ontvangen/", views.UploadView.as_view(), name="upload"),
    path("voortgang/", views.ProgressView.as_view(), name="progress"),
    path("stukken/<int:pk>/", views.DetailDocumentView.as_view(), name="detail"),
    path("stukken/<int:pk>/registreren/", views.RegisterView.as_view(), name="register"),
    path("stukken/<int:pk>/bestanden/<int:file_pk>/", views.FileView.as_view(), name="file"),
    path(
        "stukken/<int:pk>/anonimiseren/", views.StartAnonymisationView.as_view(), name="anonymise"
    ),
    path("stukken/<int:pk>/afdoening/", views.HandlingView.as_view(), name="handling"),
    path("stukken/<int:pk>/afvoeren/", views.DiscardView.as_view(), name="discard"),
    path("stukken/<int:pk>/beoordelen/", views.ReviewView.as_view(), name="review"),
    path(
        "stukken/<int:pk>/geanonimiseerd/<int:page>.png",
        views.AnonymisedPageView.as_view(),
        name="anonymised-page",
    ),
]

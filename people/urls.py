from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("personen/", views.PersonListView.as_view(), name="people"),
    path("personen/nieuw/", views.PersonCreateView.as_view(), name="person-create"),
    path("personen/<int:pk>/", views.PersonUpdateView.as_view(), name="person-update"),
    path(
        "personen/<int:pk>/lidmaatschap/",
        views.MembershipCreateView.as_view(),
        name="membership-create",
    ),
    path(
        "lidmaatschappen/<int:pk>/",
        views.MembershipUpdateView.as_view(),
        name="membership-update",
    ),
    path("fracties/", views.FractieListView.as_view(), name="fracties"),
    path("fracties/nieuw/", views.FractieCreateView.as_view(), name="fractie-create"),
    path("fracties/<int:pk>/", views.FractieUpdateView.as_view(), name="fractie-update"),
    path("organen/", views.BodyListView.as_view(), name="bodies"),
    path("organen/nieuw/", views.BodyCreateView.as_view(), name="body-create"),
    path("organen/<int:pk>/", views.BodyUpdateView.as_view(), name="body-update"),
]

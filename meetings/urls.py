from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="list"),
    path("nieuw/", views.MeetingCreateView.as_view(), name="create"),
    path("activiteiten/", views.ActivityListView.as_view(), name="activities"),
    path("activiteiten/nieuw/", views.ActivityCreateView.as_view(), name="activity-create"),
    path("activiteiten/<int:pk>/", views.ActivityUpdateView.as_view(), name="activity-update"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="detail"),
    path("<int:pk>/bewerken/", views.MeetingUpdateView.as_view(), name="update"),
    path("<int:pk>/publiceren/", views.PublishAgendaView.as_view(), name="publish"),
    path("<int:pk>/volgorde/", views.ReorderView.as_view(), name="reorder"),
    path("<int:pk>/agendapunten/nieuw/", views.ItemCreateView.as_view(), name="item-create"),
    path(
        "<int:pk>/agendapunten/<int:item_pk>/",
        views.ItemUpdateView.as_view(),
        name="item-update",
    ),
    path(
        "<int:pk>/agendapunten/<int:item_pk>/ingekomen-stuk/",
        views.ItemLinkIncomingView.as_view(),
        name="item-link-incoming",
    ),
    path(
        "<int:pk>/agendapunten/<int:item_pk>/verplaatsen/",
        views.ItemMoveView.as_view(),
        name="item-move",
    ),
    path(
        "<int:pk>/agendapunten/<int:item_pk>/verwijderen/",
        views.ItemDeleteView.as_view(),
        name="item-delete",
    ),
    path("<int:pk>/stukken/nieuw/", views.DocumentCreateView.as_view(), name="document-create"),
    path(
        "<int:pk>/stukken/<int:doc_pk>/",
        views.DocumentUpdateView.as_view(),
        name="document-update",
    ),
    path(
        "<int:pk>/stukken/<int:doc_pk>/publiceren/",
        views.DocumentPublishView.as_view(),
        name="document-publish",
    ),
    path(
        "<int:pk>/stukken/<int:doc_pk>/uitslag/",
        views.OutcomeView.as_view(),
        name="outcome",
    ),
    path("<int:pk>/presentie/", views.AttendanceView.as_view(), name="attendance"),
    path(
        "<int:pk>/geheimhouding-opheffen/",
        views.LiftSecrecyView.as_view(),
        name="lift-secrecy",
    ),
]

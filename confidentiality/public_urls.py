"""The public secrecy register at a public address (include in griffie/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.PublicRegisterView.as_view(), name="register"),
]

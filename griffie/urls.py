from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from . import views

# The admin requires a session verified with the second factor (django-otp): with a
# password alone, nobody (not even a superuser) gets in (docs/adr/0004-second-factor.md).
admin.site.__class__ = OTPAdminSite
admin.site.site_header = "Griffie — back office"
admin.site.site_title = "Griffie"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("start/", views.home_after_login, name="home-after-login"),
    path("griffie/vergaderingen/", include("meetings.urls")),
    path("griffie/", include("people.urls")),
    path("griffie/", include("documents.urls")),
    path("raadsleden/", include("confidentiality.urls")),
    path("geheimhouding/", include(("confidentiality.public_urls", "secrecy-register"))),
    path("thema.css", views.theme_css, name="theme-css"),
    path("favicon.ico", views.favicon),
    path("", include("publication.urls")),
]

handler404 = "griffie.views.page_not_found"
handler500 = "griffie.views.server_error"

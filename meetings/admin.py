from django import forms
from django.contrib import admin
from django.http import HttpRequest

from confidentiality.service import record_closed_meeting
from documents.forms import PublicTextCheckedForm
from people.roles import acting_user

from .models import AgendaItem, Meeting


class MeetingForm(PublicTextCheckedForm):
    public_text_fields = ("title", "location")


class AgendaItemForm(PublicTextCheckedForm):
    public_text_fields = ("title", "description")


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    form = AgendaItemForm
    extra = 1


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    form = MeetingForm
    list_display = ("title", "body", "starts_at", "is_closed")
    list_filter = ("body", "is_closed")
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline]

    def save_model(
        self, request: HttpRequest, obj: Meeting, form: forms.ModelForm, change: bool
    ) -> None:

        super().save_model(request, obj, form, change)
        record_closed_meeting(obj, actor=acting_user(request))  # its documents are secret by law

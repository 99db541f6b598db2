from django.contrib import admin

from .models import AgendaItem, Meeting


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 1


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "body", "starts_at", "is_closed")
    list_filter = ("body", "is_closed")
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline]

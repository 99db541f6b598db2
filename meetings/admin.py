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

    def save_model(self, request, obj, form, change):
        from confidentiality.service import record_closed_meeting

        super().save_model(request, obj, form, change)
        record_closed_meeting(obj, actor=request.user)  # its documents are secret by law

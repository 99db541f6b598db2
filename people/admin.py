from django.contrib import admin
from django.contrib.auth.models import Group

from .models import Body, Fractie, Membership, Person


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "fractie", "public_email", "term_start", "term_end")
    list_filter = ("role", "fractie")
    search_fields = ("name", "department")
    inlines = [MembershipInline]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind")
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        if not obj.group_id:
            obj.group = Group.objects.get_or_create(name=f"orgaan: {obj.name}")[0]
        super().save_model(request, obj, form, change)


admin.site.register(Fractie)

from django.contrib import admin

from events.models import (
    Event,
    EventChange,
    Registration,
    Series,
    Session,
    SessionMaterial,
    Venue,
)


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = [
        "title",
        "title_en",
        "start",
        "end",
        "room",
        "room_en",
        "speakers_text",
        "chat_enabled",
    ]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "host", "start", "status", "visibility"]
    list_filter = ["status", "visibility", "host", "series"]
    search_fields = ["title", "title_en", "slug"]
    inlines = [SessionInline]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "host", "slug"]
    search_fields = ["title", "title_en"]


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "host", "address"]
    search_fields = ["name", "address"]


@admin.register(SessionMaterial)
class SessionMaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "session", "created_at"]
    search_fields = ["title", "session__title", "session__event__title"]
    list_select_related = ["session"]


@admin.register(EventChange)
class EventChangeAdmin(admin.ModelAdmin):
    """A read-only log: what changed in published events and how many registrants were told."""

    list_display = ["event", "kind", "changed_at", "changed_by", "notified"]
    list_filter = ["kind"]
    list_select_related = ["event", "changed_by"]
    readonly_fields = ["event", "kind", "changes", "changed_by", "changed_at", "notified"]

    def has_add_permission(self, request):
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """For looking things up; registrations change through the pages and the API, which keep
    the event's seat row (docs/registrations.md), so who, where and in which status is read-only
    here."""

    list_display = ["user", "event", "role", "status", "created_at", "checked_in_at"]
    list_filter = ["status", "role", "walk_in"]
    search_fields = ["user__email", "user__name", "event__title"]
    list_select_related = ["user", "event"]
    readonly_fields = [
        "event",
        "user",
        "role",
        "status",
        "walk_in",
        "checked_in_at",
        "checked_in_by",
        "promoted_at",
        "cancelled_at",
        "ticket_token",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return False

from django.contrib import admin

from events.models import Event, Registration, Series, Session, Venue


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["title", "title_en", "start", "end", "room", "speakers_text", "chat_enabled"]


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


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """For looking things up; registrations change through the pages, which keep the seats."""

    list_display = ["user", "event", "role", "status", "created_at", "checked_in_at"]
    list_filter = ["status", "role", "walk_in"]
    search_fields = ["user__email", "user__name", "event__title"]
    list_select_related = ["user", "event"]
    raw_id_fields = ["user", "event", "checked_in_by"]
    readonly_fields = ["ticket_token", "created_at", "updated_at"]

from django.contrib import admin

from events.models import Event, Series, Session, Venue


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

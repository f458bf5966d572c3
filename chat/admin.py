from django.contrib import admin

from chat.models import ChatSettings, Message, Vote


@admin.register(ChatSettings)
class ChatSettingsAdmin(admin.ModelAdmin):
    list_display = ["event", "opens_before", "closes_after"]
    raw_id_fields = ["event"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["id", "event", "session", "kind", "author", "created", "deleted", "pinned"]
    list_filter = ["kind", "deleted", "pinned", "answered"]
    raw_id_fields = ["event", "session", "author"]
    search_fields = ["body"]


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["message", "user", "created"]
    raw_id_fields = ["message", "user"]

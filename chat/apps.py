from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Imported here so chat's figures exist (at zero) from the start, not from the first socket.
from chat import metrics  # noqa: F401


class ChatConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "chat"
    verbose_name = _("Live chat")

    def ready(self):
        from chat import signals

        signals.connect()
        from accounts import personal_data
        from chat import personal_data as chat_data

        personal_data.register("chat", chat_data.export, chat_data.erase, models=chat_data.MODELS)
        from chat import receivers
        from events import signals as event_signals

        event_signals.open_rooms_wanted.connect(
            receivers.open_room_links, dispatch_uid="chat_open_room_links"
        )

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

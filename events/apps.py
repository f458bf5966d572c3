from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from events.contact_access import staff_of_registered_event
        from profiles.signals import expert_contact_access

        expert_contact_access.connect(
            staff_of_registered_event, dispatch_uid="events_contact_access"
        )
        from accounts import personal_data
        from events import personal_data as events_data

        personal_data.register(
            "events", events_data.export, events_data.erase, models=events_data.MODELS
        )

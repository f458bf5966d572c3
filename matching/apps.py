from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self):
        from matching.contact_access import counterpart_of_accepted_introduction
        from profiles import contact_access

        contact_access.register(counterpart_of_accepted_introduction)

        from events import hooks as event_hooks
        from matching.hooks_meetings import meeting_calendar_items, my_meetings_block

        event_hooks.register_calendar_items(meeting_calendar_items)
        event_hooks.register_event_block(my_meetings_block)

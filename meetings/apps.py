from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from accounts import personal_data
        from meetings import personal_data as meetings_data

        personal_data.register(
            "meetings", meetings_data.export, meetings_data.erase, models=meetings_data.MODELS
        )
        from events import signals
        from meetings import receivers

        signals.calendar_items_wanted.connect(
            receivers.meeting_calendar_items, dispatch_uid="meetings_calendar_items"
        )
        signals.event_page_blocks_wanted.connect(
            receivers.my_meetings_block, dispatch_uid="meetings_my_meetings_block"
        )

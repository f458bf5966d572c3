"""What meetings add to the events app's pages and feeds (receivers of events.signals,
connected in MeetingsConfig.ready())."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from events.signals import CalendarItem
from meetings.permissions import can_manage_meetings, can_plan_own_meetings
from meetings.selectors import meetings_of_event, meetings_of_user


def meeting_calendar_items(sender, *, user, events, **kwargs) -> list[CalendarItem]:
    """The person's scheduled meetings at the events of their feed."""
    ids = [event.pk for event in events]
    items = []
    for meeting in meetings_of_user(user=user).filter(event_id__in=ids):
        counterpart = meeting.company_member if meeting.expert_id == user.pk else meeting.expert
        items.append(
            CalendarItem(
                uid=f"meeting-{meeting.pk}",
                event_id=meeting.event_id,
                start=meeting.slot.start,
                end=meeting.slot.end,
                summary=_("Meeting with %(name)s") % {"name": counterpart.display_name},
                description=_("Table: %(table)s") % {"table": meeting.table.name},
                location=meeting.table.name,
            )
        )
    return items


def my_meetings_block(sender, *, request, event, **kwargs) -> str:
    """The "my meetings" box on the event page: the person's meetings, and for organizers the
    links to the schedule and the round tables."""
    user = request.user
    manage = can_manage_meetings(user, event)
    mine = can_plan_own_meetings(user, event)
    if not manage and not mine:
        return ""
    context = {
        "event": event,
        "manage": manage,
        "mine": mine,
        "meetings": list(meetings_of_event(event=event, user=user)) if mine else [],
        "user": user,
    }
    return render_to_string("meetings/_my_meetings.html", context, request=request)

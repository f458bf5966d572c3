"""A room: an event's lobby or one session's chat, with the time it takes messages."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from events.models import Event, Session


@dataclass(frozen=True)
class Room:
    event: Event
    session: Session | None
    opens: datetime
    closes: datetime

    @property
    def key(self) -> str:
        if self.session is not None:
            return f"session.{self.session.pk}"
        return f"lobby.{self.event.pk}"

    @property
    def group(self) -> str:
        """The channel-layer group every process serving this room listens to."""
        return f"chat.{self.key}"

    def is_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.opens <= now < self.closes

"""A person's private calendar feed."""

from django.db import transaction

from events.models import CalendarFeed, new_secret


@transaction.atomic
def calendar_feed_get(*, user) -> CalendarFeed:
    """The person's feed, created on first use."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_reset(*, user) -> CalendarFeed:
    """A new secret token: the old subscription URL stops working at once."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    feed.token = new_secret()
    feed.save(update_fields=["token"])
    return feed

import datetime as dt

import factory
from django.utils import timezone

from events.models import (
    Event,
    EventSeats,
    Registration,
    Series,
    Session,
    SessionMaterial,
    Venue,
)
from events.services.seats import seats_recount
from hosts.tests.factories import HostFactory


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    host = factory.SubFactory(HostFactory)
    slug = factory.Sequence(lambda n: f"series-{n}")
    title = factory.Sequence(lambda n: f"系列{n}")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    host = factory.SubFactory(HostFactory)
    name = factory.Sequence(lambda n: f"会议室{n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    host = factory.SubFactory(HostFactory)
    slug = factory.Sequence(lambda n: f"event-{n}")
    title = factory.Sequence(lambda n: f"座谈会{n}")
    start = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=3))
    status = Event.Status.PUBLISHED


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"议程{n}")
    start = factory.LazyAttribute(lambda o: o.event.start)
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=1))


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration written straight to the table; when the event's seat row exists already,
    it is recounted so that the services that follow see the seat taken."""

    class Meta:
        model = Registration
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory("accounts.tests.factories.UserFactory")
    role = Registration.Role.GUEST
    status = Registration.Status.CONFIRMED

    @factory.post_generation
    def seats(obj, create, extracted, **kwargs):
        if create and EventSeats.objects.filter(event_id=obj.event_id).exists():
            seats_recount(event=obj.event)


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionMaterial

    session = factory.SubFactory(SessionFactory)
    title = factory.Sequence(lambda n: f"资料{n}")
    url = factory.Sequence(lambda n: f"https://example.com/slides-{n}.pdf")

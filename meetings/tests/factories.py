"""Builders for meetings and round-table tests."""

import datetime as dt

import factory

from accounts.tests.factories import UserFactory
from events.models import Event
from events.tests.factories import RegistrationFactory
from meetings.models import Meeting, MeetingRequest, MeetingSlot, MeetingTable
from profiles.tests.factories import CompanyMembershipFactory, ExpertProfileFactory


def registered_expert(event: Event, **profile):
    """A user with an expert profile, confirmed for `event`."""
    user = UserFactory()
    ExpertProfileFactory(user=user, **profile)
    RegistrationFactory(event=event, user=user, role="expert")
    return user


def registered_member(event: Event, company=None):
    """A company member confirmed for `event`."""
    user = UserFactory()
    kwargs = {"company": company} if company is not None else {}
    CompanyMembershipFactory(user=user, **kwargs)
    RegistrationFactory(event=event, user=user, role="enterprise")
    return user


def make_slots(event: Event, count: int, minutes: int = 20) -> list[MeetingSlot]:
    return [
        MeetingSlot.objects.create(
            event=event,
            start=event.start + dt.timedelta(minutes=minutes * i),
            end=event.start + dt.timedelta(minutes=minutes * (i + 1)),
        )
        for i in range(count)
    ]


def make_tables(event: Event, count: int) -> list[MeetingTable]:
    return [
        MeetingTable.objects.create(event=event, name=f"T{i + 1}", position=i) for i in range(count)
    ]


class MeetingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingRequest

    source = MeetingRequest.Source.ATTENDEE


def make_meeting(event, slot, table, expert=None, member=None) -> Meeting:
    expert = expert or registered_expert(event)
    member = member or registered_member(event)
    request = MeetingRequestFactory(event=event, expert=expert, company_member=member)
    return Meeting.objects.create(
        event=event,
        slot=slot,
        table=table,
        request=request,
        expert=expert,
        company_member=member,
    )

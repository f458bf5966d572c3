"""Builders for outcomes tests: surveys, and a host with a little of everything in one period."""

import datetime as dt
import zoneinfo

import factory

from accounts.tests.factories import UserFactory
from chat.models import Message
from events.models import Registration
from events.tests.factories import EventFactory, RegistrationFactory, SessionFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostFactory, HostMembershipFactory
from matching.tests.factories import IntroductionFactory
from meetings.models import Meeting
from meetings.tests.factories import make_slots, make_tables
from needs.models import Need, NeedRating
from needs.tests.factories import NeedFactory
from outcomes.models import FeedbackRequest, FollowUp
from profiles.tests.factories import CompanyMembershipFactory, ExpertProfileFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


class FeedbackRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackRequest

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    user = factory.SubFactory(UserFactory)
    side = FollowUp.Side.COMPANY
    introduction = factory.SubFactory(IntroductionFactory)
    need = factory.LazyAttribute(lambda o: o.introduction.need if o.introduction else None)


def local(year, month, day, hour=10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=SHANGHAI)


def staffed_host():
    host = HostFactory()
    staff = HostMembershipFactory(host=host, role=HostMembership.Role.STAFF).user
    return host, staff


def scene(host, *, day: dt.datetime, now: dt.datetime, copies: int = 1) -> dict:
    """`copies` times, on `day`: a finished event with three registrations (two confirmed,
    one checked in, one waitlisted), a held meeting, two chat messages (one a question), an
    accepted introduction and a declined one about a need submitted that day (responded in
    time, resolved, rated 4), an overdue need, and an answered follow-up ("agreement")."""
    made = {"events": [], "needs": []}
    for _ in range(copies):
        event = EventFactory(host=host, start=day, end=day + dt.timedelta(hours=3))
        expert = UserFactory()
        ExpertProfileFactory(user=expert)
        member = CompanyMembershipFactory().user
        RegistrationFactory(
            event=event, user=expert, role="expert", checked_in_at=day + dt.timedelta(minutes=5)
        )
        RegistrationFactory(event=event, user=member, role="enterprise")
        RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
        member_registration = Registration.objects.get(event=event, user=member)
        member_registration.checked_in_at = day
        member_registration.save()
        slot, table = make_slots(event, 1)[0], make_tables(event, 1)[0]
        Meeting.objects.create(
            event=event, slot=slot, table=table, expert=expert, company_member=member
        )
        session = SessionFactory(event=event, start=day, end=day + dt.timedelta(hours=1))
        Message.objects.create(event=event, session=session, author=member, body="你好")
        Message.objects.create(
            event=event, session=session, author=member, body="?", kind="question", votes=2
        )
        need = NeedFactory(
            host=host,
            created_at=day,
            response_deadline=day + dt.timedelta(days=3),
            responded_at=day + dt.timedelta(hours=5),
            resolved_at=day + dt.timedelta(hours=29),
            status=Need.Status.RESOLVED,
        )
        NeedRating.objects.create(need=need, score=4)
        NeedFactory(
            host=host,
            created_at=day,
            response_deadline=day + dt.timedelta(days=1),
            status=Need.Status.SUBMITTED,
        )
        intro = IntroductionFactory(
            need=need, status="accepted", created_at=day, decided_at=day, expert_accepted_at=day
        )
        IntroductionFactory(need=need, status="declined", created_at=day)
        FollowUpFactory(
            host=host,
            introduction=intro,
            user=member,
            sent_at=day,
            answered_at=day,
            outcome=FollowUp.Outcome.AGREEMENT,
        )
        made["events"].append(event)
        made["needs"].append(need)
    return made

"""send_outcome_surveys: whom it asks, how, and that nobody is asked twice."""

import datetime as dt
import io
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.tests.factories import UserFactory
from events.models import Event, Registration
from events.tests.factories import EventFactory, RegistrationFactory
from matching.tests.factories import IntroductionFactory
from meetings.models import Meeting
from meetings.tests.factories import make_slots, make_tables
from outcomes.models import FeedbackRequest, FollowUp
from outcomes.services.surveys import outcome_surveys_send
from profiles.tests.factories import CompanyMembershipFactory, ExpertProfileFactory

pytestmark = pytest.mark.django_db


def _ended_event(days_ago=1, **kwargs):
    start = timezone.now() - dt.timedelta(days=days_ago, hours=4)
    return EventFactory(start=start, end=start + dt.timedelta(hours=3), **kwargs)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """`run()` calls the command, runs what it queued for after commit (mails, texts) as a
    real commit would, and returns its JSON summary line."""

    def command() -> dict:
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_outcome_surveys", stdout=out)
        return json.loads(out.getvalue().strip().splitlines()[-1])

    return command


def test_attendees_who_came_are_asked_once_by_email_and_sms(run, sms_outbox, settings):
    settings.SITE_URL = "https://forum.example.org"
    event = _ended_event(title="冷链座谈会")
    came = RegistrationFactory(event=event, checked_in_at=event.start, language="en")
    came.user.phone = "+8613800138000"
    came.user.save()
    RegistrationFactory(event=event)  # confirmed but never checked in
    assert run() == {"feedback_sent": 1, "followups_sent": 0, "skipped": 0}
    assert [m.to for m in mail.outbox] == [[came.user.email]]
    assert mail.outbox[0].subject == "How was 冷链座谈会?"
    request = FeedbackRequest.objects.get()
    assert (request.user, request.channels) == (came.user, "email,sms")
    assert [m.to for m in sms_outbox] == ["+8613800138000"]
    assert "https://forum.example.org/outcomes/feedback/" in sms_outbox[0].text
    assert run() == {"feedback_sent": 0, "followups_sent": 0, "skipped": 0}
    assert len(mail.outbox) == 1


def test_an_event_that_checked_nobody_in_asks_everyone_confirmed(run):
    event = _ended_event()
    RegistrationFactory(event=event)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Registration.Status.CANCELLED)
    assert run()["feedback_sent"] == 2


def test_events_not_ended_long_ended_or_cancelled_ask_nobody(run):
    for event in (
        _ended_event(days_ago=-2),
        _ended_event(days_ago=30),
        _ended_event(status=Event.Status.CANCELLED),
    ):
        RegistrationFactory(event=event, checked_in_at=event.start)
    assert run() == {"feedback_sent": 0, "followups_sent": 0, "skipped": 0}


def test_someone_with_neither_address_nor_number_is_skipped_once(run):
    event = _ended_event()
    user = UserFactory(email=None, verified=False)
    RegistrationFactory(event=event, user=user, checked_in_at=event.start)
    assert run() == {"feedback_sent": 0, "followups_sent": 0, "skipped": 1}
    assert FeedbackRequest.objects.get().channels == ""
    assert run() == {"feedback_sent": 0, "followups_sent": 0, "skipped": 0}


def _accepted(days_ago: int):
    member = CompanyMembershipFactory().user
    expert = ExpertProfileFactory(user=UserFactory())
    decided = timezone.now() - dt.timedelta(days=days_ago)
    intro = IntroductionFactory(
        expert=expert,
        status="accepted",
        company_accepted_by=member,
        expert_accepted_at=decided,
        decided_at=decided,
    )
    intro.need.company.memberships.update(company=intro.need.company)
    return intro, member


def test_both_sides_of_an_introduction_are_asked_six_months_on(run, settings):
    settings.OUTCOME_FOLLOWUP_DAYS = 182
    intro, member = _accepted(days_ago=183)
    _accepted(days_ago=100)  # not yet
    assert run() == {"feedback_sent": 0, "followups_sent": 2, "skipped": 0}
    asked = {(f.user, f.side, f.counterpart) for f in FollowUp.objects.all()}
    assert asked == {
        (member, "company", intro.expert.name),
        (intro.expert.user, "expert", intro.need.company.name),
    }
    assert sorted(m.subject for m in mail.outbox) == sorted(
        [
            f"您与{intro.expert.name}的对接成效如何？",
            f"您与{intro.need.company.name}的对接成效如何？",
        ]
    )
    assert run() == {"feedback_sent": 0, "followups_sent": 0, "skipped": 0}


def test_the_follow_up_delay_is_a_setting(run, settings):
    settings.OUTCOME_FOLLOWUP_DAYS = 30
    _accepted(days_ago=31)
    assert run()["followups_sent"] == 2


def _held_meeting(days_ago: int, **kwargs):
    start = timezone.now() - dt.timedelta(days=days_ago)
    event = EventFactory(start=start, end=start + dt.timedelta(hours=3))
    expert, member = UserFactory(), UserFactory()
    for user in (expert, member):
        RegistrationFactory(event=event, user=user, checked_in_at=start)
    slot, table = make_slots(event, 1)[0], make_tables(event, 1)[0]
    return Meeting.objects.create(
        event=event, slot=slot, table=table, expert=expert, company_member=member, **kwargs
    )


def test_both_people_of_a_held_meeting_are_asked(run, settings):
    settings.OUTCOME_FOLLOWUP_DAYS = 182
    meeting = _held_meeting(days_ago=183)
    assert run()["followups_sent"] == 2
    assert set(FollowUp.objects.values_list("user", "meeting")) == {
        (meeting.expert_id, meeting.pk),
        (meeting.company_member_id, meeting.pk),
    }


def test_a_meeting_about_an_accepted_introduction_is_not_asked_about_again(run, settings):
    settings.OUTCOME_FOLLOWUP_DAYS = 182
    intro, member = _accepted(days_ago=183)
    _held_meeting(days_ago=183)
    meeting = Meeting.objects.get()
    Meeting.objects.filter(pk=meeting.pk).update(
        need=intro.need, expert=intro.expert.user, company_member=member
    )
    summary = run()
    assert summary["followups_sent"] == 2
    assert FollowUp.objects.filter(meeting__isnull=False).count() == 0


def test_the_service_asks_nobody_twice_when_run_again_at_once():
    event = _ended_event()
    RegistrationFactory(event=event, checked_in_at=event.start)
    first = outcome_surveys_send()
    second = outcome_surveys_send()
    assert (first["feedback_sent"], second["feedback_sent"]) == (1, 0)
    assert FeedbackRequest.objects.count() == 1

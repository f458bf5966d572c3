"""Answering the surveys through their signed links: the services and the pages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from events.tests.factories import EventFactory, RegistrationFactory, SessionFactory
from meetings.models import Meeting
from meetings.tests.factories import make_slots, make_tables
from needs.models import Need, NeedTransition
from outcomes.models import FollowUp, MeetingFeedback, SessionRating
from outcomes.permissions import survey_token
from outcomes.services.answers import feedback_answer, followup_answer
from outcomes.tests.factories import FeedbackRequestFactory, FollowUpFactory
from profiles.tests.factories import CompanyMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    start = timezone.now() - dt.timedelta(days=1)
    event = EventFactory(start=start, end=start + dt.timedelta(hours=3))
    first = SessionFactory(event=event, title="开幕", start=start)
    SessionFactory(event=event, title="分享", start=start + dt.timedelta(hours=1))
    request = FeedbackRequestFactory(event=event)
    RegistrationFactory(event=event, user=request.user, checked_in_at=start)
    slot, table = make_slots(event, 1)[0], make_tables(event, 1)[0]
    meeting = Meeting.objects.create(
        event=event,
        slot=slot,
        table=table,
        expert=request.user,
        company_member=RegistrationFactory(event=event).user,
    )
    return request, first, meeting


def test_feedback_answer_stores_every_part(survey):
    request, session, meeting = survey
    feedback_answer(
        request=request,
        rating=4,
        comment=" 很好 ",
        sessions={session.pk: 5},
        meetings={meeting.pk: {"held": True, "useful": False, "comment": "时间太短"}},
    )
    request.refresh_from_db()
    assert (request.rating, request.comment, request.answered_at is not None) == (4, "很好", True)
    assert list(SessionRating.objects.values_list("session", "rating")) == [(session.pk, 5)]
    assert list(MeetingFeedback.objects.values_list("meeting", "held", "useful", "comment")) == [
        (meeting.pk, True, False, "时间太短")
    ]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"rating": 6}, "invalid_rating"),
        ({"rating": True}, "invalid_rating"),
        ({"sessions": {999999: 3}}, "unknown_session"),
        ({"meetings": {999999: {"held": True}}}, "unknown_meeting"),
    ],
)
def test_feedback_answer_refuses_bad_parts_and_stores_nothing(survey, change, code):
    request, _session, _meeting = survey
    with pytest.raises(ValidationError) as caught:
        feedback_answer(request=request, **{"rating": 4, **change})
    assert caught.value.code == code
    request.refresh_from_db()
    assert (request.answered_at, SessionRating.objects.count()) == (None, 0)


def test_feedback_is_answered_once(survey):
    request, _session, _meeting = survey
    feedback_answer(request=request, rating=3)
    with pytest.raises(ValidationError) as caught:
        feedback_answer(request=request, rating=5)
    assert caught.value.code == "already_answered"


def test_feedback_page_on_a_phone_form_posts_and_thanks(client, survey):
    request, session, meeting = survey
    url = reverse("outcomes:feedback", args=[survey_token(request)])
    page = client.get(url)
    assert page.status_code == 200
    assert "开幕" in page.content.decode()
    response = client.post(
        url,
        {
            "rating": "5",
            f"session_{session.pk}": "4",
            f"meeting_{meeting.pk}_held": "no",
            f"meeting_{meeting.pk}_comment": "对方未到",
        },
    )
    assert response["Location"] == url
    done = client.get(url)
    assert "您对" in done.content.decode() and "5 分" in done.content.decode()
    assert MeetingFeedback.objects.get().held is False


def test_feedback_page_without_a_rating_answers_400_and_keeps_the_text(client, survey):
    request, _session, _meeting = survey
    url = reverse("outcomes:feedback", args=[survey_token(request)])
    response = client.post(url, {"comment": "我的意见"})
    assert response.status_code == 400
    assert "我的意见" in response.content.decode()
    request.refresh_from_db()
    assert request.answered_at is None


@pytest.fixture
def followup():
    followup = FollowUpFactory()
    CompanyMembershipFactory(company=followup.need.company, user=followup.user)
    return followup


def test_followup_answer_lands_on_the_needs_history(followup):
    need = followup.need
    followup_answer(followup=followup, outcome="negotiating", comment="正在谈")
    note = NeedTransition.objects.filter(need=need).order_by("-id").first()
    assert (note.from_status, note.to_status, note.by) == (need.status, need.status, followup.user)
    assert note.comment.startswith("六个月回访（企业，")
    assert note.comment.endswith("合作洽谈中。\n正在谈")
    need.refresh_from_db()
    assert need.responded_at is None


def test_followup_answer_can_resolve_the_need_through_its_steps(followup):
    need = followup.need
    assert need.status == Need.Status.SUBMITTED
    followup_answer(followup=followup, outcome="project", mark_resolved=True)
    need.refresh_from_db()
    assert (need.status, need.responded_at) == (Need.Status.RESOLVED, None)
    steps = list(
        NeedTransition.objects.filter(need=need)
        .exclude(from_status=need.status)
        .exclude(from_status="")
        .values_list("from_status", "to_status", "by")
    )
    assert [step[:2] for step in steps] == [
        ("submitted", "submitted"),
        ("submitted", "acknowledged"),
        ("acknowledged", "in_progress"),
        ("in_progress", "resolved"),
    ]
    followup.refresh_from_db()
    assert followup.need_resolved is True


def test_followup_refuses_an_unknown_outcome(followup):
    with pytest.raises(ValidationError) as caught:
        followup_answer(followup=followup, outcome="married")
    assert caught.value.code == "invalid_outcome"
    followup.refresh_from_db()
    assert followup.answered_at is None


def test_followup_page_offers_resolving_to_the_company_only(client, followup):
    url = reverse("outcomes:followup", args=[survey_token(followup)])
    assert 'name="mark_resolved"' in client.get(url).content.decode()
    FollowUp.objects.filter(pk=followup.pk).update(side="expert")
    assert 'name="mark_resolved"' not in client.get(url).content.decode()


def test_followup_page_ignores_a_forged_resolve_from_the_expert_side(client, followup):
    FollowUp.objects.filter(pk=followup.pk).update(side="expert")
    url = reverse("outcomes:followup", args=[survey_token(followup)])
    response = client.post(url, {"outcome": "agreement", "mark_resolved": "on"})
    assert response.status_code == 302
    followup.need.refresh_from_db()
    assert followup.need.status == Need.Status.SUBMITTED

"""The seasonal planner: what it finds, how it explains it, and the forums made from it."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from events.models import Event
from hosts.tests.factories import HostFactory
from matching.tests.factories import IntroductionFactory
from needs.models import Need
from needs.tests.factories import NeedFactory
from outcomes.models import ForumInvitation, PlannedForum
from outcomes.selectors.planner import seasonal_plan
from outcomes.services.planner import planned_forum_create, planned_forum_invite
from outcomes.tests.factories import local, staffed_host
from profiles.models import Topic
from profiles.tests.factories import CompanyFactory, CompanyMembershipFactory, ExpertProfileFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 5, 20)  # the coming quarter is Q3 2026


@pytest.fixture
def cold_chain():
    topic, _ = Topic.objects.get_or_create(
        slug="cold-chain-test", defaults={"name_zh": "冷链测试", "name_en": "Cold chain test"}
    )
    return topic


def _needs(host, topic, *, year, months, resolved=0, company=None):
    made = []
    for n, month in enumerate(months):
        need = NeedFactory(
            host=host,
            company=company or CompanyFactory(),
            created_at=local(year, month, 5 + n),
            category="technology",
            status=Need.Status.RESOLVED if n < resolved else Need.Status.SUBMITTED,
        )
        need.topics.add(topic)
        made.append(need)
    return made


def test_a_topic_in_the_same_season_two_years_running_recurs(cold_chain):
    host, _staff = staffed_host()
    _needs(host, cold_chain, year=2024, months=[7, 8, 8, 9], resolved=2)
    _needs(host, cold_chain, year=2025, months=[7, 7, 8, 9], resolved=2)
    plan = seasonal_plan(host=host, today=TODAY)
    pattern = next(p for p in plan.suggestions if p.dimension == "topic")
    assert (pattern.value, pattern.quarter, pattern.kind) == ("cold-chain-test", 3, "recurring")
    assert (pattern.counts, pattern.months, pattern.total, pattern.resolved) == (
        {2024: 4, 2025: 4},
        (7, 9),
        8,
        4,
    )
    with translation.override("zh-hans"):
        assert pattern.explanation(2026) == "冷链测试：近两年 7–9 月各 4 条，办结率 50%"
    with translation.override("en"):
        pattern = next(
            p for p in seasonal_plan(host=host, today=TODAY).suggestions if p.dimension == "topic"
        )
        assert pattern.explanation(2026) == (
            "Cold chain test: 4 each in months 7–9 of the last two years; resolution rate 50%"
        )


def test_a_topic_bunched_in_one_quarter_of_one_year_is_named(cold_chain):
    host, _staff = staffed_host()
    _needs(host, cold_chain, year=2025, months=[8, 8, 9, 1])
    plan = seasonal_plan(host=host, today=TODAY)
    pattern = next(p for p in plan.suggestions if p.dimension == "topic")
    assert (pattern.kind, pattern.counts, pattern.year_total) == ("bunched", {2025: 3}, 4)
    with translation.override("zh-hans"):
        assert (
            pattern.explanation(2026) == "冷链测试：2025 年 4 条中有 3 条集中在 8–9 月，办结率 0%"
        )


def test_one_need_a_year_is_no_pattern(cold_chain):
    host, _staff = staffed_host()
    _needs(host, cold_chain, year=2024, months=[7])
    _needs(host, cold_chain, year=2025, months=[8])
    assert [
        p for p in seasonal_plan(host=host, today=TODAY).patterns if p.dimension == "topic"
    ] == []


def test_the_experts_who_resolved_them_and_the_companies_that_raised_them(cold_chain):
    host, _staff = staffed_host()
    company = CompanyFactory(name="青岛冷链测试有限公司")
    needs = _needs(host, cold_chain, year=2024, months=[7, 8], resolved=2, company=company)
    _needs(host, cold_chain, year=2025, months=[7, 8])
    expert = ExpertProfileFactory(name="韩冰冷")
    IntroductionFactory(need=needs[0], expert=expert, status="accepted")
    pattern = next(
        p for p in seasonal_plan(host=host, today=TODAY).suggestions if p.dimension == "topic"
    )
    assert pattern.experts == ["韩冰冷"]
    assert (company.pk, "青岛冷链测试有限公司") in pattern.companies


def test_another_hosts_needs_are_not_counted(cold_chain):
    host, _staff = staffed_host()
    other = HostFactory()
    _needs(other, cold_chain, year=2024, months=[7, 8])
    _needs(other, cold_chain, year=2025, months=[7, 8])
    assert seasonal_plan(host=host, today=TODAY).patterns == []


def test_a_suggestion_becomes_a_draft_event_once(cold_chain):
    host, staff = staffed_host()
    company = CompanyFactory()
    _needs(host, cold_chain, year=2024, months=[7, 8], company=company)
    _needs(host, cold_chain, year=2025, months=[7, 8])
    pattern = next(
        p for p in seasonal_plan(host=host, today=TODAY).suggestions if p.dimension == "topic"
    )
    with translation.override("zh-hans"):
        forum = planned_forum_create(
            host=host, pattern=pattern, year=2026, by=staff, this_year=2026
        )
    event = forum.event
    assert (event.status, event.title, event.theme) == (
        Event.Status.DRAFT,
        "冷链测试专题座谈会",
        "冷链测试",
    )
    assert event.start == local(2026, 7, 15, 14)
    assert [s.title for s in event.sessions.order_by("start")] == [
        "往年需求回顾：冷链测试",
        "专家分享：冷链测试",
        "专家与企业一对一对接",
    ]
    assert "冷链测试：近两年 7–8 月各 2 条" in event.description
    assert company in forum.companies.all()
    again = planned_forum_create(host=host, pattern=pattern, year=2026, by=staff, this_year=2026)
    assert again.pk == forum.pk
    assert PlannedForum.objects.count() == 1


def test_the_planner_page_turns_a_suggestion_into_a_draft(client, cold_chain):
    host, staff = staffed_host()
    today = seasonal_plan(host=host).today
    coming_year, coming_quarter = seasonal_plan(host=host).coming
    month = 3 * coming_quarter - 2
    _needs(host, cold_chain, year=coming_year - 2, months=[month, month])
    _needs(host, cold_chain, year=coming_year - 1, months=[month, month])
    assert today.year in (coming_year, coming_year - 1)
    client.force_login(staff)
    key = f"topic:cold-chain-test:q{coming_quarter}"
    page = client.get(reverse("outcomes:planner", args=[host.slug]))
    assert f'value="{key}"' in page.content.decode()
    response = client.post(reverse("outcomes:planner_draft", args=[host.slug]), {"key": key})
    forum = PlannedForum.objects.get(host=host, key=key)
    assert response["Location"] == reverse(
        "organizer:event", kwargs={"host_slug": host.slug, "slug": forum.event.slug}
    )
    assert forum.event.start.year == coming_year


def test_the_planner_page_refuses_an_unknown_suggestion(client):
    host, staff = staffed_host()
    client.force_login(staff)
    response = client.post(reverse("outcomes:planner_draft", args=[host.slug]), {"key": "x"})
    assert response["Location"] == reverse("outcomes:planner", args=[host.slug])
    assert PlannedForum.objects.count() == 0


def test_inviting_needs_a_published_event_then_mails_each_company_once(cold_chain):
    host, staff = staffed_host()
    members = [CompanyMembershipFactory() for _ in range(2)]
    forum = PlannedForum.objects.create(
        event=Event.objects.create(
            host=host,
            slug="planned",
            title="冷链专题座谈会",
            start=local(2026, 7, 15, 14),
            end=local(2026, 7, 15, 17),
            visibility=Event.Visibility.INVITE,
            invitation_code="secret",
        ),
        host=host,
        key="topic:cold-chain-test:q3",
    )
    forum.companies.set([m.company for m in members])
    with pytest.raises(ValidationError) as caught:
        planned_forum_invite(forum=forum, by=staff)
    assert caught.value.code == "not_published"
    Event.objects.filter(pk=forum.event_id).update(status=Event.Status.PUBLISHED)
    assert planned_forum_invite(forum=forum, by=staff) == 2
    assert planned_forum_invite(forum=forum, by=staff) == 0
    assert ForumInvitation.objects.count() == 2
    assert mail.outbox == []  # sent after commit

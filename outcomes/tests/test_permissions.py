"""Every outcomes URL and predicate for every actor of conftest.ACTORS (STYLE.md rule 18):
a host's outcomes, report and planner are its staff's; surveys open with their signed link."""

import pytest
from django.db import transaction
from django.urls import reverse

from conftest import ACTORS
from events.tests.factories import EventFactory
from needs.models import Need
from outcomes import permissions as perms
from outcomes import urls as outcomes_urls
from outcomes.models import FollowUp, PlannedForum
from outcomes.tests.factories import FeedbackRequestFactory, FollowUpFactory
from profiles.tests.factories import CompanyMembershipFactory

STAFF = {"host_staff", "host_owner", "superuser"}
EVERYONE = set(ACTORS)


def _host(w):
    return {"slug": w.host.slug}


# name → (method, kwargs(world), data, allowed actors, status when allowed)
MATRIX = {
    "dashboard": ("get", _host, {}, STAFF, 200),
    "chart_xlsx": ("get", lambda w: {**_host(w), "key": "registrations"}, {}, STAFF, 200),
    "report": ("get", _host, {"month": "2026-06", "format": "xlsx"}, STAFF, 200),
    "planner": ("get", _host, {}, STAFF, 200),
    "planner_draft": ("post", _host, {"key": "topic:none:q1"}, STAFF, 302),
    "planned_forum_invite": ("post", lambda w: {**_host(w), "pk": w.forum.pk}, {}, STAFF, 302),
    "feedback": ("get", lambda w: {"token": perms.survey_token(w.feedback)}, {}, EVERYONE, 200),
    "followup": ("get", lambda w: {"token": perms.survey_token(w.followup)}, {}, EVERYONE, 200),
}


@pytest.fixture
def outcomes_world(world):
    w = world
    w.forum = PlannedForum.objects.create(event=EventFactory(host=w.host), host=w.host, key="k")
    w.other_forum = PlannedForum.objects.create(
        event=EventFactory(host=w.other_host), host=w.other_host, key="k"
    )
    w.feedback = FeedbackRequestFactory(event=w.event, user=w.actor("attendee"))
    w.followup = FollowUpFactory(user=w.actor("enterprise"))
    return w


def test_matrix_covers_every_outcomes_url():
    assert {p.name for p in outcomes_urls.urlpatterns} == set(MATRIX)


def _answer(response):
    if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
        return "login"
    return response.status_code


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_outcomes_url_answers_by_actor(outcomes_world, client, name):
    method, kwargs, data, allowed, ok = MATRIX[name]
    url = reverse(f"outcomes:{name}", kwargs=kwargs(outcomes_world))
    expected, answers = {}, {}
    for actor in ACTORS:
        if actor in allowed:
            expected[actor] = ok
        else:
            expected[actor] = "login" if actor == "anonymous" else 404
        with transaction.atomic():
            client.logout()
            if (user := outcomes_world.actor(actor)) is not None:
                client.force_login(user)
            answers[actor] = _answer(getattr(client, method)(url, data))
            transaction.set_rollback(True)
    assert answers == expected


def test_staff_cannot_reach_another_hosts_forum_through_their_own_host(outcomes_world, client):
    client.force_login(outcomes_world.actor("host_staff"))
    url = reverse(
        "outcomes:planned_forum_invite",
        kwargs={"slug": outcomes_world.host.slug, "pk": outcomes_world.other_forum.pk},
    )
    assert client.post(url).status_code == 404


def test_staff_cannot_open_another_hosts_event_dashboard(outcomes_world, client):
    client.force_login(outcomes_world.actor("host_staff"))
    other_event = EventFactory(host=outcomes_world.other_host)
    url = reverse("outcomes:dashboard", kwargs={"slug": outcomes_world.host.slug})
    assert client.get(url, {"event": other_event.slug}).status_code == 404


@pytest.mark.parametrize("token", ["nonsense", "MTI:1abc:def", "1" * 300])
def test_survey_links_that_were_not_signed_by_us_are_404(client, token):
    assert client.get(reverse("outcomes:feedback", args=[token])).status_code == 404
    assert client.get(reverse("outcomes:followup", args=[token])).status_code == 404


def test_a_feedback_key_does_not_open_a_follow_up(outcomes_world, client):
    token = perms.survey_token(outcomes_world.feedback)
    assert client.get(reverse("outcomes:followup", args=[token])).status_code == 404


def test_survey_link_expires(outcomes_world, client, settings):
    token = perms.survey_token(outcomes_world.feedback)
    settings.OUTCOME_LINK_DAYS = 0
    assert client.get(reverse("outcomes:feedback", args=[token])).status_code == 404


PREDICATES = {"can_view_outcomes": STAFF, "can_plan_forums": STAFF}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("predicate", sorted(PREDICATES))
def test_host_predicate_by_actor(world, predicate, actor):
    check = getattr(perms, predicate)
    assert check(world.actor(actor), world.host) == (actor in PREDICATES[predicate])
    assert check(world.actor(actor), world.other_host) == (
        actor in {"other_host_staff", "superuser"}
    )


@pytest.mark.parametrize("actor", ACTORS)
def test_invite_predicate_by_actor(outcomes_world, actor):
    user = outcomes_world.actor(actor)
    assert perms.can_invite_to_planned_forum(user, outcomes_world.forum) == (actor in STAFF)


def test_only_the_company_side_may_mark_an_open_need_resolved(outcomes_world):
    followup = outcomes_world.followup
    need = followup.need
    CompanyMembershipFactory(company=need.company, user=followup.user)
    assert perms.can_mark_need_resolved(followup) is True
    followup.side = FollowUp.Side.EXPERT
    assert perms.can_mark_need_resolved(followup) is False
    followup.side = FollowUp.Side.COMPANY
    need.status = Need.Status.CLOSED
    assert perms.can_mark_need_resolved(followup) is False


def test_someone_who_left_the_company_may_not_mark_its_need_resolved(outcomes_world):
    assert perms.can_mark_need_resolved(outcomes_world.followup) is False

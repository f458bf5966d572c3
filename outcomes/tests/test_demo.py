"""The demo host's outcomes: two years of seasons the planner finds, past forums with
feedback and follow-ups, a dashboard with something in every chart."""

import io

import pytest
from django.core.management import call_command

from hosts.demo import HOST_SLUG
from hosts.models import Host
from needs.models import Need
from outcomes.models import FeedbackRequest, FollowUp
from outcomes.periods import host_zone, period_parse
from outcomes.selectors.figures import host_figures
from outcomes.selectors.planner import seasonal_plan

pytestmark = [pytest.mark.slow, pytest.mark.django_db]  # seed_demo

# The topics the demo's seasons put in each quarter (outcomes/demo.py).
SEASON_TOPICS = {
    1: {"人才引进", "人才政策"},
    2: {"供应链金融", "工业废水"},
    3: {"冷链物流", "储能"},
    4: {"上市辅导", "防腐涂层"},
}


def test_demo_gives_the_planner_and_the_dashboard_real_shapes():
    call_command("seed_demo", stdout=io.StringIO())
    host = Host.objects.get(slug=HOST_SLUG)
    plan = seasonal_plan(host=host)
    suggested = {p.label for p in plan.suggestions if p.dimension == "topic"}
    assert SEASON_TOPICS[plan.coming[1]] <= suggested
    assert all(p.kind == "recurring" for p in plan.suggestions if p.label in suggested)
    assert not Need.objects.filter(
        host=host, title__contains="往年需求", status__in=Need.OPEN_STATUSES
    ).exists()
    assert FeedbackRequest.objects.filter(answered_at__isnull=False).count() > 20
    assert FollowUp.objects.filter(host=host, answered_at__isnull=False).count() > 20
    year = period_parse(first=None, last=None, zone=host_zone(host))
    figures = host_figures(host=host, period=year)
    assert figures["events"]["count"] >= 3
    assert figures["matching"]["meetings_held"] > 0
    assert figures["needs"]["total"] > 16

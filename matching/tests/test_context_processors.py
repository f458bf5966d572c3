"""Introductions in the site menu: how many wait for the person's answer, counted once."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from matching.context_processors import introductions
from matching.models import Introduction
from matching.tests.factories import IntroductionFactory
from needs.tests.factories import NeedFactory
from profiles.tests.factories import CompanyMembershipFactory, ExpertProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert():
    return ExpertProfileFactory(user=UserFactory(role=UserRole.EXPERT))


def _waiting_for_expert(expert, n):
    return [IntroductionFactory(expert=expert) for _i in range(n)]


def test_pending_count_for_the_expert_and_the_company(expert):
    _waiting_for_expert(expert, 2)
    IntroductionFactory(expert=expert, status=Introduction.Status.ACCEPTED)
    member = CompanyMembershipFactory(user=UserFactory(role=UserRole.ENTERPRISE))
    offer = IntroductionFactory(
        need=NeedFactory(company=member.company),
        expert=expert,
        initiator=Introduction.Initiator.EXPERT,
        company_accepted_at=None,
        expert_accepted_at=timezone.now(),
    )
    request = RequestFactory().get("/")
    request.user = expert.user
    assert introductions(request)["nav_pending_introductions"]() == 2
    request = RequestFactory().get("/")
    request.user = member.user
    assert introductions(request)["nav_pending_introductions"]() == 1
    assert offer.status == Introduction.Status.PENDING


def test_pending_count_is_one_query_once_per_request(expert, django_assert_num_queries):
    _waiting_for_expert(expert, 3)
    request = RequestFactory().get("/")
    request.user = expert.user
    count = introductions(request)["nav_pending_introductions"]
    with django_assert_num_queries(1):
        assert (count(), count()) == (3, 3)


@pytest.mark.parametrize("size", [1, 3])
def test_menu_shows_the_count_to_an_expert(client, expert, size):
    _waiting_for_expert(expert, size)
    client.force_login(expert.user)
    text = client.get(reverse("needs:need_board")).content.decode()
    assert f'<span class="badge nav-count" title="{size} 个引荐等待您答复"' in text
    assert f'href="{reverse("matching:introductions")}" class="nav-introductions"' in text


def test_menu_has_no_introductions_for_a_guest(client):
    client.force_login(UserFactory(role=UserRole.GUEST))
    assert "nav-introductions" not in client.get(reverse("needs:need_board")).content.decode()


def test_an_expert_at_their_limit_still_reaches_their_introductions(client, expert):
    expert.max_active_engagements = 0
    expert.save()
    intro = IntroductionFactory(expert=expert, status=Introduction.Status.ACCEPTED)
    client.force_login(expert.user)
    page = client.get(reverse("matching:expert_needs")).content.decode()
    assert f'href="{reverse("matching:introductions")}"' in page
    response = client.get(reverse("matching:introductions"))
    assert [row["intro"] for row in response.context["rows"]] == [intro]

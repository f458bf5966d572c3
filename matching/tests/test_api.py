import pytest

from accounts.tests.factories import UserFactory
from matching.models import Introduction
from matching.tests.factories import IntroductionFactory
from needs.tests.factories import NeedFactory
from profiles.tests.factories import CompanyMembershipFactory, ExpertProfileFactory


@pytest.fixture
def pair(db):
    member = CompanyMembershipFactory()
    need = NeedFactory(company=member.company)
    expert = ExpertProfileFactory(user=UserFactory(), email="expert@uni.example")
    return {"member": member.user, "need": need, "expert": expert}


def test_company_member_requests_an_introduction(client, pair):
    client.force_login(pair["member"])
    response = client.post(
        "/api/v1/introductions/",
        {"need": pair["need"].pk, "expert": pair["expert"].pk, "message": "想请教膜技术"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    assert response.json()["contact"] is None


def test_contact_appears_only_after_both_accept(client, pair):
    intro = IntroductionFactory(need=pair["need"], expert=pair["expert"])
    client.force_login(pair["expert"].user)
    response = client.post(f"/api/v1/introductions/{intro.pk}/accept/")
    assert response.json()["status"] == "accepted"
    assert response.json()["contact"]["expert_email"] == "expert@uni.example"
    assert response.json()["contact"]["company_emails"] == [pair["member"].email]


def test_decline_with_a_reason(client, pair):
    intro = IntroductionFactory(need=pair["need"], expert=pair["expert"])
    client.force_login(pair["expert"].user)
    response = client.post(
        f"/api/v1/introductions/{intro.pk}/decline/",
        {"reason": "不在我的领域"},
        content_type="application/json",
    )
    assert response.json()["status"] == "declined"
    assert response.json()["decline_reason"] == "不在我的领域"


def test_a_stranger_request_is_404_like_a_missing_need(client, pair):
    client.force_login(UserFactory())
    forbidden = client.post(
        "/api/v1/introductions/",
        {"need": pair["need"].pk, "expert": pair["expert"].pk},
        content_type="application/json",
    )
    missing = client.post(
        "/api/v1/introductions/",
        {"need": pair["need"].pk + 1000, "expert": pair["expert"].pk},
        content_type="application/json",
    )
    assert (forbidden.status_code, forbidden.json()) == (missing.status_code, missing.json())
    assert forbidden.status_code == 404
    assert Introduction.objects.count() == 0


def test_someone_elses_introduction_is_404(client, pair):
    intro = IntroductionFactory(need=pair["need"], expert=pair["expert"])
    client.force_login(UserFactory())
    response = client.post(f"/api/v1/introductions/{intro.pk}/accept/")
    assert response.status_code == 404
    assert Introduction.objects.get(pk=intro.pk).status == "pending"


@pytest.mark.parametrize("count", [1, 3])
def test_list_runs_a_constant_number_of_queries(client, pair, django_assert_num_queries, count):
    for _ in range(count):
        IntroductionFactory(need=pair["need"], expert=ExpertProfileFactory(user=UserFactory()))
    client.force_login(pair["member"])
    with django_assert_num_queries(6):
        response = client.get("/api/v1/introductions/")
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_page_runs_a_constant_number_of_queries(client, pair, django_assert_num_queries, count):
    for _ in range(count):
        IntroductionFactory(need=pair["need"], expert=ExpertProfileFactory(user=UserFactory()))
    client.force_login(pair["member"])
    with django_assert_num_queries(7):
        response = client.get("/matching/introductions/")
    assert len(response.context["rows"]) == count

"""Pages and API of suggestions: what each side sees, in its language, in constant queries."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from events.models import Registration
from events.tests.factories import EventFactory, RegistrationFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostFactory, HostMembershipFactory
from matching.models import Introduction, Suggestion
from matching.services.suggestions import suggestions_refresh
from matching.tests.factories import IntroductionFactory
from needs.models import Need
from needs.tests.factories import submitted_need
from profiles.models import Visibility
from profiles.services import expert_profile_save, expert_terms_refresh
from profiles.tests.factories import CompanyMembershipFactory, ExpertProfileFactory

pytestmark = pytest.mark.django_db


def _experts(count):
    out = []
    for i in range(count):
        data = {
            "name": f"专家{i}",
            "institution": "山东大学",
            "fields_text": "污水处理, 膜分离技术",
        }
        out.append(expert_profile_save(user=UserFactory(), data=data))
    return out


@pytest.fixture
def desk():
    host = HostFactory()
    staff = HostMembershipFactory(host=host, role=HostMembership.Role.STAFF).user
    member = CompanyMembershipFactory()
    need = submitted_need(
        company=member.company,
        title="高氨氮废水处理",
        description="希望引进膜分离技术处理污水",
        category=Need.Category.TECHNOLOGY,
        host=host,
    )
    return {"host": host, "staff": staff, "member": member.user, "need": need}


@pytest.mark.parametrize("count", [1, 3])
def test_need_suggestions_page_in_constant_queries(desk, client, django_assert_num_queries, count):
    _experts(count)
    suggestions_refresh()
    client.force_login(desk["member"])
    url = reverse("matching:need_suggestions", args=[desk["need"].pk])
    with django_assert_num_queries(11):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.content.decode().count("Ask for an introduction") == count
    text = response.content.decode()
    assert "Shared field: Membrane separation" in text, text[text.find("reasons") :][:600]


def test_need_suggestions_hide_unclaimed_experts_from_the_company(desk, client):
    joined = _experts(1)[0]
    imported = ExpertProfileFactory(name="赵未加入", fields_text="污水处理", claimed_at=None)
    expert_terms_refresh(imported)
    suggestions_refresh()
    client.force_login(desk["member"])
    page = client.get(reverse("matching:need_suggestions", args=[desk["need"].pk]))
    assert joined.name in page.content.decode()
    assert "赵未加入" not in page.content.decode()
    client.force_login(desk["staff"])
    page = client.get(
        reverse("matching:need_suggestions", args=[desk["need"].pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = page.content.decode()
    assert "赵未加入" in text
    assert "not yet joined — reach offline" in text
    assert text.count("Propose this introduction") == 1  # not for the expert who has not joined


def test_company_asks_for_an_introduction_from_the_suggestions_page(desk, client):
    expert = _experts(1)[0]
    suggestions_refresh()
    client.force_login(desk["member"])
    url = reverse("matching:need_suggestions", args=[desk["need"].pk])
    response = client.post(
        reverse("matching:introduction_new", args=[desk["need"].pk]),
        {"expert": expert.pk, "message": "", "next": url},
    )
    assert response["Location"] == url
    intro = Introduction.objects.get()
    assert (intro.need, intro.expert, intro.initiator) == (desk["need"], expert, "company")
    assert "Waiting for an answer" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_introduction_redirect_refuses_other_sites(desk, client):
    expert = _experts(1)[0]
    client.force_login(desk["member"])
    response = client.post(
        reverse("matching:introduction_new", args=[desk["need"].pk]),
        {"expert": expert.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("matching:introductions")


@pytest.mark.parametrize("count", [1, 3])
def test_expert_needs_page_in_constant_queries(client, django_assert_num_queries, count):
    expert = _experts(1)[0]
    for i in range(count):
        submitted_need(title=f"污水处理需求{i}", description="膜分离技术", category="technology")
    suggestions_refresh()
    client.force_login(expert.user)
    with django_assert_num_queries(8):
        response = client.get(reverse("matching:expert_needs"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.content.decode().count("Offer help") == count


def test_expert_offers_help_from_the_needs_page(desk, client):
    expert = _experts(1)[0]
    suggestions_refresh()
    client.force_login(expert.user)
    client.post(
        reverse("matching:introduction_new", args=[desk["need"].pk]),
        {"expert": expert.pk, "next": reverse("matching:expert_needs")},
    )
    assert Introduction.objects.get().initiator == "expert"
    page = client.get(reverse("matching:expert_needs"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Offer help" not in page.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_event_matrix_in_constant_queries(desk, client, django_assert_num_queries, count):
    event = EventFactory(host=desk["host"])
    experts = _experts(count)
    for expert in experts:
        RegistrationFactory(event=event, user=expert.user, status=Registration.Status.CONFIRMED)
    RegistrationFactory(event=event, user=desk["member"], status=Registration.Status.CONFIRMED)
    suggestions_refresh()
    IntroductionFactory(need=desk["need"], expert=experts[0], status=Introduction.Status.ACCEPTED)
    client.force_login(desk["staff"])
    with django_assert_num_queries(10):
        response = client.get(reverse("matching:event_matrix", args=[event.slug]))
    assert response.context["pairs"] == count
    assert response.context["rows"][0]["cells"][0]["accepted"] is True


def test_staff_refresh_button_recomputes(desk, client):
    _experts(2)
    client.force_login(desk["staff"])
    url = reverse("matching:need_suggestions", args=[desk["need"].pk])
    response = client.post(reverse("matching:suggestions_refresh"), {"next": url})
    assert response["Location"] == url
    assert Suggestion.objects.filter(need=desk["need"]).count() == 2


@pytest.mark.parametrize("count", [1, 3])
def test_need_suggestions_api_in_constant_queries(desk, client, django_assert_num_queries, count):
    _experts(count)
    suggestions_refresh()
    client.force_login(desk["member"])
    with django_assert_num_queries(9):
        response = client.get(
            f"/api/v1/matching/needs/{desk['need'].pk}/suggestions/", HTTP_ACCEPT_LANGUAGE="en"
        )
    results = response.json()["results"]
    assert len(results) == count
    assert set(results[0]) == {
        "expert_id",
        "name",
        "institution",
        "rank",
        "score",
        "rules",
        "reasons",
        "joined",
    }
    assert "Shared field: Membrane separation" in results[0]["reasons"]


@pytest.mark.parametrize("count", [1, 3])
def test_expert_suggestions_api_in_constant_queries(client, django_assert_num_queries, count):
    expert = _experts(1)[0]
    for i in range(count):
        submitted_need(title=f"污水处理需求{i}", description="膜分离技术", category="technology")
    suggestions_refresh()
    client.force_login(expert.user)
    with django_assert_num_queries(7):
        response = client.get(f"/api/v1/matching/experts/{expert.pk}/suggestions/")
    results = response.json()["results"]
    assert len(results) == count
    assert results[0]["reasons"][0].startswith("共同领域")


# --- Experts visible to organizers only -------------------------------------------------------


@pytest.fixture
def hidden(desk):
    shown, hidden = _experts(2)
    hidden.visibility = Visibility.ORGANIZERS
    hidden.save(update_fields=["visibility"])
    suggestions_refresh()
    return {"shown": shown, "hidden": hidden}


def test_company_is_never_shown_an_expert_visible_to_organizers_only(desk, hidden, client):
    client.force_login(desk["member"])
    page = client.get(reverse("matching:need_suggestions", args=[desk["need"].pk]))
    need_page = client.get(reverse("needs:need_detail", args=[desk["need"].pk]))
    api = client.get(f"/api/v1/matching/needs/{desk['need'].pk}/suggestions/")
    assert [r["expert_id"] for r in api.json()["results"]] == [hidden["shown"].pk]
    for response in (page, need_page):
        text = response.content.decode()
        assert (hidden["shown"].name in text, hidden["hidden"].name in text) == (True, False)


def test_desk_still_sees_an_expert_visible_to_organizers_only(desk, hidden, client):
    client.force_login(desk["staff"])
    page = client.get(
        reverse("matching:need_suggestions", args=[desk["need"].pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    api = client.get(f"/api/v1/matching/needs/{desk['need'].pk}/suggestions/")
    assert sorted(r["expert_id"] for r in api.json()["results"]) == sorted(
        [hidden["shown"].pk, hidden["hidden"].pk]
    )
    assert page.content.decode().count("organizers only") == 1


def test_company_cannot_request_an_expert_visible_to_organizers_only(desk, hidden, client):
    client.force_login(desk["member"])
    page = client.post(
        reverse("matching:introduction_new", args=[desk["need"].pk]),
        {"expert": hidden["hidden"].pk, "message": ""},
    )
    api = client.post(
        "/api/v1/introductions/",
        {"need": desk["need"].pk, "expert": hidden["hidden"].pk},
        content_type="application/json",
    )
    assert (page.status_code, api.status_code) == (404, 404)
    assert api.json() == {"detail": api.json()["detail"], "code": "not_found"}
    assert Introduction.objects.count() == 0


def test_desk_may_propose_an_expert_visible_to_organizers_only(desk, hidden, client):
    client.force_login(desk["staff"])
    client.post(
        reverse("matching:introduction_new", args=[desk["need"].pk]),
        {"expert": hidden["hidden"].pk, "message": ""},
    )
    intro = Introduction.objects.get()
    assert (intro.expert, intro.initiator, intro.host) == (hidden["hidden"], "staff", desk["host"])


# --- The need's page: the best three, the rest a click away --------------------------------------


def test_need_page_shows_the_best_three_and_links_to_all(desk, client):
    experts = _experts(4)
    suggestions_refresh()
    client.force_login(desk["member"])
    response = client.get(
        reverse("needs:need_detail", args=[desk["need"].pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = response.content.decode()
    assert text.count('class="suggestion"') == 3
    assert text.count('<details class="request-box">') == 3
    assert text.count('<details class="score-details">') == 3
    assert "See all 4 suggestions" in text
    assert sum(e.name in text for e in experts) == 3


def test_need_page_says_when_suggestions_are_few(desk, client):
    _experts(1)
    suggestions_refresh()
    client.force_login(desk["member"])
    response = client.get(
        reverse("needs:need_detail", args=[desk["need"].pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = response.content.decode()
    assert "Only one expert fits this need so far." in text
    assert "See the suggestion" in text


def test_need_page_says_when_there_are_none_in_chinese(desk, client):
    client.force_login(desk["member"])
    response = client.get(
        reverse("needs:need_detail", args=[desk["need"].pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    text = response.content.decode()
    assert "暂时还没有足够契合这项需求的专家" in text
    assert 'class="suggestion"' not in text


def test_need_page_has_no_suggestions_for_other_viewers(desk, client):
    _experts(1)
    suggestions_refresh()
    client.force_login(HostMembershipFactory().user)
    response = client.get(reverse("needs:need_detail", args=[desk["need"].pk]))
    assert "suggestions-heading" not in response.content.decode()

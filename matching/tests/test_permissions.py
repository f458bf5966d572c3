"""Every matching URL for every actor (STYLE.md rule 18)."""

import pytest
from django.urls import reverse

from conftest import ACTORS
from matching import urls as matching_urls
from matching.engine.rules import DEFAULT_WEIGHTS
from matching.models import RuleOverride, Suggestion
from matching.permissions import can_view_need_introductions
from matching.tests.factories import IntroductionFactory
from needs.tests.factories import NeedFactory

# url name → {actor: expected status}; an introduction requested by the enterprise's company
# and waiting for the expert.
EXPECTED = {
    "introductions": {a: 200 for a in ACTORS} | {"anonymous": 302},
    "introduction_new": {a: 302 for a in ACTORS},
    "introduction_accept": {a: 302 for a in ACTORS}
    | {"user": 404, "attendee": 404, "host_staff": 404, "host_owner": 404, "other_host_staff": 404},
    "introduction_decline": {a: 302 for a in ACTORS}
    | {"user": 404, "attendee": 404, "host_staff": 404, "host_owner": 404, "other_host_staff": 404},
    "need_suggestions": {a: 404 for a in ACTORS}
    | {"anonymous": 302, "enterprise": 200, "host_staff": 200, "host_owner": 200, "superuser": 200},
    "expert_needs": {a: 404 for a in ACTORS} | {"anonymous": 302, "expert": 200},
    "suggestions_refresh": {a: 404 for a in ACTORS}
    | {"anonymous": 302, "host_staff": 302, "host_owner": 302, "other_host_staff": 302}
    | {"superuser": 302},
    "event_matrix": {a: 404 for a in ACTORS}
    | {"anonymous": 302, "host_staff": 200, "host_owner": 200, "superuser": 200},
    "host_rules": {a: 404 for a in ACTORS}
    | {"anonymous": 302, "host_staff": 200, "host_owner": 200, "superuser": 200},
}
GET_NAMES = {"introductions", "need_suggestions", "expert_needs", "event_matrix", "host_rules"}
API_NEED_SUGGESTIONS = {a: 404 for a in ACTORS} | {
    "anonymous": 403,
    "enterprise": 200,
    "host_staff": 200,
    "host_owner": 200,
    "superuser": 200,
}
API_EXPERT_SUGGESTIONS = {a: 404 for a in ACTORS} | {
    "anonymous": 403,
    "expert": 200,
    "host_staff": 200,
    "host_owner": 200,
    "other_host_staff": 200,
    "superuser": 200,
}
API_ACCEPT = {a: 404 for a in ACTORS} | {
    "anonymous": 403,
    "expert": 200,
    "enterprise": 400,
    "superuser": 400,
}


@pytest.fixture
def intro(world):
    need = NeedFactory(company=world.company, host=world.host)
    Suggestion.objects.create(need=need, expert=world.expert_profile, rank=1, score=0.5)
    return IntroductionFactory(need=need, expert=world.expert_profile)


def test_every_matching_url_is_in_the_matrix():
    # Meetings and round tables have their own matrix (meetings/tests/test_permissions.py).
    assert {p.name for p in matching_urls.urlpatterns} == set(EXPECTED)


def _url(name, intro, world):
    if name == "introductions":
        return reverse("matching:introductions")
    if name in ("introduction_new", "need_suggestions"):
        return reverse(f"matching:{name}", args=[intro.need_id])
    if name in ("expert_needs", "suggestions_refresh"):
        return reverse(f"matching:{name}")
    if name == "event_matrix":
        return reverse("matching:event_matrix", args=[world.event.slug])
    if name == "host_rules":
        return reverse("matching:host_rules", args=[world.host.slug])
    return reverse(f"matching:{name}", args=[intro.pk])


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_matching_page_matrix(world, intro, client_for, name, actor):
    client = client_for(world.actor(actor))
    url = _url(name, intro, world)
    response = client.get(url) if name in GET_NAMES else client.post(url)
    expected = EXPECTED[name][actor]
    assert response.status_code == expected
    if expected == 302 and actor == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("actor", ACTORS)
def test_introduction_accept_api_matrix(world, intro, client_for, actor):
    client = client_for(world.actor(actor))
    response = client.post(f"/api/v1/introductions/{intro.pk}/accept/")
    assert response.status_code == API_ACCEPT[actor]
    intro.refresh_from_db()
    assert intro.status == ("accepted" if actor == "expert" else "pending")


@pytest.mark.parametrize("actor", ACTORS)
def test_need_suggestions_api_matrix(world, intro, client_for, actor):
    client = client_for(world.actor(actor))
    response = client.get(f"/api/v1/matching/needs/{intro.need_id}/suggestions/")
    assert response.status_code == API_NEED_SUGGESTIONS[actor]
    if response.status_code == 200:
        assert [r["expert_id"] for r in response.json()["results"]] == [world.expert_profile.pk]


@pytest.mark.parametrize("actor", ACTORS)
def test_expert_suggestions_api_matrix(world, intro, client_for, actor):
    client = client_for(world.actor(actor))
    response = client.get(f"/api/v1/matching/experts/{world.expert_profile.pk}/suggestions/")
    assert response.status_code == API_EXPERT_SUGGESTIONS[actor]
    if response.status_code == 200:
        assert [r["need_id"] for r in response.json()["results"]] == [intro.need_id]


@pytest.mark.parametrize("actor", ACTORS)
def test_need_introductions_block_predicate(world, actor):
    need = NeedFactory(company=world.company, host=world.host)
    expected = actor in {"enterprise", "host_staff", "host_owner", "superuser"}
    assert can_view_need_introductions(world.actor(actor), need) is expected


# The host's rules, on the page (POST: save) and in the API (read, save, reset, preview).
TUNES = {"host_staff", "host_owner", "superuser"}
RULES_BODY = {"rules": [{"name": "topic", "weight": 0.9, "enabled": True}]}


@pytest.mark.parametrize("actor", ACTORS)
def test_host_rules_save_page_matrix(world, client_for, actor):
    client = client_for(world.actor(actor))
    data = {f"weight_{rule}": w for rule, w in DEFAULT_WEIGHTS.items()} | {"action": "save"}
    data |= {f"enabled_{rule}": "on" for rule in DEFAULT_WEIGHTS} | {"weight_topic": "0.9"}
    response = client.post(reverse("matching:host_rules", args=[world.host.slug]), data)
    expected = 302 if actor in TUNES or actor == "anonymous" else 404
    assert response.status_code == expected
    saved = list(RuleOverride.objects.values_list("host_id", "rule", "weight"))
    assert saved == ([(world.host.pk, "topic", 0.9)] if actor in TUNES else [])


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "rules/"), ("put", "rules/"), ("delete", "rules/"), ("post", "rules/preview/")],
)
def test_host_rules_api_matrix(world, client_for, actor, method, path):
    RuleOverride.objects.create(host=world.host, rule="form", weight=0.2)
    client = client_for(world.actor(actor))
    url = f"/api/v1/matching/hosts/{world.host.slug}/{path}"
    response = getattr(client, method)(url, RULES_BODY, content_type="application/json")
    expected = 200 if actor in TUNES else 403 if actor == "anonymous" else 404
    assert response.status_code == expected
    if expected != 200:
        assert response.json()["code"] in {"not_authenticated", "not_found"}
    rows = set(RuleOverride.objects.values_list("rule", "weight"))
    if actor in TUNES and method == "put":
        assert rows == {("topic", 0.9)}
    elif actor in TUNES and method == "delete":
        assert rows == set()
    else:
        assert rows == {("form", 0.2)}


@pytest.mark.parametrize("actor", ACTORS)
def test_other_hosts_rules_are_not_found_for_this_hosts_staff(world, client_for, actor):
    client = client_for(world.actor(actor))
    page = client.get(reverse("matching:host_rules", args=[world.other_host.slug]))
    api = client.get(f"/api/v1/matching/hosts/{world.other_host.slug}/rules/")
    mine = actor in {"other_host_staff", "superuser"}
    assert page.status_code == (200 if mine else 302 if actor == "anonymous" else 404)
    assert api.status_code == (200 if mine else 403 if actor == "anonymous" else 404)


# --- Who may propose an introduction (POST /api/v1/introductions/) ----------------------------
# A need of the world's host, the enterprise's company, and an expert the enterprise may see.
# "host_staff"/"host_owner" propose as their host; "other_host_staff" tries with their own host
# and gets the same 404 as a missing need; the superuser is desk everywhere.
PROPOSE_PUBLIC = {a: 404 for a in ACTORS} | {
    "anonymous": 403,
    "expert": 201,  # offers help on a public need they see
    "enterprise": 201,  # asks for the expert
    "host_staff": 201,
    "host_owner": 201,
    "superuser": 201,
}
# On a restricted need, the expert's offer needs the need seen first: 404 like a missing one.
PROPOSE_RESTRICTED = PROPOSE_PUBLIC | {"expert": 404}


def _propose(client, world, actor, need, expert):
    body = {"need": need.pk, "expert": expert.pk}
    if actor in ("host_staff", "host_owner", "superuser"):
        body["host"] = world.host.slug
    if actor == "other_host_staff":
        body["host"] = world.other_host.slug
    return client.post("/api/v1/introductions/", body, content_type="application/json")


@pytest.mark.parametrize("visibility", ["public", "restricted"])
@pytest.mark.parametrize("actor", ACTORS)
def test_propose_introduction_api_matrix(world, client_for, actor, visibility):
    from matching.models import Introduction

    need = NeedFactory(company=world.company, host=world.host, visibility=visibility)
    expected = (PROPOSE_PUBLIC if visibility == "public" else PROPOSE_RESTRICTED)[actor]
    response = _propose(client_for(world.actor(actor)), world, actor, need, world.expert_profile)
    assert response.status_code == expected
    created = list(Introduction.objects.values_list("need_id", "expert_id", "created_by_id"))
    if expected == 201:
        user = world.actor(actor)
        assert created == [(need.pk, world.expert_profile.pk, user.pk)]
        assert response.json()["need_title"] == need.title
    else:
        assert created == []
        assert need.title not in response.content.decode()


@pytest.mark.parametrize("actor", ACTORS)
def test_propose_introduction_page_matrix(world, client_for, actor):
    """The page answers like the API: a redirect when proposed, 404 when not allowed."""
    from matching.models import Introduction

    need = NeedFactory(company=world.company, host=world.host, visibility="restricted")
    response = client_for(world.actor(actor)).post(
        reverse("matching:introduction_new", args=[need.pk]), {"expert": world.expert_profile.pk}
    )
    expected = {201: 302, 403: 302, 404: 404}[PROPOSE_RESTRICTED[actor]]
    assert response.status_code == expected
    assert Introduction.objects.count() == (1 if PROPOSE_RESTRICTED[actor] == 201 else 0)


def test_other_host_staff_cannot_propose_on_a_need_without_their_host(world, client_for):
    """Another host's staff proposing as themselves on this host's need: 404, nothing written."""
    from matching.models import Introduction

    need = NeedFactory(company=world.company, host=world.host)
    client = client_for(world.actor("other_host_staff"))
    response = client.post(
        "/api/v1/introductions/",
        {"need": need.pk, "expert": world.expert_profile.pk},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert Introduction.objects.count() == 0


def test_company_asking_for_an_unclaimed_expert_is_404_like_a_missing_one(world, client_for):
    from profiles.tests.factories import ExpertProfileFactory

    need = NeedFactory(company=world.company, host=world.host)
    unclaimed = ExpertProfileFactory(user=None, claimed_at=None, imported_by=world.host)
    client = client_for(world.actor("enterprise"))
    unclaimed_answer = _propose(client, world, "enterprise", need, unclaimed)
    missing = ExpertProfileFactory.build(pk=unclaimed.pk + 1000)
    missing_answer = _propose(client, world, "enterprise", need, missing)
    assert unclaimed_answer.status_code == missing_answer.status_code == 404
    assert unclaimed_answer.json() == missing_answer.json()


def test_an_offer_of_help_does_not_open_a_restricted_need(world, client_for):
    """Walking need ids with offers reveals nothing: each answers 404 and the expert still
    does not see the need."""
    from needs.permissions import can_view_need

    needs = [NeedFactory(company=world.company, visibility="restricted") for _ in range(3)]
    client = client_for(world.actor("expert"))
    answers = [_propose(client, world, "expert", n, world.expert_profile) for n in needs]
    assert [a.status_code for a in answers] == [404, 404, 404]
    assert [can_view_need(world.actor("expert"), n) for n in needs] == [False, False, False]
    for need in needs:
        assert client.get(f"/api/v1/needs/{need.pk}/").status_code == 404


def test_an_expert_introduced_by_staff_sees_the_restricted_need(world, client_for):
    need = NeedFactory(company=world.company, host=world.host, visibility="restricted")
    staff = client_for(world.actor("host_staff"))
    assert _propose(staff, world, "host_staff", need, world.expert_profile).status_code == 201
    expert = client_for(world.actor("expert"))
    assert expert.get(f"/api/v1/needs/{need.pk}/").json()["title"] == need.title


def test_other_hosts_unclaimed_expert_suggestions_are_404(world, client_for):
    from profiles.tests.factories import ExpertProfileFactory

    unclaimed = ExpertProfileFactory(user=None, claimed_at=None, imported_by=world.host)
    own = client_for(world.actor("host_staff"))
    assert own.get(f"/api/v1/matching/experts/{unclaimed.pk}/suggestions/").status_code == 200
    other = client_for(world.actor("other_host_staff"))
    response = other.get(f"/api/v1/matching/experts/{unclaimed.pk}/suggestions/")
    assert response.status_code == 404

import datetime as dt

import pytest
from django.utils import timezone

from conftest import ACTORS
from needs import api_urls as needs_api_urls
from needs.models import Need
from needs.services import need_rate, need_transition
from needs.tests.factories import submitted_need
from profiles.tests.factories import CompanyFactory

S = Need.Status
DESK = {"host_staff", "host_owner", "superuser"}
ALL = set(ACTORS)


def _resolved(world):
    need = submitted_need(company=world.company, host=world.host)
    for step in (S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED):
        need = need_transition(need=need, to=step, by=world.actor("host_staff"))
    return need


def _open(world):
    return submitted_need(company=world.company, host=world.host)


@pytest.mark.parametrize("size", [1, 3])
def test_needs_api_list_constant_queries(client, db, django_assert_num_queries, size):
    for n in range(size):
        submitted_need(title=f"需求{n}")
    with django_assert_num_queries(4):  # count, needs, topics (prefetched), and the session
        response = client.get("/api/v1/needs/")
    assert [n["title"] for n in response.json()["results"]] == [f"需求{n}" for n in range(size)]


def test_needs_api_list_filters_and_bad_filter(client, db):
    submitted_need(title="冷链", category="technology", company=CompanyFactory(district="黄岛区"))
    submitted_need(title="引才", category="talent")
    response = client.get("/api/v1/needs/", {"category": "talent"})
    assert [n["title"] for n in response.json()["results"]] == ["引才"]
    response = client.get("/api/v1/needs/", {"category": "weather"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_choice"
    assert response.json()["detail"].startswith("Select a valid choice.")


def test_needs_api_detail_has_history_and_allowed_steps(world, client_for):
    need = _open(world)
    need_transition(need=need, to=S.ACKNOWLEDGED, by=world.actor("host_staff"), comment="已受理")
    body = client_for(world.actor("host_staff")).get(f"/api/v1/needs/{need.pk}/").json()
    assert [(t["from_status"], t["to_status"], t["comment"]) for t in body["transitions"]] == [
        ("", "submitted", ""),
        ("submitted", "acknowledged", "已受理"),
    ]
    assert body["transitions"][1]["by"] == world.actor("host_staff").display_name
    assert body["allowed_transitions"] == ["in_progress", "closed"]
    assert body["host"] == {"slug": world.host.slug, "name": world.host.name}


def test_needs_api_forbidden_step_is_400_with_code(world, client_for):
    need = _open(world)
    client = client_for(world.actor("host_staff"))
    response = client.post(
        f"/api/v1/needs/{need.pk}/transitions/",
        {"to": "resolved", "comment": ""},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "A need that is “Submitted” cannot become “Resolved”.",
        "code": "transition_not_allowed",
    }


def test_needs_api_close_without_reason_is_400(world, client_for):
    need = _open(world)
    response = client_for(world.actor("enterprise")).post(
        f"/api/v1/needs/{need.pk}/transitions/", {"to": "closed"}, content_type="application/json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "comment_required")


def test_needs_api_rating_twice_is_400(world, client_for):
    need = _resolved(world)
    need_rate(need=need, by=world.actor("enterprise"), score=3)
    response = client_for(world.actor("enterprise")).post(
        f"/api/v1/needs/{need.pk}/rating/", {"score": 5}, content_type="application/json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "already_rated")


@pytest.mark.parametrize("who", ["other_host_staff", "expert", "missing"])
def test_needs_api_assign_to_outsider_is_answered_like_a_missing_person(world, client_for, who):
    need = _open(world)
    pk = world.actor(who).pk if who != "missing" else 10**9
    response = client_for(world.actor("host_owner")).post(
        f"/api/v1/needs/{need.pk}/assign/", {"assignee": pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "没有这个人。", "code": "assignee_not_staff"}
    need.refresh_from_db()
    assert need.assignee_id is None


def test_needs_api_rating_hidden_from_public(world, client_for):
    need = _resolved(world)
    need_rate(need=need, by=world.actor("enterprise"), score=5, comment="满意")
    public = client_for(None).get(f"/api/v1/needs/{need.pk}/").json()
    assert public["rating"] is None
    staff = client_for(world.actor("host_staff")).get(f"/api/v1/needs/{need.pk}/").json()
    assert (staff["rating"]["score"], staff["rating"]["comment"]) == (5, "满意")


def test_schema_documents_the_needs_desk(client, db):
    paths = client.get("/api/schema/?format=json").json()["paths"]
    assert {
        "/api/v1/needs/",
        "/api/v1/needs/{id}/",
        "/api/v1/needs/{id}/transitions/",
        "/api/v1/needs/{id}/assign/",
        "/api/v1/needs/{id}/rating/",
        "/api/v1/desk/{slug}/figures/",
        "/api/v1/needs/suggest-topics/",
    } <= set(paths)


# --- The API's permission matrix -------------------------------------------------------------
# name -> (method, make, url, body, who may, status when allowed, effect)
API_MATRIX = {
    "need-list": ("get", None, lambda w, o: "/api/v1/needs/", {}, ALL, 200),
    "need-detail": ("get", _open, lambda w, o: f"/api/v1/needs/{o.pk}/", {}, ALL, 200),
    "need-create": (
        "post",
        None,
        lambda w, o: "/api/v1/needs/",
        {"title": "新需求", "category": "policy"},
        {"enterprise"},
        201,
    ),
    "need-transitions": (
        "post",
        _open,
        lambda w, o: f"/api/v1/needs/{o.pk}/transitions/",
        {"to": "acknowledged"},
        DESK,
        200,
    ),
    "need-assign": (
        "post",
        _open,
        lambda w, o: f"/api/v1/needs/{o.pk}/assign/",
        {"assignee": "host_staff"},
        DESK,
        200,
    ),
    "need-rating": (
        "post",
        _resolved,
        lambda w, o: f"/api/v1/needs/{o.pk}/rating/",
        {"score": 4},
        {"enterprise"},
        201,
    ),
    "desk-figures": (
        "get",
        None,
        lambda w, o: f"/api/v1/desk/{w.host.slug}/figures/",
        {},
        DESK,
        200,
    ),
    "need-suggest-topics": (
        "post",
        None,
        lambda w, o: "/api/v1/needs/suggest-topics/",
        {"text": "储能电池柜热管理"},
        ALL - {"anonymous"},
        200,
    ),
}


def _effect(name, world, obj):
    if name == "need-create":
        return Need.objects.filter(title="新需求", company=world.company).exists()
    if obj is None:
        return None
    obj.refresh_from_db()
    return {
        "need-transitions": obj.status == S.ACKNOWLEDGED,
        "need-assign": obj.assignee == world.actor("host_staff"),
        "need-rating": Need.objects.filter(pk=obj.pk, rating__score=4).exists(),
    }.get(name)


def test_api_matrix_covers_every_needs_desk_route():
    # The directories' routes (experts, enterprises) are profiles' and have their own matrix.
    names = {p.name for p in needs_api_urls.urlpatterns if p.name}
    assert names == {
        "need-list",
        "need-detail",
        "need-transitions",
        "need-assign",
        "need-rating",
        "desk-figures",
        "need-suggest-topics",
    }
    assert set(API_MATRIX) == names | {"need-create"}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", list(API_MATRIX))
def test_needs_api_permission(world, client_for, actor, name):
    method, make, url, body, allowed, ok = API_MATRIX[name]
    obj = make(world) if make else None
    body = {k: (world.actor(v).pk if k == "assignee" else v) for k, v in body.items()}
    client = client_for(world.actor(actor))
    if method == "get":
        response = client.get(url(world, obj))
    else:
        response = client.post(url(world, obj), body, content_type="application/json")
    if actor in allowed:
        assert response.status_code == ok
        assert _effect(name, world, obj) in (True, None)
    else:
        assert response.status_code in (403, 404)
        assert set(response.json()) == {"detail", "code"}
        assert _effect(name, world, obj) in (False, None)


def test_needs_api_create_duplicate_title_is_400(world, client_for):
    submitted_need(company=world.company, title="同名需求")
    response = client_for(world.actor("enterprise")).post(
        "/api/v1/needs/", {"title": "同名需求"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "code", "errors"}
    assert Need.objects.filter(title="同名需求").count() == 1


def test_needs_api_create_for_another_company_is_403(world, client_for):
    other = CompanyFactory()
    response = client_for(world.actor("enterprise")).post(
        "/api/v1/needs/", {"title": "代发", "company": other.pk}, content_type="application/json"
    )
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
    assert other.needs.exists() is False


# --- Topics, forms of cooperation, budget, wanted-by date and visibility ----------------------


def _post_need(world, client_for, **body):
    return client_for(world.actor("enterprise")).post(
        "/api/v1/needs/", {"title": "储能电池柜热管理", **body}, content_type="application/json"
    )


def test_needs_api_create_with_every_field(world, client_for):
    wanted = (timezone.localdate() + dt.timedelta(days=60)).isoformat()
    response = _post_need(
        world,
        client_for,
        topics=["energy-storage"],
        cooperation_forms=["joint_rd"],
        budget_min=100000,
        budget_max=500000,
        wanted_by=wanted,
        visibility="members",
    )
    assert response.status_code == 201
    body = response.json()
    assert {
        key: body[key]
        for key in ("cooperation_forms", "budget_min", "budget_max", "wanted_by", "visibility")
    } == {
        "cooperation_forms": ["joint_rd"],
        "budget_min": 100000,
        "budget_max": 500000,
        "wanted_by": wanted,
        "visibility": "members",
    }
    assert body["topics"] == [
        {"slug": "energy-storage", "name_zh": "储能", "name_en": "Energy storage"}
    ]


def test_needs_api_create_without_topics_takes_those_the_text_names(world, client_for):
    body = _post_need(world, client_for, description="夏季储能电池柜温度过高。").json()
    assert sorted(t["slug"] for t in body["topics"]) == [
        "battery-thermal-management",
        "energy-storage",
    ]


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"topics": ["no-such-topic"]}, "does_not_exist", "topics"),
        ({"cooperation_forms": ["lunch"]}, "invalid_choice", "cooperation_forms"),
        ({"budget_min": 9, "budget_max": 1}, "budget_range", "budget_max"),
        ({"budget_min": -1}, "min_value", "budget_min"),
        ({"wanted_by": "2001-01-01"}, "wanted_by_range", "wanted_by"),
        ({"wanted_by": "tomorrow"}, "invalid", "wanted_by"),
        ({"visibility": "secret"}, "invalid_choice", "visibility"),
    ],
)
def test_needs_api_create_bad_values_are_400(world, client_for, body, code, field):
    response = _post_need(world, client_for, **body)
    assert (response.status_code, response.json()["code"]) == (400, code)
    assert list(response.json()["errors"]) == [field]
    assert Need.objects.count() == 0


def test_needs_api_suggest_topics(world, client_for):
    response = client_for(world.actor("enterprise")).post(
        "/api/v1/needs/suggest-topics/",
        {"text": "储能电池柜热管理\n夏季储能电池柜温度过高。"},
        content_type="application/json",
    )
    assert [t["slug"] for t in response.json()["topics"]] == [
        "battery-thermal-management",
        "energy-storage",
    ]
    client_for(None).logout()
    response = client_for(None).post(
        "/api/v1/needs/suggest-topics/", {"text": "储能"}, content_type="application/json"
    )
    assert (response.status_code, response.json()["code"]) == (403, "not_authenticated")


def test_needs_api_suggest_topics_refuses_too_long_a_text(world, client_for):
    response = client_for(world.actor("enterprise")).post(
        "/api/v1/needs/suggest-topics/", {"text": "x" * 20001}, content_type="application/json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "max_length")


def test_needs_api_hides_members_needs_from_the_anonymous(world, client_for):
    need = submitted_need(company=world.company, visibility="members")
    assert client_for(None).get(f"/api/v1/needs/{need.pk}/").status_code == 404
    assert client_for(None).get("/api/v1/needs/").json()["results"] == []
    listed = client_for(world.actor("user")).get("/api/v1/needs/").json()["results"]
    assert [n["id"] for n in listed] == [need.pk]

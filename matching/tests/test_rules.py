"""A host's own matching rules: the service, the page and the API, with bad input refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.tests.factories import UserFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostFactory, HostMembershipFactory
from matching.engine.rules import DEFAULT_WEIGHTS
from matching.models import RuleOverride, Suggestion
from matching.selectors import rule_set_for_host, rule_table
from matching.services.rules import rule_overrides_reset, rule_overrides_save, rules_preview
from matching.services.suggestions import suggestions_refresh
from needs.models import Need
from needs.tests.factories import submitted_need
from profiles.services import expert_profile_save

pytestmark = pytest.mark.django_db


def _expert(name, fields, **extra):
    data = {"name": name, "institution": "山东大学", "fields_text": fields, **extra}
    return expert_profile_save(user=UserFactory(), data=data)


@pytest.fixture
def tuning():
    host = HostFactory()
    staff = HostMembershipFactory(host=host, role=HostMembership.Role.STAFF).user
    water = _expert("李水清", "污水处理, 膜分离技术")
    bearing = _expert("孙摩擦", "摩擦学, 轴承寿命预测", availability="随时可以")
    need = submitted_need(
        title="高氨氮废水处理",
        description="希望引进膜分离技术处理污水",
        category=Need.Category.TECHNOLOGY,
        host=host,
    )
    return {"host": host, "staff": staff, "water": water, "bearing": bearing, "need": need}


def _form(**weights):
    data = {f"weight_{rule}": w for rule, w in DEFAULT_WEIGHTS.items()}
    data |= {f"enabled_{rule}": "on" for rule in DEFAULT_WEIGHTS}
    return data | {f"weight_{rule}": w for rule, w in weights.items()}


# --- Service ------------------------------------------------------------------------------------


def test_rule_overrides_save_keeps_only_what_differs_from_the_defaults(tuning):
    host = tuning["host"]
    rule_overrides_save(host=host, settings={"topic": (0.9, True), "form": (0.05, False)})
    rows = set(RuleOverride.objects.values_list("host_id", "rule", "weight", "enabled"))
    assert rows == {(host.pk, "topic", 0.9, True), (host.pk, "form", 0.05, False)}
    rules = rule_set_for_host(host=host)
    assert (rules.weight("topic"), rules.weight("form"), rules.weight("keywords")) == (
        0.9,
        0.0,
        DEFAULT_WEIGHTS["keywords"],
    )


def test_rule_overrides_save_recomputes_the_hosts_suggestions(
    tuning, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rule_overrides_save(host=tuning["host"], settings={"keywords": (0.0, False)})
    rows = Suggestion.objects.filter(host=tuning["host"], need=tuning["need"])
    assert rows.first().expert == tuning["water"]
    assert {r.rules.get("keywords", 0) for r in rows} == {0}


def test_rule_overrides_at_the_defaults_drop_the_hosts_own_rows(tuning):
    host = tuning["host"]
    RuleOverride.objects.create(host=host, rule="topic", weight=0.9)
    suggestions_refresh(host=host)
    assert Suggestion.objects.filter(host=host).exists()
    rule_overrides_save(host=host, settings={"topic": (DEFAULT_WEIGHTS["topic"], True)})
    assert (RuleOverride.objects.count(), Suggestion.objects.filter(host=host).count()) == (0, 0)


def test_rule_overrides_reset(tuning):
    host = tuning["host"]
    RuleOverride.objects.create(host=host, rule="topic", weight=0.9)
    suggestions_refresh(host=host)
    rule_overrides_reset(host=host)
    assert (RuleOverride.objects.count(), Suggestion.objects.filter(host=host).count()) == (0, 0)
    assert [r["weight"] for r in rule_table(host=host)] == list(DEFAULT_WEIGHTS.values())


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ({"nonsense": (0.5, True)}, "unknown_rule"),
        ({"topic": (-0.1, True)}, "invalid_weight"),
        ({"topic": (1e9, True)}, "invalid_weight"),
        ({"topic": (float("nan"), True)}, "invalid_weight"),
        ({"topic": (float("inf"), True)}, "invalid_weight"),
        ({"topic": ("abc", True)}, "invalid_weight"),
    ],
)
def test_rule_overrides_save_refuses_bad_settings(tuning, given, code):
    with pytest.raises(ValidationError) as raised:
        rule_overrides_save(host=tuning["host"], settings=given)
    assert raised.value.code == code
    assert RuleOverride.objects.count() == 0


def test_rules_preview_shows_the_best_three_before_and_after(tuning):
    preview = rules_preview(
        host=tuning["host"], settings={"topic": (0.0, False), "keywords": (0.0, False)}
    )
    (need,) = preview
    assert (need["id"], need["title"]) == (tuning["need"].pk, "高氨氮废水处理")
    assert need["before"][0]["expert_id"] == tuning["water"].pk
    assert need["before"][0]["score"] > max([s["score"] for s in need["after"]], default=0)
    assert RuleOverride.objects.count() == 0


def test_rules_preview_of_a_host_without_open_needs_is_empty():
    assert rules_preview(host=HostFactory(), settings={}) == []


# --- Page ---------------------------------------------------------------------------------------


def test_rules_page_shows_each_rule_with_its_default(tuning, client):
    client.force_login(tuning["staff"])
    response = client.get(
        reverse("matching:host_rules", args=[tuning["host"].slug]), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = response.content.decode()
    assert [r for r in DEFAULT_WEIGHTS if f'data-rule="{r}"' in text] == list(DEFAULT_WEIGHTS)
    assert "This host uses the default weights." in text


def test_rules_page_previews_without_saving(tuning, client):
    client.force_login(tuning["staff"])
    url = reverse("matching:host_rules", args=[tuning["host"].slug])
    response = client.post(url, _form(topic="2") | {"action": "preview"})
    text = response.content.decode()
    assert response.status_code == 200
    assert f'data-need="{tuning["need"].pk}"' in text
    assert text.count("李水清") == 2  # now, and with these weights
    assert RuleOverride.objects.count() == 0


def test_rules_page_saves_and_resets(tuning, client):
    client.force_login(tuning["staff"])
    url = reverse("matching:host_rules", args=[tuning["host"].slug])
    saved = client.post(url, _form(topic="0.7") | {"action": "save"})
    assert saved["Location"] == url
    assert list(RuleOverride.objects.values_list("rule", "weight")) == [("topic", 0.7)]
    assert (
        "This host uses its own weights."
        in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    client.post(url, {"action": "reset"})
    assert RuleOverride.objects.count() == 0


@pytest.mark.parametrize("weight", ["-1", "11", "abc", "nan", ""])
def test_rules_page_refuses_bad_weights(tuning, client, weight):
    client.force_login(tuning["staff"])
    url = reverse("matching:host_rules", args=[tuning["host"].slug])
    response = client.post(url, _form(topic=weight) | {"action": "save"})
    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode()
    assert RuleOverride.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_rules_preview_in_constant_queries(tuning, client, django_assert_num_queries, count):
    for i in range(count - 1):
        submitted_need(title=f"污水需求{i}", description="膜分离技术", host=tuning["host"])
    client.force_login(tuning["staff"])
    url = reverse("matching:host_rules", args=[tuning["host"].slug])
    with django_assert_num_queries(QUERIES_PREVIEW):
        response = client.post(url, _form(topic="2") | {"action": "preview"})
    assert response.content.decode().count('class="preview-need"') == count


# Session, user, host and its staff check, the rule overrides (table and current rules), needs,
# topics, experts and their inputs, events: the same whatever the number of needs.
QUERIES_PREVIEW = 18


# --- API ----------------------------------------------------------------------------------------


def _api(client, tuning, method="put", path="rules/", body=None):
    url = f"/api/v1/matching/hosts/{tuning['host'].slug}/{path}"
    return getattr(client, method)(url, body, content_type="application/json")


def test_api_reads_the_rules(tuning, client):
    RuleOverride.objects.create(host=tuning["host"], rule="form", weight=0.2, enabled=False)
    client.force_login(tuning["staff"])
    body = _api(client, tuning, method="get").json()
    assert body["tuned"] is True
    assert body["rules"][list(DEFAULT_WEIGHTS).index("form")] == {
        "name": "form",
        "weight": 0.2,
        "enabled": False,
        "default_weight": DEFAULT_WEIGHTS["form"],
    }


def test_api_saves_previews_and_resets(tuning, client):
    client.force_login(tuning["staff"])
    rules = {"rules": [{"name": "keywords", "weight": 0, "enabled": False}]}
    preview = _api(client, tuning, method="post", path="rules/preview/", body=rules)
    (need,) = preview.json()["needs"]
    assert (need["id"], need["before"][0]["expert_id"]) == (tuning["need"].pk, tuning["water"].pk)
    assert RuleOverride.objects.count() == 0
    saved = _api(client, tuning, body=rules)
    assert saved.json()["tuned"] is True
    assert list(RuleOverride.objects.values_list("rule", "weight", "enabled")) == [
        ("keywords", 0.0, False)
    ]
    reset = _api(client, tuning, method="delete")
    assert (reset.json()["tuned"], RuleOverride.objects.count()) == (False, 0)


@pytest.mark.parametrize(
    ("rule", "code"),
    [
        ({"name": "topic", "weight": -0.5}, "min_value"),
        ({"name": "topic", "weight": 1e12}, "max_value"),
        ({"name": "topic", "weight": "lots"}, "invalid"),
        ({"name": "topic", "weight": None}, "null"),
        ({"name": "telepathy", "weight": 0.5}, "invalid_choice"),
    ],
)
@pytest.mark.parametrize("path", ["rules/", "rules/preview/"])
def test_api_refuses_bad_rules(tuning, client, rule, code, path):
    client.force_login(tuning["staff"])
    method = "put" if path == "rules/" else "post"
    response = _api(client, tuning, method=method, path=path, body={"rules": [rule]})
    assert (response.status_code, response.json()["code"]) == (400, code)
    assert RuleOverride.objects.count() == 0


def test_api_refuses_a_rule_given_twice_and_a_missing_list(tuning, client):
    client.force_login(tuning["staff"])
    twice = {"rules": [{"name": "topic", "weight": 0.1}, {"name": "topic", "weight": 0.2}]}
    assert _api(client, tuning, body=twice).json()["code"] == "duplicate"
    assert _api(client, tuning, body={}).json()["code"] == "required"
    assert _api(client, tuning, body=[1, 2]).status_code == 400


def test_api_schema_documents_the_rules_endpoints(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/matching/hosts/{slug}/rules/" in schema
    assert "/api/v1/matching/hosts/{slug}/rules/preview/" in schema

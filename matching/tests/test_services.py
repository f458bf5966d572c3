import json

import pytest
from django.core.management import call_command

from hosts.tests.factories import HostFactory
from matching.engine.inputs import ExpertIn, NeedIn, TopicIn
from matching.engine.matcher import Matcher
from matching.engine.rules import DEFAULT_WEIGHTS
from matching.models import RuleOverride, Suggestion
from matching.selectors import rule_set_for_host, suggestion_list
from matching.services.suggestions import suggestions_store
from needs.tests.factories import NeedFactory
from profiles.tests.factories import ExpertProfileFactory

TOPICS = [
    TopicIn(1, "water", "水处理", "water treatment", (), None, "engineering"),
    TopicIn(2, "wastewater", "废水治理", "wastewater treatment", ("污水处理",), 1),
]


@pytest.fixture
def ids(db):
    """Real rows behind the engine's ids (suggestions point at needs and experts)."""
    a, b = ExpertProfileFactory(), ExpertProfileFactory()
    n10, n11 = NeedFactory(), NeedFactory()
    return {1: a.pk, 2: b.pk, 10: n10.pk, 11: n11.pk}


def _matcher(ids):
    experts = [
        ExpertIn(ids[1], "A", topic_ids=(2,)),
        ExpertIn(ids[2], "B", tokens=("污水处理",), unclaimed=True),
    ]
    m = Matcher(TOPICS, experts)
    m.run_full(
        [
            NeedIn(ids[10], "青岛甲有限公司", topic_ids=(2,)),
            NeedIn(ids[11], "乙", tokens=("污水处理",)),
        ]
    )
    return m


def test_suggestions_store_writes_ranked_rows_with_rules_and_reasons(ids):
    count = suggestions_store(matcher=_matcher(ids))
    rows = list(Suggestion.objects.filter(need_id=ids[10]))
    assert count == 4
    assert [(r.rank, r.expert_id) for r in rows] == [(1, ids[1]), (2, ids[2])]
    assert set(rows[0].rules) == {"topic", "keywords", "category", "form", "availability", "event"}
    assert rows[0].score == pytest.approx(sum(rows[0].rules.values()), abs=1e-5)
    assert rows[0].reasons[0]["rule"] == "topic"
    assert [r.shown_to_company for r in rows] == [True, False]


def test_suggestions_store_replaces_only_the_given_needs(ids):
    m = _matcher(ids)
    suggestions_store(matcher=m)
    m.update_need(NeedIn(ids[10], "青岛甲有限公司", status="closed", open=False))
    suggestions_store(matcher=m, need_ids=[ids[10]])
    assert Suggestion.objects.filter(need_id=ids[10]).count() == 0
    assert Suggestion.objects.filter(need_id=ids[11]).count() == 2


def test_suggestion_list_hides_unclaimed_experts_from_companies(ids):
    suggestions_store(matcher=_matcher(ids))
    assert [s.expert_id for s in suggestion_list(need_id=ids[10])] == [ids[1], ids[2]]
    assert [s.expert_id for s in suggestion_list(need_id=ids[10], for_company=True)] == [ids[1]]


@pytest.mark.django_db
def test_rule_set_for_host_applies_its_overrides():
    host = HostFactory()
    RuleOverride.objects.create(host=host, rule="event", enabled=False)
    RuleOverride.objects.create(host=host, rule="topic", weight=0.6)
    rules = rule_set_for_host(host=host)
    assert rules.weight("event") == 0
    assert rules.weight("topic") == 0.6
    assert rule_set_for_host(host=None).weight("event") == DEFAULT_WEIGHTS["event"]


@pytest.mark.django_db
def test_bench_matcher_prints_one_json_line(capsys):
    call_command("bench_matcher", experts=300, needs=40, incremental=10, check_naive=30)
    last = capsys.readouterr().out.strip().splitlines()[-1]
    result = json.loads(last)
    assert list(result) == [
        "experts",
        "needs",
        "full_seconds",
        "peak_rss_mb",
        "incremental_p50_ms",
        "incremental_p95_ms",
        "naive_pairs",
        "naive_equal",
        "naive_speedup",
    ]
    assert result["experts"] == 300
    assert result["naive_pairs"] == 900
    assert result["naive_equal"] is True
    assert Suggestion.objects.count() == 0  # the benchmark rolls its writes back

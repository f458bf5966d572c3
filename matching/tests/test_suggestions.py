"""The matcher wired to the records: full refresh, incremental refresh, `suggest`, visibility."""

import json
import time

import pytest
from django.core.management import CommandError, call_command

from accounts.tests.factories import UserFactory
from hosts.tests.factories import HostFactory
from matching.models import Introduction, RuleOverride, Suggestion
from matching.services.suggestions import (
    suggestions_refresh,
    suggestions_refresh_experts,
    suggestions_refresh_needs,
)
from matching.tests.factories import IntroductionFactory
from needs.models import Need
from needs.permissions import can_view_need
from needs.selectors import visible_needs
from needs.services import need_update
from needs.tests.factories import submitted_need
from profiles.models import Topic, Visibility
from profiles.services import expert_profile_save, topic_synonym_add
from profiles.tests.factories import CompanyFactory, ExpertProfileFactory

pytestmark = pytest.mark.django_db


def _expert(name, fields, institution="山东大学", **extra):
    user = UserFactory()
    data = {"name": name, "institution": institution, "fields_text": fields, **extra}
    return expert_profile_save(user=user, data=data)


@pytest.fixture
def pool():
    water = _expert(
        "李水清", "污水处理, 膜分离技术", research_summary="高氨氮工业废水的膜生物反应器"
    )
    bearing = _expert("孙摩擦", "摩擦学, 轴承寿命预测", institution="山东科技大学")
    need = submitted_need(
        company=CompanyFactory(name="青岛水务科技有限公司"),
        title="高氨氮废水处理工艺优化",
        description="化工园区废水治理，希望引进膜分离技术",
        category=Need.Category.TECHNOLOGY,
    )
    return {"water": water, "bearing": bearing, "need": need}


def test_suggestions_refresh_stores_the_fitting_expert_first(pool):
    written = suggestions_refresh(all_hosts=True)
    rows = list(Suggestion.objects.filter(need=pool["need"], host=None))
    assert written == 1  # the bearing expert shares nothing with the need: no filler
    assert [r.expert_id for r in rows] == [pool["water"].pk]
    assert rows[0].rules["topic"] > 0
    assert rows[0].reasons[0]["rule"] == "topic"


def test_suggestions_refresh_for_a_tuned_host_keeps_its_own_rows(pool):
    host = RuleOverride.objects.create(
        host=HostFactory(),
        rule="availability",
        enabled=False,
    ).host
    suggestions_refresh(all_hosts=True)
    assert Suggestion.objects.filter(host=host).count() == 1
    assert Suggestion.objects.filter(host=host).first().rules["availability"] == 0
    assert Suggestion.objects.filter(host=None).first().rules["availability"] > 0


def test_need_changes_refresh_its_suggestions_after_commit(
    pool, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        need = submitted_need(title="轴承摩擦磨损寿命评估", category=Need.Category.TECHNOLOGY)
    assert Suggestion.objects.filter(need=need).first().expert_id == pool["bearing"].pk
    with django_capture_on_commit_callbacks(execute=True):
        need_update(need=need, data={"title": "轴承寿命"})
    assert list(Suggestion.objects.filter(need=need).values_list("expert_id", flat=True)) == [
        pool["bearing"].pk
    ]


def test_closed_need_loses_its_suggestions(pool):
    suggestions_refresh()
    Need.objects.filter(pk=pool["need"].pk).update(status=Need.Status.CLOSED)
    assert suggestions_refresh_needs(need_ids=[pool["need"].pk]) == 0
    assert Suggestion.objects.filter(need=pool["need"]).count() == 0


def test_expert_change_enters_and_leaves_needs(pool, django_capture_on_commit_callbacks):
    suggestions_refresh()
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = _expert("王膜", "膜分离技术, 污水处理")
    ranked = list(Suggestion.objects.filter(need=pool["need"]).values_list("expert_id", flat=True))
    assert newcomer.pk in ranked[:2]
    pool["water"].matching_opt_out = True
    pool["water"].save()
    suggestions_refresh_experts(expert_ids=[pool["water"].pk])
    assert not Suggestion.objects.filter(expert=pool["water"]).exists()


def test_incremental_refresh_is_fast_in_tests(pool):
    suggestions_refresh()
    started = time.perf_counter()
    for _ in range(5):
        suggestions_refresh_needs(need_ids=[pool["need"].pk])
    per_call = (time.perf_counter() - started) / 5
    assert per_call < 0.5  # measured ≈ 20 ms: the taxonomy is built once per process


def test_declined_pair_is_not_suggested(pool):
    IntroductionFactory(
        need=pool["need"], expert=pool["water"], status=Introduction.Status.DECLINED
    )
    suggestions_refresh()
    assert not Suggestion.objects.filter(need=pool["need"], expert=pool["water"]).exists()


def test_suggest_command_prints_one_json_document(pool, capsys):
    unclaimed = ExpertProfileFactory(
        name="赵未认领", fields_text="污水处理", claimed_at=None, email="zhao@example.edu.cn"
    )
    from profiles.services import expert_terms_refresh

    expert_terms_refresh(unclaimed)
    call_command("suggest", format="json", lang="en", top=5)
    document = json.loads(capsys.readouterr().out)
    (need,) = document["needs"]
    assert list(need) == ["id", "company", "title", "status", "suggestions"]
    assert (need["id"], need["company"], need["status"]) == (
        pool["need"].pk,
        "青岛水务科技有限公司",
        "submitted",
    )
    first = need["suggestions"][0]
    assert list(first) == [
        "expert_id",
        "name",
        "email",
        "institution",
        "score",
        "rules",
        "reasons",
        "visibility",
    ]
    assert first["visibility"] == "public"
    assert first["expert_id"] == pool["water"].pk
    assert unclaimed.pk in [s["expert_id"] for s in need["suggestions"]]
    assert first["score"] == pytest.approx(sum(first["rules"].values()), abs=1e-3)
    assert any("Wastewater treatment" in reason for reason in first["reasons"])


def test_suggest_command_table_in_chinese(pool, capsys):
    call_command("suggest", format="table")
    out = capsys.readouterr().out
    assert "高氨氮废水处理工艺优化" in out
    assert "共同领域" in out


def test_restricted_need_is_visible_to_a_suggested_expert_only(pool):
    Need.objects.filter(pk=pool["need"].pk).update(visibility=Need.Visibility.RESTRICTED)
    need = Need.objects.get(pk=pool["need"].pk)
    stranger = UserFactory()
    assert not can_view_need(pool["water"].user, need)
    suggestions_refresh()
    assert can_view_need(pool["water"].user, need)
    assert list(visible_needs(user=pool["water"].user)) == [need]
    assert not can_view_need(stranger, need)
    assert list(visible_needs(user=stranger)) == []


def test_restricted_need_is_visible_to_an_introduced_expert():
    need = submitted_need(visibility=Need.Visibility.RESTRICTED)
    expert = ExpertProfileFactory(user=UserFactory())
    IntroductionFactory(need=need, expert=expert)
    assert can_view_need(expert.user, need)
    assert list(visible_needs(user=expert.user)) == [need]


def test_declined_introduction_removes_the_pair_after_commit(
    pool, django_capture_on_commit_callbacks
):
    from matching.services.introductions import introduction_decline

    suggestions_refresh()
    intro = IntroductionFactory(need=pool["need"], expert=pool["water"])
    with django_capture_on_commit_callbacks(execute=True):
        introduction_decline(
            introduction=intro, by=pool["water"].user, side="expert", reason="没有时间"
        )
    assert not Suggestion.objects.filter(need=pool["need"], expert=pool["water"]).exists()
    # Nobody else has subject evidence for it: no filler takes the place.
    assert not Suggestion.objects.filter(need=pool["need"]).exists()


def test_refresh_suggestions_command_for_a_host(pool, capsys):
    host = HostFactory()
    RuleOverride.objects.create(host=host, rule="topic", weight=0.9)
    call_command("refresh_suggestions", host=host.slug)
    assert capsys.readouterr().out.strip() == "1 suggestions stored."
    assert Suggestion.objects.filter(host=host).count() == 1
    assert Suggestion.objects.filter(host=None).count() == 0
    with pytest.raises(CommandError):
        call_command("refresh_suggestions", host="no-such-host")


def test_suggest_command_uses_the_host_rule_set(pool, capsys):
    host = HostFactory()
    RuleOverride.objects.create(host=host, rule="availability", enabled=False)
    call_command("suggest", format="json", host=host.slug, top=1)
    (need,) = json.loads(capsys.readouterr().out)["needs"]
    assert len(need["suggestions"]) == 1
    assert need["suggestions"][0]["rules"]["availability"] == 0


def test_suggest_command_marks_experts_visible_to_organizers_only(pool, capsys):
    pool["water"].visibility = Visibility.ORGANIZERS
    pool["water"].save(update_fields=["visibility"])
    call_command("suggest", format="json", top=5)
    (need,) = json.loads(capsys.readouterr().out)["needs"]
    visibility = {s["expert_id"]: s["visibility"] for s in need["suggestions"]}
    assert visibility[pool["water"].pk] == "organizers"
    assert [v for k, v in visibility.items() if k != pool["water"].pk] == ["public"] * (
        len(visibility) - 1
    )


def test_a_synonym_staff_add_is_picked_up_by_the_matcher():
    topic = Topic.objects.create(slug="brine-lithium-x", name_zh="卤水提锂工艺", name_en="Xq brine")
    expert = _expert("钱提锂", "")
    expert.topics.set([topic])
    description = "我们想把盐湖锂资源开发出来，需要盐湖卤水锂分离。"

    def topic_share():
        need = submitted_need(title="锂资源开发", description=description)
        suggestions_refresh()
        rows = Suggestion.objects.filter(need=need, expert=expert, host=None)
        return [round(r.rules.get("topic", 0), 3) > 0 for r in rows]

    assert topic_share() in ([], [False])
    topic_synonym_add(topic=topic, term="盐湖卤水锂分离", language="zh")
    assert topic_share() == [True]

import dataclasses
import datetime

import numpy as np
import pytest

from matching.engine.explain import explain, render_reasons
from matching.engine.index import need_block
from matching.engine.inputs import EventIn, ExpertIn, NeedIn, TopicIn
from matching.engine.institutions import mentioned_organisations
from matching.engine.matcher import Matcher
from matching.engine.naive import naive_score
from matching.engine.rules import DEFAULT_WEIGHTS, RuleSet
from matching.engine.scoring import pool_block, score_block, top_candidates
from matching.engine.text import keyword_tokens
from matching.synthetic import generate

TOPICS = [
    TopicIn(1, "water", "水处理", "water treatment", ("水处理技术",), None, "engineering"),
    TopicIn(
        2, "wastewater", "废水治理", "wastewater treatment", ("污水处理", "sewage treatment"), 1
    ),
    TopicIn(3, "membrane", "膜分离", "membrane separation", ("反渗透",), 1),
    TopicIn(4, "desalination", "海水淡化", "desalination", (), 1),
    TopicIn(5, "finance", "金融", "finance", (), None, "finance"),
    TopicIn(6, "vc", "风险投资", "venture capital", ("股权融资",), 5),
    TopicIn(7, "rubber", "橡胶", "rubber", (), None, "science"),
]


def expert(id, **kw):
    kw.setdefault("name", f"E{id}")
    return ExpertIn(id=id, **kw)


def need(id, **kw):
    kw.setdefault("company", f"青岛需求{id}有限公司")
    return NeedIn(id=id, **kw)


def scores_of(matcher, needs):
    block = need_block(matcher.index, needs)
    return score_block(matcher.index, block, matcher.rules)


def contributions(matcher, n, expert_id):
    block = need_block(matcher.index, [n])
    pos = matcher.index.pos[expert_id]
    return explain(matcher.index, block, 0, pos, matcher.rules)


def test_topic_rule_exact_topic_counts_more_than_parent():
    experts = [expert(1, topic_ids=(2,)), expert(2, topic_ids=(1,)), expert(3, topic_ids=(3,))]
    m = Matcher(TOPICS, experts)
    s = scores_of(m, [need(10, topic_ids=(2,))])[0]
    assert s[0] > s[1] > 0  # wastewater itself, then its parent water treatment
    assert s[2] == float("-inf")  # a sibling shares only the parent: too little evidence
    assert s[1] > s[2]


def test_topic_rule_rare_topic_counts_more_than_common_one():
    experts = [expert(1, topic_ids=(2, 7))] + [expert(i, topic_ids=(2,)) for i in range(2, 9)]
    experts += [expert(20, topic_ids=(7, 3))]
    m = Matcher(TOPICS, experts)
    rare = contributions(m, need(10, topic_ids=(7,)), 20)[0]["topic"]
    common = contributions(m, need(10, topic_ids=(2,)), 1)[0]["topic"]
    assert m.index.topic_idf[m.taxonomy.col[7]] > m.index.topic_idf[m.taxonomy.col[2]]
    assert rare > 0 and common > 0


def test_keywords_rule_matches_a_need_without_topics():
    experts = [expert(1, tokens=("石斑鱼", "育苗")), expert(2, tokens=("轮胎",))]
    m = Matcher(TOPICS, experts, rules=RuleSet.with_overrides({"category": (None, False)}))
    lst = m.run_full([need(10, tokens=("石斑鱼", "病害"))])[10]
    assert [m.expert_id(pos) for pos, _ in lst] == [1]
    assert contributions(m, need(10, tokens=("石斑鱼", "病害")), 1)[0]["keywords"] > 0


def test_cross_language_chinese_need_finds_english_profile_through_synonyms():
    experts = [
        expert(1, tokens=("sewage", "treatment", "plants"), languages=("en",)),
        expert(2, tokens=("rubber",), languages=("en",)),
    ]
    m = Matcher(TOPICS, experts)
    n = need(10, tokens=("污水处理", "提标"))
    lst = m.run_full([n])[10]
    assert m.expert_id(lst[0][0]) == 1
    values, reasons = contributions(m, n, 1)
    assert values["topic"] > 0
    topics = {t.id: t for t in TOPICS}
    assert render_reasons(reasons, lang="en", topics=topics)[0] == (
        "Need: 污水处理 ↔ expert: sewage treatment"
    )


def test_cross_language_english_need_finds_chinese_profile():
    experts = [expert(1, tokens=("反渗透", "膜污染")), expert(2, tokens=("橡胶",))]
    m = Matcher(TOPICS, experts)
    lst = m.run_full([need(10, tokens=("membrane", "separation", "fouling"))])[10]
    assert [m.expert_id(pos) for pos, _ in lst][0] == 1


def test_category_rule_favours_finance_experts_for_financing_needs():
    experts = [
        expert(1, topic_ids=(6,), tokens=("估值",)),
        expert(2, topic_ids=(2,)),
        expert(3, disciplines=("law",), tokens=("估值",)),
        expert(4, disciplines=("finance",)),
    ]
    m = Matcher(TOPICS, experts)
    s = scores_of(m, [need(10, category="financing", tokens=("估值",))])[0]
    rest = 0.5 * DEFAULT_WEIGHTS["form"] + DEFAULT_WEIGHTS["availability"]
    keywords = DEFAULT_WEIGHTS["keywords"]
    assert s[0] == pytest.approx(DEFAULT_WEIGHTS["category"] + rest + keywords)
    assert s[1] == -np.inf  # an engineer shares nothing with it
    assert s[2] == pytest.approx(0.6 * DEFAULT_WEIGHTS["category"] + rest + keywords)
    assert s[3] == -np.inf  # a fitting discipline alone is no subject evidence


def test_category_rule_favours_engineers_for_technology_needs():
    experts = [
        expert(1, disciplines=("engineering",), tokens=("设备",)),
        expert(2, disciplines=("finance",), tokens=("设备",)),
    ]
    m = Matcher(TOPICS, experts)
    s = scores_of(m, [need(10, category="technology", tokens=("设备",))])[0]
    assert s[0] - s[1] == pytest.approx(DEFAULT_WEIGHTS["category"])


@pytest.mark.parametrize(
    ("wanted", "offered", "value"),
    [
        ((), ("consulting",), 0.5),
        (("consulting",), (), 0.5),
        (("consulting",), ("consulting", "training"), 1.0),
        (("training",), ("consulting",), 0.0),
    ],
)
def test_form_rule_compares_wanted_and_offered(wanted, offered, value):
    experts = [expert(1, topic_ids=(2,), forms=offered), expert(2, forms=("lecture",))]
    m = Matcher(TOPICS, experts)
    values, _ = contributions(m, need(10, topic_ids=(2,), forms_wanted=wanted), 1)
    assert values["form"] == pytest.approx(DEFAULT_WEIGHTS["form"] * value)


def test_availability_rule_prefers_available_experts():
    experts = [expert(1, topic_ids=(2,), available=False), expert(2, topic_ids=(2,))]
    m = Matcher(TOPICS, experts)
    s = scores_of(m, [need(10, topic_ids=(2,))])[0]
    assert s[1] - s[0] == pytest.approx(DEFAULT_WEIGHTS["availability"])


def test_event_rule_boosts_pairs_registered_for_the_same_event():
    experts = [expert(1, topic_ids=(2,), event_ids=(7,)), expert(2, topic_ids=(2,))]
    m = Matcher(TOPICS, experts)
    n = need(10, topic_ids=(2,), event_ids=(7,))
    s = scores_of(m, [n])[0]
    assert s[0] - s[1] == pytest.approx(DEFAULT_WEIGHTS["event"])
    _, reasons = contributions(m, n, 1)
    events = {7: EventIn(7, "青岛专家论坛", "Qingdao forum", datetime.date(2026, 12, 12))}
    topics = {t.id: t for t in TOPICS}
    assert render_reasons(reasons, lang="en", topics=topics, events=events)[-1] == (
        "Both attend the 12 Dec Qingdao forum"
    )


@pytest.mark.parametrize(
    ("institution", "company", "parent"),
    [
        ("青岛大学", "青岛大学资产经营有限公司", ""),
        ("Qingdao University", "青岛大学资产经营有限公司", ""),
        ("中国海洋大学化学化工学院", "青岛海大科技有限公司", "中国海洋大学"),
        ("Tsingtao Brewery Co., Ltd.", "青岛啤酒股份有限公司", ""),
        ("海尔集团", "Haier Smart Home Co., Ltd.", ""),
        ("School of Chemistry, Ocean University of China", "某公司", "中国海洋大学"),
    ],
)
def test_conflict_of_interest_removes_the_pair(institution, company, parent):
    experts = [
        expert(1, topic_ids=(2,), institutions=(institution,)),
        expert(2, topic_ids=(2,), institutions=("山东大学",)),
    ]
    m = Matcher(TOPICS, experts)
    n = need(10, topic_ids=(2,), company=company, parent_organisation=parent)
    assert [m.expert_id(p) for p, _ in m.run_full([n])[10]] == [2]
    assert naive_score(m.index, n, experts[0], m.rules) == -np.inf


def test_conflict_does_not_confuse_similar_names():
    experts = [expert(1, topic_ids=(2,), institutions=("中国石油大学（华东）",))]
    m = Matcher(TOPICS, experts)
    n = need(10, topic_ids=(2,), company="中国石油天然气股份有限公司青岛分公司")
    assert [m.expert_id(p) for p, _ in m.run_full([n])[10]] == [1]


def test_opted_out_and_fully_engaged_experts_are_removed():
    experts = [
        expert(1, topic_ids=(2,), opted_out=True),
        expert(2, topic_ids=(2,), max_engagements=2, active_engagements=2),
        expert(3, topic_ids=(2,), max_engagements=3, active_engagements=2),
    ]
    m = Matcher(TOPICS, experts)
    assert [m.expert_id(p) for p, _ in m.run_full([need(10, topic_ids=(2,))])[10]] == [3]


@pytest.mark.parametrize("status", ["resolved", "closed"])
def test_resolved_or_closed_need_gets_no_suggestions(status):
    m = Matcher(TOPICS, [expert(1, topic_ids=(2,))])
    assert m.run_full([need(10, topic_ids=(2,), status=status, open=False)])[10] == []


def test_declined_pair_is_not_suggested_again():
    m = Matcher(
        TOPICS, [expert(1, topic_ids=(2,)), expert(2, topic_ids=(2,))], excluded_pairs={(10, 1)}
    )
    assert [m.expert_id(p) for p, _ in m.run_full([need(10, topic_ids=(2,))])[10]] == [2]


def test_rule_switched_off_contributes_nothing_and_weights_can_change():
    rules = RuleSet.with_overrides({"event": (None, False), "topic": (0.9, True)})
    m = Matcher(TOPICS, [expert(1, topic_ids=(2,), event_ids=(3,))], rules=rules)
    values, _ = contributions(m, need(10, topic_ids=(2,), event_ids=(3,)), 1)
    assert values["event"] == 0
    assert values["topic"] == pytest.approx(0.9)


def test_contributions_sum_to_the_score():
    topics, experts, needs, _ = generate(experts=200, needs=20, seed=3)
    m = Matcher(topics, experts)
    lists = m.run_full(needs)
    for n in needs:
        block, i = m.blocks[n.id]
        for pos, score in lists[n.id]:
            values, _ = explain(m.index, block, i, pos, m.rules)
            assert sum(values.values()) == pytest.approx(score, abs=1e-12)


def test_diversity_caps_how_many_lists_one_expert_tops():
    experts = [expert(1, topic_ids=(2,), tokens=("污泥", "脱水"))]
    experts += [expert(i, topic_ids=(2,)) for i in range(2, 6)]
    needs = [need(100 + k, topic_ids=(2,), tokens=("污泥", "脱水")) for k in range(4)]
    m = Matcher(TOPICS, experts, rules=RuleSet(expert_cap=2), top=2)
    lists = m.run_full(needs)
    firsts = [m.expert_id(lst[0][0]) for lst in lists.values()]
    assert firsts.count(1) == 2
    assert all(len(lst) == 2 for lst in lists.values())
    uncapped = Matcher(TOPICS, experts, rules=RuleSet(expert_cap=100), top=2).run_full(needs)
    assert [m.expert_id(lst[0][0]) for lst in uncapped.values()] == [1, 1, 1, 1]


def test_sparse_pools_equal_dense_scores_top_candidates():
    topics, experts, needs, _ = generate(experts=500, needs=60, seed=5)
    m = Matcher(topics, experts, excluded_pairs={(needs[0].id, experts[0].id)})
    block = need_block(m.index, needs)
    dense = top_candidates(score_block(m.index, block, m.rules, excluded=m.excluded), 30)
    sparse = pool_block(m.index, block, m.rules, 30, excluded=m.excluded)
    for a, b, c, d in zip(dense.experts, sparse.experts, dense.scores, sparse.scores, strict=True):
        assert a.tolist() == b.tolist()
        assert c.tolist() == d.tolist()


def test_matrix_scores_equal_naive_pairwise_scores():
    topics, experts, needs, _ = generate(experts=150, needs=25, seed=7)
    m = Matcher(topics, experts)
    dense = scores_of(m, needs)
    for a, n in enumerate(needs):
        for b, e in enumerate(experts):
            slow = naive_score(m.index, n, e, m.rules)
            if np.isinf(slow) or np.isinf(dense[a, b]):
                assert slow == dense[a, b]
            else:
                assert abs(slow - dense[a, b]) <= 1e-9


def test_incremental_need_equals_full_run():
    topics, experts, needs, _ = generate(experts=400, needs=40, seed=11)
    rules = RuleSet(expert_cap=10_000)
    full = Matcher(topics, experts, rules=rules)
    lists = full.run_full(needs)
    single = Matcher(topics, experts, rules=rules)
    for n in needs:
        assert single.update_need(n) == lists[n.id]
    edited = dataclasses.replace(needs[3], tokens=needs[3].tokens[:3])
    again = Matcher(topics, experts, rules=rules).run_full([*needs[:3], edited, *needs[4:]])
    assert full.update_need(edited) == again[edited.id]


def test_edited_expert_updates_exactly_the_needs_that_change():
    topics, experts, needs, _ = generate(experts=300, needs=40, seed=13)
    rules = RuleSet(expert_cap=10_000)
    m = Matcher(topics, experts, rules=rules)
    before = {k: list(v) for k, v in m.run_full(needs).items()}
    target = needs[0]
    changed_expert = ExpertIn(
        id=experts[5].id,
        name="edited",
        topic_ids=target.topic_ids,
        tokens=target.tokens,
        disciplines=("engineering", "finance", "management", "policy"),
    )
    changed = m.update_expert(changed_expert)
    # Recompute every need from scratch against the edited index: same lists.
    for n in needs:
        pool = m.pool_for(n)
        expected = [
            (int(e), float(s))
            for e, s in zip(pool.experts[0][: m.top], pool.scores[0][: m.top], strict=True)
        ]
        assert m.lists[n.id] == expected
    assert changed == {n.id for n in needs if before[n.id] != m.lists[n.id]}
    assert target.id in changed


def test_reasons_are_rendered_in_the_viewers_language():
    experts = [expert(1, topic_ids=(2,), tokens=("污泥",), forms=("consulting",))]
    m = Matcher(TOPICS, experts)
    n = need(10, tokens=("污水处理", "污泥"), forms_wanted=("consulting",))
    _, reasons = contributions(m, n, 1)
    topics = {t.id: t for t in TOPICS}
    zh = render_reasons(reasons, lang="zh-hans", topics=topics)
    en = render_reasons(reasons, lang="en", topics=topics)
    assert zh[0] == "需求：污水处理 ↔ 专家：废水治理"
    assert en[0] == "Need: 污水处理 ↔ expert: wastewater treatment"
    assert en[1] == "Shared keywords: 污泥"
    assert en[-1] == "Offers the cooperation wanted: consulting"


def test_new_expert_joins_the_lists_it_belongs_to():
    m = Matcher(TOPICS, [expert(1, topic_ids=(7,)), expert(2, topic_ids=(5,))])
    m.run_full(
        [need(10, topic_ids=(2,), category="other"), need(11, topic_ids=(7,), category="other")]
    )
    assert m.lists[10] == []
    changed = m.update_expert(expert(3, topic_ids=(2,)))
    assert changed == {10}
    assert [m.expert_id(p) for p, _ in m.lists[10]] == [3]


def test_empty_pool_and_empty_needs_give_empty_lists():
    assert Matcher(TOPICS, []).run_full([need(10, topic_ids=(2,))]) == {10: []}
    assert Matcher([], [expert(1)]).run_full([need(10)]) == {10: []}
    assert Matcher(TOPICS, [expert(1, topic_ids=(2,))]).run_full([]) == {}


def test_related_topics_reason_names_both_children():
    m = Matcher(TOPICS, [expert(1, topic_ids=(3,))])
    _, reasons = contributions(m, need(10, topic_ids=(4,)), 1)
    topics = {t.id: t for t in TOPICS}
    assert render_reasons(reasons, lang="zh-hans", topics=topics)[0] == (
        "同属水处理的相关领域：需求涉及海水淡化，专家擅长膜分离"
    )


def test_unknown_rule_overrides_are_ignored_and_weights_never_negative():
    rules = RuleSet.with_overrides({"nonsense": (1.0, True), "form": (-2.0, True)})
    assert "nonsense" not in rules.weights
    assert rules.weight("form") == 0.0


def test_conflict_stated_only_in_free_text_excludes_the_expert():
    experts = [
        expert(1, topic_ids=(2,), affiliations=mentioned_organisations("兼任海润防腐科技顾问。")),
        expert(2, topic_ids=(2,)),
        expert(
            3,
            topic_ids=(2,),
            affiliations=mentioned_organisations(
                "Also technical adviser to Blue Bay Beverage JV Co. on filling lines."
            ),
        ),
    ]
    m = Matcher(TOPICS, experts)
    s = scores_of(m, [need(10, company="青岛海润防腐科技有限公司", topic_ids=(2,))])[0]
    assert s[0] == -np.inf and s[1] > 0 and s[2] > 0
    s = scores_of(m, [need(11, company="Blue Bay Beverage JV Co.", topic_ids=(2,))])[0]
    assert s[2] == -np.inf and s[0] > 0


def test_keywords_meet_inside_chinese_compounds():
    assert keyword_tokens(["高氨氮废水", "处理"]) == {
        "高氨氮废水",
        "高氨",
        "氨氮",
        "氮废",
        "废水",
        "处理",
    }

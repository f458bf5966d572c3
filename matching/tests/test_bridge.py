import numpy as np
import pytest

from matching.engine import bridge
from matching.engine.explain import explain
from matching.engine.index import need_block
from matching.engine.inputs import ExpertIn, NeedIn
from matching.engine.matcher import Matcher
from matching.engine.naive import naive_score
from matching.engine.scoring import score_block
from matching.engine.update import replace_expert_row
from matching.synthetic import generate
from profiles.text import tokenize

pytestmark = pytest.mark.django_db  # the tokenizer reads the taxonomy

LINES = [
    "# CC-CEDICT\n",
    "軸承 轴承 [zhou2 cheng2] /(mechanics) bearing/\n",
    "發酵 发酵 [fa1 jiao4] /to ferment/(fig.) to simmer/\n",
    "風險投資 风险投资 [feng1 xian3 tou2 zi1] /venture capital investment/\n",
    "廢水 废水 [fei4 shui3] /waste water/effluent/\n",
    "污水 污水 [wu1 shui3] /sewage/waste water/\n",
    "張 张 [zhang1] /surname Zhang/\n",
    "見 见 [jian4] /to see/\n",
    "陳皮 陈皮 [chen2 pi2] /see 橘皮/dried tangerine peel (in Chinese medicine)/\n",
]


@pytest.fixture
def small():
    return bridge.build(LINES, tokenize)


def test_glosses_become_stemmed_phrases_without_labels_verbs_or_figurative_senses(small):
    assert small.zh["轴承"] == ("≈bear",)
    assert small.zh["发酵"] == ("≈ferment",)
    assert small.zh["风险投资"] == ("≈ventur capit invest",)
    assert small.zh["陈皮"] == ("≈dri tangerin peel",)
    assert "张" not in small.zh and "见" not in small.zh  # one character


def test_chinese_tokens_english_runs_and_headwords_inside_a_longer_token_meet(small):
    english = small.keys(tokenize("Venture capital investment for bearing fermentation"))
    chinese = small.keys(tokenize("发酵罐 风险投资 轴承"))
    assert english & chinese == {"≈ventur capit invest", "≈bear", "≈ferment"}
    assert small.keys(["废水"]) & small.keys(["污水"]) == {"≈wast water"}


def test_the_shipped_file_reads_back_what_was_saved(small, tmp_path):
    path = tmp_path / "bridge.tsv.gz"
    bridge.save(small, path)
    assert bridge.load(path).zh == small.zh
    shipped = bridge.default()
    assert shipped is not None and shipped.zh["轴承"] == ("≈bear",)


def expert(id, text, **kw):
    return ExpertIn(id=id, name=f"E{id}", tokens=tuple(tokenize(text)), **kw)


def test_an_english_need_finds_the_chinese_expert_through_the_dictionary(small):
    experts = [expert(1, "轴承 失效 分析 寿命"), expert(2, "区块链 金融 监管")]
    experts += [expert(10 + i, f"机器人 控制 {i}") for i in range(8)]
    m = Matcher([], experts, bridge=small)
    n = NeedIn(id=1, title="Bearing", tokens=tuple(tokenize("bearing fails early")))
    lists = m.run_full([n])
    assert [m.index.experts[pos].id for pos, _ in lists[1]] == [1]
    block = need_block(m.index, [n])
    rules, reasons = explain(m.index, block, 0, m.index.pos[1], m.rules)
    assert rules["keywords"] > 0
    assert {"rule": "keywords", "words": ["bear ↔ 轴承"]} in reasons


def test_without_the_bridge_the_keyword_rule_is_unchanged(small):
    experts = [expert(1, "bearing failure"), expert(2, "轴承")]
    n = NeedIn(id=1, title="Bearing", tokens=tuple(tokenize("bearing")))
    plain = Matcher([], experts)
    assert need_block(plain.index, [n]).keyword.sum() == pytest.approx(1.0)
    assert not plain.run_full([n])[1] or plain.lists[1][0][0] == plain.index.pos[1]


def test_matrix_scores_equal_naive_scores_with_the_bridge(small):
    topics, experts, needs, _ = generate(experts=120, needs=20, seed=3)
    m = Matcher(topics, experts, bridge=bridge.default())
    block = need_block(m.index, needs)

    dense = score_block(m.index, block, m.rules)
    for a, n in enumerate(needs):
        for b, e in enumerate(experts):
            slow = naive_score(m.index, n, e, m.rules)
            if np.isinf(slow) or np.isinf(dense[a, b]):
                assert slow == dense[a, b]
            else:
                assert abs(slow - dense[a, b]) <= 1e-9
    replace_expert_row(m.index, experts[0])  # an edited profile keeps the same row
    assert np.allclose(score_block(m.index, need_block(m.index, needs), m.rules), dense)

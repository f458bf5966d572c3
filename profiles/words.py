"""Words below taxonomy and text: English stop words and stemming, Chinese stop words.

Both the taxonomy's index (English phrases of topic names) and the tokenizer use them, so they
live here, below both, and import nothing of ours.
"""

import re
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[a-z0-9][a-z0-9+#&\-]*")

_STOP_EN = """a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers him his how i if in into is it its itself just me
more most my no nor not of off on once only or other our ours out over own same she should so some
such than that the their them then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your need needs want
wants like looking seek seeking help use using based new"""
_STOP_ZH = """的 了 和 与 及 或 等 在 是 对 为 于 中 上 下 将 从 以 及其 其 并 并且 而 也
就 都 而且 但 但是 我们 我 你 您 他们 他 她 它 这 那 这些 那些 一个 一些 一种 进行 需要
希望 可以 能够 通过 方面 相关 问题 方案 开展 提供 合作 目前 现在 已经 主要 具有 包括 以及
其中 如何 有 没有 不 很 较 更 最 多 少 大 小 用 由 被 让 把 给 向 之 所 个 年 月 日 时 后
前 内 外 多家 多项 多型 长期 从事 研究 专注 实现 提升 提高 降低 解决 存在 导致 计划 首次
偏高 明显"""
STOP_EN = frozenset(_STOP_EN.split())
STOP_ZH = frozenset(_STOP_ZH.split())

_STEMMER = snowballstemmer.stemmer("english")
_IZE = re.compile(r"iz(e|es|ed|ing|ation|ations)$")


# Words Snowball would merge with a word of another meaning (engineering and engines both give
# "engin", hospitality and hospital "hospit"): each keeps a stem of its own, plural included.
OVERSTEMMED = {
    "engineer": "engineer",
    "engineering": "engineer",
    "engineered": "engineer",
    "hospitality": "hospitality",
    "mechanism": "mechanism",
    "refrigerant": "refrigerant",
    "pharmaceutics": "pharmaceutics",
    "headhunter": "headhunter",
    "governance": "governance",
    "conservancy": "conservancy",
    "tourism": "tourism",
    "cultural": "cultural",
    "university": "university",
    "universal": "universal",
    "organic": "organic",
    "organ": "organ",
    "general": "general",
    "generator": "generator",
    "communism": "communism",
    "community": "community",
    "communication": "communication",
    "policy": "policy",
    "police": "police",
}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """An English word's Snowball (Porter 2) stem: plural, -ing, -ed and derived forms and
    British spellings meet one form ("bearings" and "bearing" → "bear", "organised" and
    "organized" → "organis").

    Applied identically to taxonomy terms and to text, so it need only be consistent.
    """
    if len(word) <= 4 or not word.isalpha():
        return word  # acronyms and short words (AIS, BMS, gas) stay as written
    fixed = OVERSTEMMED.get(word) or OVERSTEMMED.get(word[:-1] if word.endswith("s") else "")
    if fixed:
        return fixed
    # Snowball treats -ize and -ise alike only after its step 2; meet them first.
    word = _IZE.sub(r"is\1", word)
    return _STEMMER.stemWord(word)


def english_tokens(text: str) -> list[str]:
    """Lower-cased, stemmed English words without stop words."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOP_EN and len(w) > 1]

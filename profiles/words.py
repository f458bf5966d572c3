"""Words below taxonomy and text: English stop words and stemming, Chinese stop words.

Both the taxonomy's index (English phrases of topic names) and the tokenizer use them, so they
live here, below both, and import nothing of ours.
"""

import re

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

_DERIVATIONAL = (
    ("ational", "ate"),
    ("ization", "ize"),
    ("isation", "ize"),
    ("ousness", "ous"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ise", "ize"),
)
_VOWEL = re.compile(r"[aeiouy]")


def stem(word: str) -> str:
    """A light English stemmer (Porter's steps 1a and 1b, a few of step 2): enough that plural,
    -ing and -ed forms and British spellings meet their base form.

    It is applied identically to taxonomy terms and to text, so it need only be consistent.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    # 1a: plurals.
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    # 1b: -ing and -ed when a vowel stays before them.
    for suffix in ("ing", "ed"):
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 3 and _VOWEL.search(base):
            if base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # planned → plan; rolling → roll stays
            if base.endswith("is"):
                base = base[:-1] + "z"  # organised → organiz, like organized
            word = base
            break
    for suffix, replacement in _DERIVATIONAL:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


def english_tokens(text: str) -> list[str]:
    """Lower-cased, stemmed English words without stop words."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOP_EN and len(w) > 1]

"""Tokens and taxonomy terms: how stored tokens become keywords and topics.

The engine never segments text: tokens come from the one tokenizer (`profiles.text.tokenize`),
stored on save. Here they are filtered and mapped onto taxonomy topics through the bilingual
names and synonyms, so that 「污水处理」 in a Chinese need and "wastewater treatment" in an
English profile land on the same topic id.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

_CJK = re.compile(r"[\u3400-\u9fff]")

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "this",
        "to",
        "we",
        "with",
        "will",
        "can",
        "need",
        "needs",
        "looking",
        "seek",
        "seeking",
        "help",
        "want",
        "company",
        "project",
        "our",
        "us",
        "you",
        "your",
        "new",
        "use",
        "using",
        "based",
        "about",
        "more",
        "how",
        "what",
        "which",
        "who",
        "我们",
        "公司",
        "企业",
        "需要",
        "希望",
        "寻求",
        "寻找",
        "进行",
        "相关",
        "问题",
        "方面",
        "技术",
        "项目",
        "合作",
        "一个",
        "以及",
        "提供",
        "开展",
        "目前",
        "如何",
        "可以",
        "能够",
        "研究",
        "专家",
        "方向",
        "主要",
        "工作",
        "领域",
        "应用",
        "发展",
        "提升",
        "解决",
        "实现",
        "建设",
        "有关",
        "我司",
    ]
)


@lru_cache(maxsize=500_000)
def normalise(text: str) -> str:
    """Full-width to half-width, lower case, single spaces."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return " ".join(text.split())


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def keyword_tokens(tokens: Iterable[str]) -> set[str]:
    """Distinct tokens that carry meaning (no stopwords, no single Chinese characters), and the
    character pairs inside longer Chinese words, so that compounds the taxonomy does not know
    still meet (「高氨氮废水」 and 「氨氮去除」 share 氨氮). IDF weighs every pair like a word."""
    kept: set[str] = set()
    for token in tokens:
        kept.update(_keep(token))
    return kept


@lru_cache(maxsize=500_000)
def _keep(token: str) -> tuple[str, ...]:
    token = normalise(token)
    if not token or token in STOPWORDS:
        return ()
    if has_cjk(token):
        if len(token) < 2:
            return ()
        pairs = (token[i : i + 2] for i in range(len(token) - 1)) if len(token) > 2 else ()
        return (token, *(p for p in pairs if has_cjk(p) and p not in STOPWORDS))
    return () if len(token) < 2 or token.isdigit() else (token,)


class TermIndex:
    """Taxonomy names and synonyms (both languages) → topic id."""

    MAX_NGRAM = 4

    def __init__(self, topics: Sequence, stem=None):
        """`stem`: the English stemmer the stored tokens went through, applied to the names."""
        self.terms: dict[str, int] = {}
        for topic in topics:
            names = [topic.name_zh, topic.name_en, *topic.synonyms]
            for name in names:
                key = normalise(name)
                if stem is not None and not has_cjk(key):
                    key = " ".join(stem(word) for word in key.split())
                if key and key not in self.terms:
                    self.terms[key] = topic.id
        # Every prefix of a term, so joining tokens stops as soon as no term can follow.
        self.prefixes = {term[:k] for term in self.terms for k in range(1, len(term))}
        self.max_cjk = max((len(t) for t in self.terms if has_cjk(t)), default=0)

    def concepts(self, tokens: Sequence[str]) -> dict[int, str]:
        """Topics named in a token sequence → the surface term that named them.

        Consecutive tokens are joined (English with spaces, Chinese without) up to four, and
        longer Chinese tokens are searched for taxonomy terms they contain (「污水处理厂」).
        """
        found: dict[int, str] = {}
        toks = [t for t in tokens if t]  # stored tokens are already normalised
        terms, prefixes = self.terms, self.prefixes
        n = len(toks)
        for i in range(n):
            token = toks[i]
            for topic, surface in self._single(token):
                found.setdefault(topic, surface)
            if token not in prefixes:
                continue
            spaced = joined = token
            for j in range(i + 1, min(n, i + self.MAX_NGRAM)):
                spaced = f"{spaced} {toks[j]}" if spaced in prefixes else ""
                joined = f"{joined}{toks[j]}" if joined in prefixes else ""
                if not spaced and not joined:
                    break
                for candidate in (spaced, joined):
                    topic = terms.get(candidate) if candidate else None
                    if topic is not None:
                        found.setdefault(topic, candidate)
        return found

    @lru_cache(maxsize=500_000)  # noqa: B019 - few term indexes per process, tokens repeat
    def _single(self, token: str) -> tuple[tuple[int, str], ...]:
        topic = self.terms.get(token)
        if topic is not None:
            return ((topic, token),)
        if len(token) > 2 and has_cjk(token):
            return self._inside(token)
        return ()

    def _inside(self, token: str) -> tuple[tuple[int, str], ...]:
        """Terms inside a longer Chinese token, longest first, without overlaps."""
        found = []
        start = 0
        while start < len(token) - 1:
            for end in range(min(len(token), start + self.max_cjk), start + 1, -1):
                topic = self.terms.get(token[start:end])
                if topic is not None:
                    found.append((topic, token[start:end]))
                    start = end
                    break
            else:
                start += 1
        return tuple(found)

"""The topic taxonomy at run time: a per-process index of every name and synonym.

The index and the jieba segmenter (with every Chinese term as a user word, so that 水处理膜技术
stays whole) are built lazily, once per process, under a lock. Saving or deleting a topic bumps
a version in the shared cache; each process rebuilds on its next use after that.
"""

import json
import logging
import re
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import jieba
from django.core.cache import cache

from profiles.models import Topic
from profiles.words import english_tokens

_HAN = re.compile(r"[\u3400-\u9fff]+")
VERSION_KEY = "profiles:taxonomy-version"
_lock = threading.Lock()
_state: "_Index | None" = None
_segmenter: jieba.Tokenizer | None = None

jieba.setLogLevel(logging.WARNING)


@dataclass
class _Index:
    version: str | None
    by_term: dict[str, int] = field(default_factory=dict)  # casefolded term → topic id
    phrases: dict[tuple[str, ...], int] = field(default_factory=dict)  # stemmed English words
    longest: int = 1
    words: set[str] = field(default_factory=set)  # terms given to jieba


def taxonomy_changed() -> None:
    """Tell every process that topics changed (called when a topic is saved or deleted)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _build(version: str | None) -> _Index:
    index = _Index(version=version)
    for topic_id, name_zh, name_en, syn_zh, syn_en in Topic.objects.values_list(
        "id", "name_zh", "name_en", "synonyms_zh", "synonyms_en"
    ):
        for term in [name_zh, name_en, *(syn_zh or []), *(syn_en or [])]:
            term = (term or "").strip()
            if not term:
                continue
            index.by_term.setdefault(term.casefold(), topic_id)
            if _HAN.fullmatch(term):  # only runs of Chinese characters reach jieba
                index.words.add(term)
            words = tuple(english_tokens(term))
            if words and term.isascii():
                index.phrases.setdefault(words, topic_id)
                index.longest = max(index.longest, len(words))
    return index


def index() -> _Index:
    """The current index, rebuilt if the taxonomy changed since this process last built it."""
    global _state, _segmenter
    version = cache.get(VERSION_KEY)
    if version is None:
        # The shared cache lost the version (restart, flush): rebuild once everywhere.
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    state = _state
    if state is not None and state.version == version:
        return state
    with _lock:
        if _state is not None and _state.version == version:
            return _state
        fresh = _build(version)
        if _segmenter is None:
            _segmenter = jieba.Tokenizer()
            _segmenter.initialize()
        old_words = _state.words if _state is not None else set()
        for word in old_words - fresh.words:
            _segmenter.del_word(word)
        for word in fresh.words - old_words:
            _segmenter.add_word(word, freq=50000)
        _state = fresh
        return fresh


def segmenter() -> jieba.Tokenizer:
    """The process's jieba tokenizer with the taxonomy's terms loaded."""
    index()
    return _segmenter


def labels_to_topic_ids(labels: list[str]) -> tuple[list[int], list[str]]:
    """Like labels_to_topics, with topic ids and without any query."""
    idx = index()
    ids: list[int] = []
    unmatched: list[str] = []
    for label in labels:
        label = label.strip()
        topic_id = idx.by_term.get(label.casefold())
        if topic_id is None:
            if label:
                unmatched.append(label)
        elif topic_id not in ids:
            ids.append(topic_id)
    return ids, unmatched


def labels_to_topics(labels: list[str]) -> tuple[list, list[str]]:
    """Map free labels to topics by Chinese or English name or synonym (case-insensitive).

    Returns (topics in label order without repeats, labels that matched no topic).
    """
    ids, unmatched = labels_to_topic_ids(labels)
    by_id = Topic.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id], unmatched


def topic_ids_in_text(tokens: list[str]) -> list[int]:
    """Topics named in a token list (from `text.tokenize`): whole terms and English phrases."""
    idx = index()
    found: list[int] = []
    for i, token in enumerate(tokens):
        topic_id = idx.by_term.get(token)
        if topic_id is None:
            for n in range(min(idx.longest, len(tokens) - i), 0, -1):
                topic_id = idx.phrases.get(tuple(tokens[i : i + n]))
                if topic_id is not None:
                    break
        if topic_id is not None and topic_id not in found:
            found.append(topic_id)
    return found


DATA_FILE = Path(__file__).resolve().parent / "data" / "taxonomy.json"


def starter_topics() -> list[dict]:
    """The starter taxonomy's rows (profiles/data/taxonomy.json)."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def seed_topics(topic_model, rows: list[dict]) -> int:
    """Create or update topics from data rows (see profiles/data/README.md), by slug.

    Takes the model class, so that it works with a historical model too; returns how many rows
    were written. (Migration 0003 carries its own frozen copy of this and of the data.)
    """
    written = 0
    by_slug = {t.slug: t for t in topic_model.objects.all()}
    for row in rows:
        slug, parent = row["slug"], row["parent"]
        values = {
            "name_zh": row["name_zh"],
            "name_en": row["name_en"],
            "parent": by_slug[parent] if parent else None,
            "synonyms_zh": list(row["synonyms_zh"]),
            "synonyms_en": list(row["synonyms_en"]),
        }
        topic = by_slug.get(slug)
        if topic is None:
            by_slug[slug] = topic_model.objects.create(slug=slug, **values)
            written += 1
        elif any(getattr(topic, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(topic, key, value)
            topic.save()
            written += 1
    return written

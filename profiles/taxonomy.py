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
# The shipped taxonomy (migration 0007 loads it; `load_taxonomy` loads later versions).
CURRENT_FILE = DATA_FILE.with_name("taxonomy-v2.json")


def starter_topics() -> list[dict]:
    """The starter taxonomy's rows (profiles/data/taxonomy.json)."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def shipped_topics() -> list[dict]:
    """The shipped taxonomy's rows (profiles/data/taxonomy-v2.json)."""
    return json.loads(CURRENT_FILE.read_text(encoding="utf-8"))


def _merged_terms(current: list, shipped: list, removed: set[str], owner: dict, slug: str):
    """Staff's list with the file's new terms added and the file's dropped terms taken away."""
    out, seen = [], set()
    for term in [*(current or []), *shipped]:
        key = term.casefold()
        if key in seen or key in removed or owner.get(key, slug) != slug:
            continue
        seen.add(key)
        out.append(term)
    return out


def topics_merge(topic_model, rows: list[dict], previous: list[dict] | None = None) -> dict:
    """Load taxonomy rows into the database without losing staff edits.

    New slugs are created (parents first, as the file orders them). For existing topics the
    names and the parent staff set are kept; synonyms are the union of staff's and the file's,
    less those the file took away since `previous` (the version loaded before) and those the
    file gives to another topic (a term belongs to one topic). Nothing is deleted. Takes the
    model class so that a migration's historical model works too. Returns counts
    {"created", "updated", "unchanged"}.
    """
    before = {row["slug"]: row for row in previous or ()}
    owner: dict[str, str] = {}
    for row in rows:
        for term in [row["name_zh"], row["name_en"], *row["synonyms_zh"], *row["synonyms_en"]]:
            owner.setdefault(term.casefold(), row["slug"])
    by_slug = {t.slug: t for t in topic_model.objects.all()}
    names = {t.name_zh for t in by_slug.values()}
    counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
    for row in rows:
        slug, parent = row["slug"], row["parent"]
        topic = by_slug.get(slug)
        if topic is None and row["name_zh"] in names:
            counts["skipped"] += 1  # staff already named another topic so: theirs stays
            continue
        if topic is None:
            names.add(row["name_zh"])
            by_slug[slug] = topic_model.objects.create(
                slug=slug,
                name_zh=row["name_zh"],
                name_en=row["name_en"],
                parent=by_slug.get(parent) if parent else None,
                synonyms_zh=list(row["synonyms_zh"]),
                synonyms_en=list(row["synonyms_en"]),
            )
            counts["created"] += 1
            continue
        old = before.get(slug, {})
        values = {}
        for field_name in ("synonyms_zh", "synonyms_en"):
            removed = {t.casefold() for t in old.get(field_name, ())} - {
                t.casefold() for t in row[field_name]
            }
            values[field_name] = _merged_terms(
                getattr(topic, field_name), row[field_name], removed, owner, slug
            )
        if topic.parent_id is None and parent and parent in by_slug and not old.get("parent"):
            values["parent"] = by_slug[parent]
        if all(getattr(topic, key) == value for key, value in values.items()):
            counts["unchanged"] += 1
            continue
        for key, value in values.items():
            setattr(topic, key, value)
        topic.save()
        counts["updated"] += 1
    return counts


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

"""The engine's inputs as plain data, and the adapters from records to them.

This is the only module that knows where the data comes from. The engine never touches a
model: wiring a new profile field (topics, forms of cooperation, languages, opt-out…) means
filling one more attribute here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

OPEN_NEED_STATUSES = frozenset({"submitted", "acknowledged", "in_progress"})
CLOSED_NEED_STATUSES = frozenset({"resolved", "closed"})
NEED_CATEGORIES = ("technology", "talent", "financing", "policy", "market", "other")


@dataclass(frozen=True, slots=True)
class TopicIn:
    """One taxonomy node, in the shape of the profiles taxonomy."""

    id: int
    slug: str
    name_zh: str
    name_en: str
    synonyms: tuple[str, ...] = ()
    parent_id: int | None = None
    # Optional discipline of the branch ("engineering", "finance", "law"…); inherited by children.
    discipline: str = ""


@dataclass(slots=True)
class ExpertIn:
    id: int
    name: str = ""
    topic_ids: tuple[int, ...] = ()
    # Tokens stored on save (jieba for Chinese, lower-case words for English), normalised by
    # text.normalise (NFKC, lower case): the engine does not normalise them again.
    tokens: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("zh-hans",)
    # Discipline hints: finance, economics, law, management, policy, engineering, science…
    disciplines: tuple[str, ...] = ()
    # Institution names, in any language, with aliases and departments.
    institutions: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    available: bool = True
    opted_out: bool = False
    active_engagements: int = 0
    max_engagements: int = 0  # 0: no limit
    event_ids: tuple[int, ...] = ()  # registered upcoming events
    unclaimed: bool = False  # imported, not claimed: shown to organizers only


@dataclass(slots=True)
class NeedIn:
    id: int
    company: str = ""
    parent_organisation: str = ""
    category: str = "technology"
    topic_ids: tuple[int, ...] = ()
    tokens: tuple[str, ...] = ()
    forms_wanted: tuple[str, ...] = ()
    status: str = "submitted"
    event_ids: tuple[int, ...] = ()  # events the company's people registered for
    title: str = ""


@dataclass(frozen=True, slots=True)
class EventIn:
    id: int
    name_zh: str = ""
    name_en: str = ""
    starts_on: date | None = None


@dataclass(slots=True)
class MatchInputs:
    topics: list[TopicIn] = field(default_factory=list)
    experts: list[ExpertIn] = field(default_factory=list)
    needs: list[NeedIn] = field(default_factory=list)
    events: dict[int, EventIn] = field(default_factory=dict)
    excluded_pairs: set[tuple[int, int]] = field(default_factory=set)  # (need id, expert id)


def _tuple(value) -> tuple:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.replace("，", ",").split(",") if part.strip())
    return tuple(value)


def topic_from_mapping(row: Mapping) -> TopicIn:
    return TopicIn(
        id=int(row["id"]),
        slug=row.get("slug", str(row["id"])),
        name_zh=row.get("name_zh", ""),
        name_en=row.get("name_en", ""),
        synonyms=_tuple(row.get("synonyms")),
        parent_id=row.get("parent_id"),
        discipline=row.get("discipline", "") or "",
    )


def topics_from_fixture(rows: Iterable[Mapping]) -> list[TopicIn]:
    """Topics from rows keyed by slug (`parent` is a slug), as in the taxonomy fixture."""
    rows = list(rows)
    ids = {row["slug"]: index + 1 for index, row in enumerate(rows)}
    return [
        TopicIn(
            id=ids[row["slug"]],
            slug=row["slug"],
            name_zh=row.get("name_zh", ""),
            name_en=row.get("name_en", ""),
            synonyms=_tuple(row.get("synonyms")),
            parent_id=ids.get(row.get("parent") or ""),
            discipline=row.get("discipline", "") or "",
        )
        for row in rows
    ]


def expert_from_mapping(row: Mapping) -> ExpertIn:
    return ExpertIn(
        id=int(row["id"]),
        name=row.get("name", ""),
        topic_ids=_tuple(row.get("topic_ids")),
        tokens=_tuple(row.get("tokens")),
        languages=_tuple(row.get("languages")) or ("zh-hans",),
        disciplines=_tuple(row.get("disciplines")),
        institutions=_tuple(row.get("institutions")),
        forms=_tuple(row.get("forms")),
        available=bool(row.get("available", True)),
        opted_out=bool(row.get("opted_out", False)),
        active_engagements=int(row.get("active_engagements", 0)),
        max_engagements=int(row.get("max_engagements", 0)),
        event_ids=_tuple(row.get("event_ids")),
        unclaimed=bool(row.get("unclaimed", False)),
    )


def need_from_mapping(row: Mapping) -> NeedIn:
    return NeedIn(
        id=int(row["id"]),
        company=row.get("company", ""),
        parent_organisation=row.get("parent_organisation", ""),
        category=row.get("category", "technology"),
        topic_ids=_tuple(row.get("topic_ids")),
        tokens=_tuple(row.get("tokens")),
        forms_wanted=_tuple(row.get("forms_wanted")),
        status=row.get("status", "submitted"),
        event_ids=_tuple(row.get("event_ids")),
        title=row.get("title", ""),
    )


def expert_from_profile(profile, *, tokens=None, event_ids=(), active_engagements=0) -> ExpertIn:
    """An `ExpertProfile` as engine input.

    Fields the profiles app does not have yet (topics, forms, languages, opt-out…) are read
    with defaults, so this keeps working while they are added; wire them here.
    """
    from matching.engine.text import tokenize

    text = " ".join(filter(None, [profile.fields_text, profile.research_summary, profile.title]))
    topics = getattr(profile, "topics", None)
    topic_ids = tuple(topics.values_list("id", flat=True)) if topics is not None else ()
    institutions = [profile.institution, getattr(profile, "institution_en", "")]
    institutions += list(_tuple(getattr(profile, "institution_aliases", ())))
    return ExpertIn(
        id=profile.pk,
        name=profile.name,
        topic_ids=topic_ids,
        tokens=tuple(
            tokens if tokens is not None else getattr(profile, "tokens", None) or tokenize(text)
        ),
        languages=_tuple(getattr(profile, "languages", ())) or ("zh-hans",),
        disciplines=_tuple(getattr(profile, "disciplines", ())),
        institutions=tuple(name for name in institutions if name),
        forms=_tuple(getattr(profile, "cooperation_forms", ())),
        available=bool(getattr(profile, "is_available", True)),
        opted_out=bool(getattr(profile, "opted_out", False)),
        active_engagements=active_engagements,
        max_engagements=int(getattr(profile, "max_engagements", 0) or 0),
        event_ids=tuple(event_ids),
        unclaimed=profile.user_id is None,
    )


def need_from_model(need, *, tokens=None, event_ids=()) -> NeedIn:
    """A profiles `Need` as engine input (see `expert_from_profile` about missing fields)."""
    from matching.engine.text import tokenize

    company = need.company
    parent = getattr(company, "parent_organisation", None) or getattr(company, "parent", None)
    topics = getattr(need, "topics", None)
    return NeedIn(
        id=need.pk,
        company=company.name,
        parent_organisation=str(getattr(parent, "name", parent) or ""),
        category=need.category,
        topic_ids=tuple(topics.values_list("id", flat=True)) if topics is not None else (),
        tokens=tuple(
            tokens
            if tokens is not None
            else getattr(need, "tokens", None) or tokenize(f"{need.title} {need.description}")
        ),
        forms_wanted=_tuple(getattr(need, "cooperation_forms", ())),
        status=need.status,
        event_ids=tuple(event_ids),
        title=need.title,
    )

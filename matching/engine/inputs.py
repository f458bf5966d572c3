"""The engine's inputs as plain data, and the adapters from records to them.

This is the only module that knows where the data comes from. The engine never touches a
model: wiring a new profile field (topics, forms of cooperation, languages, opt-out…) means
filling one more attribute here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from matching.engine.institutions import mentioned_organisations

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
    # Stated fields (the profile's field labels, as typed): words in them weigh more than the
    # same words in the research summary.
    labels: tuple[str, ...] = ()
    # Organisations the free text says the expert works for, advises or owns part of
    # (institutions.mentioned_organisations): conflicts of interest like the institutions.
    affiliations: tuple[str, ...] = ()
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
    status: str = "submitted"  # shown in outputs; the engine reads `open`
    # Whether the need still wants experts: the adapter says so (Need.is_open), so the engine
    # knows no list of statuses of its own.
    open: bool = True
    event_ids: tuple[int, ...] = ()  # events the company's people registered for
    title: str = ""
    # Tags as typed: with the title, their words weigh more than the same words in the body.
    labels: tuple[str, ...] = ()


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
        affiliations=_tuple(row.get("affiliations")),
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
        open=bool(row.get("open", True)),
        event_ids=_tuple(row.get("event_ids")),
        title=row.get("title", ""),
    )


# Disciplines of the shipped taxonomy's roots (profiles/data/taxonomy*.json), for the category
# rule: a topic inherits its root's discipline. Unknown roots have none.
ROOT_DISCIPLINES = {
    "finance": "finance",
    "environment": "engineering",
    "mechanical-engineering": "engineering",
    "appliances-cold-chain": "engineering",
    "marine-engineering": "engineering",
    "new-materials": "science",
    "ai-iot": "engineering",
    "biomedicine": "medicine",
    "new-energy": "engineering",
    "hr-talent": "management",
    "law-ip": "law",
    "management-marketing": "management",
    # Roots added by version 2 (profiles/data/taxonomy-v2.json, its `discipline` field).
    "public-policy": "policy",
    "agriculture-food": "agriculture",
    "transport-logistics": "engineering",
    "construction": "engineering",
    "chemical-industry": "engineering",
    "textiles": "engineering",
    "mining-metallurgy": "engineering",
    "culture-tourism": "management",
    "basic-sciences": "science",
}


def topics_from_taxonomy_rows(rows: Iterable[Mapping]) -> list[TopicIn]:
    """Topics from rows shaped like profiles/data/taxonomy.json (ids in file order, from 1)."""
    rows = list(rows)
    ids = {row["slug"]: index + 1 for index, row in enumerate(rows)}
    return [
        TopicIn(
            id=index + 1,
            slug=row["slug"],
            name_zh=row.get("name_zh", ""),
            name_en=row.get("name_en", ""),
            synonyms=tuple(row.get("synonyms_zh", ())) + tuple(row.get("synonyms_en", ())),
            parent_id=ids.get(row.get("parent") or ""),
            discipline=row.get("discipline") or ROOT_DISCIPLINES.get(row["slug"], ""),
        )
        for index, row in enumerate(rows)
    ]


def topic_from_model(topic) -> TopicIn:
    """A `profiles.Topic` (synonyms_zh / synonyms_en lists, parent FK)."""
    return TopicIn(
        id=topic.pk,
        slug=topic.slug,
        name_zh=topic.name_zh,
        name_en=topic.name_en,
        synonyms=tuple(getattr(topic, "synonyms_zh", ()) or ())
        + tuple(getattr(topic, "synonyms_en", ()) or ()),
        parent_id=topic.parent_id,
        discipline=ROOT_DISCIPLINES.get(topic.slug, ""),
    )


def expert_from_profile(
    profile, *, event_ids=(), active_engagements: int = 0, topic_ids=None
) -> ExpertIn:
    """A `profiles.ExpertProfile` as engine input.

    Reads the fields the profiles app documents (docs/profiles.md): topics (M2M, declared and
    found in the text), tokens (stored on save), cooperation_forms, languages,
    matching_opt_out, max_active_engagements, claimed_at. Pass `topic_ids` when prefetched.
    Fields missing on an older model read as defaults.
    """
    if topic_ids is None:
        topics = getattr(profile, "topics", None)
        topic_ids = tuple(t.pk for t in topics.all()) if topics is not None else ()
    institutions = [profile.institution, getattr(profile, "department", "")]
    institutions = [name for name in institutions[:1] if name]
    claimed = getattr(profile, "claimed_at", None) is not None or bool(
        getattr(profile, "user_id", None)
    )
    return ExpertIn(
        id=profile.pk,
        name=profile.name,
        topic_ids=tuple(topic_ids),
        tokens=tuple(getattr(profile, "tokens", None) or ()),
        languages=tuple(getattr(profile, "languages", None) or ()) or ("zh-hans",),
        disciplines=tuple(getattr(profile, "disciplines", None) or ()),
        institutions=tuple(institutions),
        labels=(getattr(profile, "fields_text", "") or "",),
        affiliations=mentioned_organisations(
            "\n".join([profile.research_summary or "", *map(str, profile.achievements or ())])
        ),
        forms=tuple(getattr(profile, "cooperation_forms", None) or ()),
        available=bool(getattr(profile, "is_available", True)),
        opted_out=bool(getattr(profile, "matching_opt_out", False)),
        active_engagements=active_engagements,
        max_engagements=int(getattr(profile, "max_active_engagements", 0) or 0),
        event_ids=tuple(event_ids),
        unclaimed=not claimed,
    )


def need_from_model(need, *, event_ids=(), topic_ids=None) -> NeedIn:
    """A `profiles.Need` as engine input; the company's parent is `parent` or `parent_name`."""
    company = need.company
    parent = getattr(company, "parent", None)
    parent_name = parent.name if parent is not None else getattr(company, "parent_name", "")
    if topic_ids is None:
        topics = getattr(need, "topics", None)
        topic_ids = tuple(t.pk for t in topics.all()) if topics is not None else ()
    return NeedIn(
        id=need.pk,
        company=company.name,
        parent_organisation=parent_name or "",
        category=need.category,
        topic_ids=tuple(topic_ids),
        tokens=tuple(getattr(need, "tokens", None) or ()),
        forms_wanted=tuple(getattr(need, "cooperation_forms", None) or ()),
        status=need.status,
        open=bool(need.is_open),
        event_ids=tuple(event_ids),
        title=need.title,
        labels=tuple(getattr(need, "keywords", None) or ()),
    )

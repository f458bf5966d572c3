"""Why a pair was suggested: each rule's contribution, and reasons in the viewer's language.

Built only for the pairs kept in the top lists. `explain` returns language-neutral data (what
is stored with a suggestion); `render_reasons` turns it into sentences for one language.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matching.engine import rules as R
from matching.engine.index import ExpertIndex, NeedBlock
from matching.engine.inputs import EventIn
from matching.engine.rules import RuleSet

FORM_LABELS = {
    "consulting": gettext_lazy("consulting"),
    "joint_research": gettext_lazy("joint research"),
    "joint_rd": gettext_lazy("joint research"),
    "talent": gettext_lazy("talent recommendation"),
    "technology_transfer": gettext_lazy("technology transfer"),
    "training": gettext_lazy("training"),
    "part_time": gettext_lazy("part-time post"),
    "lecture": gettext_lazy("lecture"),
}
DISCIPLINE_LABELS = {
    "engineering": gettext_lazy("engineering"),
    "science": gettext_lazy("science"),
    "medicine": gettext_lazy("medicine"),
    "agriculture": gettext_lazy("agriculture"),
    "finance": gettext_lazy("finance"),
    "economics": gettext_lazy("economics"),
    "law": gettext_lazy("law"),
    "management": gettext_lazy("management"),
    "policy": gettext_lazy("public policy"),
    "education": gettext_lazy("education"),
}
CATEGORY_LABELS = {
    "technology": gettext_lazy("technology"),
    "talent": gettext_lazy("talent"),
    "financing": gettext_lazy("financing"),
    "policy": gettext_lazy("policy"),
    "market": gettext_lazy("market"),
    "other": gettext_lazy("other"),
}
MAX_TOPICS = 3
MAX_WORDS = 4


def explain(
    index: ExpertIndex,
    block: NeedBlock,
    i: int,
    pos: int,
    rules: RuleSet,
    cache: dict | None = None,
) -> tuple[dict[str, float], list[dict]]:
    """Rule contributions (summing to the score) and reason data for need row i, expert pos.

    `cache` (any dict, shared across calls of one pass) keeps rows already read.
    """
    cache = {} if cache is None else cache
    need = block.needs[i]
    expert = index.experts[pos]
    tax = index.taxonomy
    width = len(tax)
    need_row = cache.get((id(block), i))
    if need_row is None:
        t_cols, t_vals = _row(block.topic, i)
        k_cols, k_vals = _row(block.keyword, i)
        need_row = cache[(id(block), i)] = list(
            zip(
                t_cols.tolist() + (k_cols + width).tolist(),
                t_vals.tolist() + k_vals.tolist(),
                strict=True,
            )
        )
    expert_row = cache.get(pos)
    if expert_row is None:
        e_cols, e_vals = _row(index.features, pos)
        expert_row = cache[pos] = dict(zip(e_cols.tolist(), e_vals.tolist(), strict=True))
    topic_parts, kw_parts = {}, {}
    for col, value in need_row:
        other = expert_row.get(col)
        if other is not None:
            if col < width:
                topic_parts[col] = value * other
            else:
                kw_parts[col - width] = value * other
    category = int(block.category[i])
    form_value = form_value_of(index, block.forms[i], pos)
    shared_events = sorted(set(need.event_ids) & set(expert.event_ids))
    contributions = {
        "topic": rules.weight("topic") * sum(topic_parts.values()),
        "keywords": rules.weight("keywords") * sum(kw_parts.values()),
        "category": rules.weight("category") * float(index.category_score[category, pos]),
        "form": rules.weight("form") * form_value,
        "availability": rules.weight("availability") * float(index.available[pos]),
        "event": rules.weight("event") * (1.0 if shared_events else 0.0),
    }
    reasons: list[dict] = []
    if rules.weight("topic"):
        need_concepts, expert_concepts = block.concepts[i], index.concepts[pos]
        for col, _part in sorted(topic_parts.items(), key=lambda kv: -kv[1])[:MAX_TOPICS]:
            mine, theirs = need_concepts[col], expert_concepts[col]
            if mine.kind == "parent" or theirs.kind == "parent":
                need_topic, expert_topic = _child(tax, mine, col), _child(tax, theirs, col)
                if need_topic == expert_topic:
                    continue  # the shared child topic already says it
                reasons.append(
                    {
                        "rule": "topic",
                        "kind": "related",
                        "topic": tax.topics[col].id,
                        "need_topic": need_topic,
                        "expert_topic": expert_topic,
                    }
                )
            else:
                reasons.append(
                    {
                        "rule": "topic",
                        "kind": "shared",
                        "topic": tax.topics[col].id,
                        "need_term": mine.surface,
                        "expert_term": theirs.surface,
                    }
                )
    if kw_parts and rules.weight("keywords"):
        best = sorted(kw_parts, key=lambda col: -kw_parts[col])[:MAX_WORDS]
        words = []
        for col in best:
            word = index.vocab_words[col]
            if col in index.bridge_cols:
                # A dictionary gloss: name each side's own word (「轴承 ↔ bear」).
                mine = tax.bridge.surface(need.tokens, word)
                theirs = tax.bridge.surface(expert.tokens, word)
                word = mine if mine == theirs else f"{mine} ↔ {theirs}"
            if word not in words:
                words.append(word)
        reasons.append({"rule": "keywords", "words": words})
    if contributions["category"] > 0:
        fit = R.CATEGORY_FIT.get(need.category, {})
        best = max(index.disciplines[pos], key=lambda d: (fit.get(d, 0.0), d), default="")
        reasons.append({"rule": "category", "discipline": best, "category": need.category})
    if form_value == 1.0 and rules.weight("form"):
        forms = sorted(set(need.forms_wanted) & set(expert.forms))
        reasons.append({"rule": "form", "forms": forms})
    if shared_events and rules.weight("event"):
        reasons.append({"rule": "event", "events": shared_events})
    return contributions, reasons


def _row(matrix, i: int):
    start, stop = matrix.indptr[i], matrix.indptr[i + 1]
    return matrix.indices[start:stop], matrix.data[start:stop]


def form_value_of(index: ExpertIndex, wanted: tuple[int, ...], pos: int) -> float:
    """The form rule's value for one pair (as `scoring.form_vector` for one expert)."""
    if not wanted or not index.has_forms[pos]:
        return R.FORM_UNKNOWN
    return 1.0 if any(c >= 0 and index.offered[pos, c] for c in wanted) else 0.0


def _child(tax, concept, col) -> int:
    """The topic a side actually has, for a match through a parent."""
    return tax.topics[concept.via].id if concept.kind == "parent" else tax.topics[col].id


def render_reasons(
    reasons: list[dict], *, lang: str, topics: dict, events: dict[int, EventIn] | None = None
) -> list[str]:
    """Sentences for `reasons` in `lang` (zh-hans or en); `topics` maps id → TopicIn."""
    events = events or {}
    zh = lang.startswith("zh")

    def name(topic_id: int) -> str:
        topic = topics.get(topic_id)
        if topic is None:
            return str(topic_id)
        return (topic.name_zh or topic.name_en) if zh else (topic.name_en or topic.name_zh)

    out = []
    with translation.override(lang):
        for reason in reasons:
            rule = reason["rule"]
            if rule == "topic" and reason["kind"] == "shared":
                topic = name(reason["topic"])
                # Evidence from both sides, each in its own words (a tagged topic by its name).
                need_side = reason.get("need_term") or topic
                expert_side = reason.get("expert_term") or topic
                if need_side.casefold() != expert_side.casefold():
                    out.append(
                        _("Need: %(need)s ↔ expert: %(expert)s")
                        % {"need": need_side, "expert": expert_side}
                    )
                else:
                    out.append(_("Shared field: %(topic)s") % {"topic": topic})
            elif rule == "topic":
                out.append(
                    _(
                        "Related fields under %(topic)s: the need’s %(need)s, "
                        "the expert’s %(expert)s"
                    )
                    % {
                        "topic": name(reason["topic"]),
                        "need": name(reason["need_topic"]),
                        "expert": name(reason["expert_topic"]),
                    }
                )
            elif rule == "keywords":
                sep = "、" if zh else ", "
                out.append(_("Shared keywords: %(words)s") % {"words": sep.join(reason["words"])})
            elif rule == "category":
                out.append(
                    _("Expertise in %(discipline)s suits a %(category)s need")
                    % {
                        "discipline": DISCIPLINE_LABELS.get(
                            reason["discipline"], reason["discipline"]
                        ),
                        "category": CATEGORY_LABELS.get(reason["category"], reason["category"]),
                    }
                )
            elif rule == "form":
                sep = "、" if zh else ", "
                labels = [str(FORM_LABELS.get(f, f)) for f in reason["forms"]]
                out.append(
                    _("Offers the cooperation wanted: %(forms)s") % {"forms": sep.join(labels)}
                )
            elif rule == "event":
                for event_id in reason["events"]:
                    out.append(_event_reason(events.get(event_id), zh))
    return out


def _event_reason(event: EventIn | None, zh: bool) -> str:
    if event is None:
        return _("Both attend the same upcoming event")
    title = (event.name_zh or event.name_en) if zh else (event.name_en or event.name_zh)
    if event.starts_on is None:
        return _("Both attend %(event)s") % {"event": title}
    day = (
        f"{event.starts_on.month}月{event.starts_on.day}日"
        if zh
        else event.starts_on.strftime("%-d %b")
    )
    return _("Both attend the %(date)s %(event)s") % {"date": day, "event": title}

"""Rankings: the production path (import commands → `suggest --format json`) and a baseline."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from io import StringIO

from django.core.management import call_command

from matching.evaluation import metrics
from matching.evaluation.dataset import DATA_DIR, Dataset, is_held_out, load

TOP = 5


def production_rankings(data: Dataset) -> dict:
    """Import the set into the current database and rank as the operator's `suggest` does.

    Returns {(company, title): [expert email, …]} for every need in the set.
    """
    for command, path in (("import_experts", data.experts_file), ("import_needs", data.needs_file)):
        out = StringIO()
        try:
            call_command(command, str(path), "--no-progress", stdout=out, stderr=StringIO())
        except SystemExit as exit_:  # exit 1: some rows rejected; the rest are imported
            if exit_.code not in (0, 1, None):
                raise
    out = StringIO()
    call_command("suggest", "--top", str(TOP), "--format", "json", stdout=out)
    needs = json.loads(out.getvalue())["needs"]
    return {
        (need["company"], need["title"]): [s["email"] for s in need["suggestions"]]
        for need in needs
    }


_RUN = re.compile(r"[\u3400-\u9fff]+|[a-z0-9]+")


def _bigrams(text: str) -> set[str]:
    text = unicodedata.normalize("NFKC", text or "").lower()
    grams = set()
    for run in _RUN.findall(text):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def baseline_rankings(data: Dataset) -> dict:
    """Naive character-bigram overlap (cosine of bigram sets), no knowledge, no constraints."""
    experts = [
        (e["email"], _bigrams(" ".join([e["fields"], e["research_summary"]]))) for e in data.experts
    ]
    out = {}
    for need in data.needs:
        mine = _bigrams(" ".join([need["title"], need["description"], need["tags"]]))
        scored = []
        for email, grams in experts:
            shared = len(mine & grams)
            if shared:
                scored.append((-shared / math.sqrt(len(mine) * len(grams)), email))
        out[(need["company"], need["title"])] = [email for _s, email in sorted(scored)[:TOP]]
    return out


def conflicts_in_top(rankings: dict, data: Dataset, k: int = TOP) -> int:
    """Conflicted (need, expert) pairs found in any top k."""
    return sum(
        1
        for key, ranked in rankings.items()
        for email in ranked[:k]
        if email in data.conflicts.get(key, ())
    )


def report(data: Dataset, rankings: dict, baseline: dict) -> dict:
    """Figures for all needs, the dev and the held-out halves, per kind, and the baseline."""
    keys = [(n["company"], n["title"]) for n in data.needs]
    held = [k for k in keys if is_held_out(k)]
    dev = [k for k in keys if not is_held_out(k)]
    kinds = sorted({kind for ks in data.kinds.values() for kind in ks})
    ideal = metrics.perfect(data.grades)
    return {
        "all": metrics.summary(rankings, data.grades, keys),
        "dev": metrics.summary(rankings, data.grades, dev),
        "held_out": metrics.summary(rankings, data.grades, held),
        "held_out_by_kind": {
            kind: metrics.summary(
                rankings, data.grades, [k for k in held if kind in data.kinds.get(k, ())]
            )
            for kind in kinds
        },
        "by_kind": {
            kind: metrics.summary(
                rankings, data.grades, [k for k in keys if kind in data.kinds.get(k, ())]
            )
            for kind in kinds
        },
        "baseline": {
            "all": metrics.summary(baseline, data.grades, keys),
            "held_out": metrics.summary(baseline, data.grades, held),
        },
        "perfect": {"all": metrics.summary(ideal, data.grades, keys)},
        "conflicts_in_top5": conflicts_in_top(rankings, data),
        "needs_without_suggestions": sum(1 for k in keys if not rankings.get(k)),
        "mean_suggestions": round(sum(len(rankings.get(k, [])) for k in keys) / len(keys), 2),
    }


def evaluate(directory=DATA_DIR) -> dict:
    """The whole evaluation against the current database (which it fills with the set)."""
    data = load(directory)
    return report(data, production_rankings(data), baseline_rankings(data))

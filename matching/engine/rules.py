"""Rules are data: a name, a weight and a switch. Hosts override weights or switch rules off.

Each scoring rule yields a value in [0, 1] for a (need, expert) pair; the score is the sum of
weight × value over the enabled rules. Hard constraints remove a pair whatever its score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Scoring rules and their default weights (they sum to 1, so a score is in [0, 1]).
DEFAULT_WEIGHTS: dict[str, float] = {
    "topic": 0.40,  # shared topics through taxonomy, synonyms, languages and parents (IDF)
    "keywords": 0.40,  # shared free-text tokens (IDF), so a need without topics still matches
    "category": 0.08,  # the expert's discipline fits the need's category
    "form": 0.04,  # a form of cooperation the need wants is one the expert offers
    "availability": 0.03,  # the expert is currently available
    "event": 0.05,  # both are registered for the same upcoming event
}
HARD_CONSTRAINTS = ("conflict", "capacity", "need_status")
SCORING_RULES = tuple(DEFAULT_WEIGHTS)

# Which disciplines fit which need category (1 = a clear fit).
CATEGORY_FIT: dict[str, dict[str, float]] = {
    "technology": {"engineering": 1.0, "science": 1.0, "medicine": 0.8, "agriculture": 0.8},
    "financing": {"finance": 1.0, "economics": 0.9, "law": 0.6, "management": 0.7, "policy": 0.4},
    "policy": {"policy": 1.0, "law": 1.0, "economics": 0.8, "management": 0.6, "finance": 0.4},
    "market": {"management": 1.0, "economics": 1.0, "finance": 0.6, "policy": 0.3, "law": 0.3},
    "talent": {"management": 1.0, "education": 1.0, "economics": 0.5, "policy": 0.5},
    "other": {},
}
DISCIPLINES = (
    "engineering",
    "science",
    "medicine",
    "agriculture",
    "finance",
    "economics",
    "law",
    "management",
    "policy",
    "education",
)

# Featurisation constants (documented in docs/matching.md).
# A word of an expert's stated fields, or of a need's title or tags, weighs this many times the
# same word in the research summary or the need's body (field-aware keyword rule).
STATED_WEIGHT = 2.0
# With the bilingual bridge, the keyword rule's value is (1 − this) × the cosine of the words
# + this × the cosine of the bridge keys (CC-CEDICT glosses shared across languages or synonyms).
BRIDGE_SHARE = 0.3
TEXT_TOPIC_WEIGHT = 0.8  # a topic found in the text counts 0.8 of a tagged one
PARENT_WEIGHT = 0.5  # the direct parent of a topic counts half of the topic
FORM_UNKNOWN = 0.5  # neither side said which forms: half the form rule
# A suggestion needs subject evidence (shared topics or words) carrying at least this share of
# its score; the generic rules (category, form, availability, event) only re-rank.
MIN_SUBJECT_SHARE = 0.2
CANDIDATES_PER_NEED = 3  # keep 3 × top candidates per need for the diversity re-ranking
DEFAULT_TOP = 10
DEFAULT_EXPERT_CAP = 20  # an expert tops at most this many needs' lists per round


@dataclass(frozen=True)
class RuleSet:
    """Weights of the enabled scoring rules, and the diversity cap."""

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    expert_cap: int = DEFAULT_EXPERT_CAP
    name: str = "default"

    def weight(self, rule: str) -> float:
        return float(self.weights.get(rule, 0.0))

    @classmethod
    def with_overrides(
        cls, overrides: Mapping[str, tuple[float | None, bool]] | None = None, **kwargs
    ) -> RuleSet:
        """The default set with a host's overrides: {rule: (weight or None, enabled)}."""
        weights = dict(DEFAULT_WEIGHTS)
        for rule, (weight, enabled) in (overrides or {}).items():
            if rule not in weights:
                continue
            if not enabled:
                weights[rule] = 0.0
            elif weight is not None:
                weights[rule] = max(0.0, float(weight))
        return cls(weights=weights, **kwargs)


DEFAULT_RULES = RuleSet()

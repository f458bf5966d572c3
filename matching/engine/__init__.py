"""The matcher's engine: plain data in, explainable scores out.

Nothing here reads the database. `inputs` turns records into the plain dataclasses the
engine uses (the one place to wire new model fields); `index` builds sparse matrices for the
expert pool; `scoring` computes scores block by block, applies the hard constraints and keeps
the top candidates; `diversity` re-ranks across needs; `explain` turns a kept pair into
per-rule contributions and reasons in the viewer's language.
"""

from matching.engine.inputs import EventIn, ExpertIn, NeedIn, TopicIn
from matching.engine.rules import DEFAULT_RULES, RuleSet

__all__ = ["DEFAULT_RULES", "EventIn", "ExpertIn", "NeedIn", "RuleSet", "TopicIn"]

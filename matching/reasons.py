"""Stored reasons (language-neutral data) as sentences in the viewer's language."""

from django.utils.translation import get_language, gettext_lazy

from matching.engine.explain import render_reasons
from matching.suggestion_inputs import topic_inputs, upcoming_events


class ReasonRenderer:
    """Reads the taxonomy and the upcoming events once (two queries) for a whole page."""

    def __init__(self, lang: str | None = None):
        self.lang = lang or get_language() or "zh-hans"
        self.topics = {t.id: t for t in topic_inputs()}
        self.events = upcoming_events()

    def __call__(self, reasons: list) -> list[str]:
        return render_reasons(reasons, lang=self.lang, topics=self.topics, events=self.events)


RULE_LABELS = {
    "topic": gettext_lazy("topics"),
    "keywords": gettext_lazy("keywords"),
    "category": gettext_lazy("field fits the need"),
    "form": gettext_lazy("form of cooperation"),
    "availability": gettext_lazy("available"),
    "event": gettext_lazy("same event"),
}


def rule_parts(rules: dict) -> list[tuple[str, float]]:
    """(label, contribution) of the rules that contributed, largest first."""
    parts = [(str(RULE_LABELS.get(rule, rule)), value) for rule, value in rules.items() if value]
    return sorted(parts, key=lambda part: -part[1])

"""Demo data of the matching app (runs after the events demo, which registers demo people)."""

from core.demo import DemoContext
from matching import demo_meetings


def seed(ctx: DemoContext) -> None:
    demo_meetings.seed(ctx)

"""The quality gate: the labelled set through the production path (matching/evaluation)."""

import re
from pathlib import Path

import pytest

from matching.evaluation.pipeline import evaluate

DOC = Path(__file__).resolve().parents[2] / "docs" / "matching.md"
TOLERANCE = 0.03

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def recorded(name: str) -> float:
    """A figure docs/matching.md records as `<!-- gate NAME: VALUE -->`."""
    match = re.search(rf"<!-- gate {re.escape(name)}: ([0-9.]+) -->", DOC.read_text("utf-8"))
    assert match, f"docs/matching.md records no {name}"
    return float(match.group(1))


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            figures = evaluate()
            transaction.set_rollback(True)
    return figures


def test_held_out_precision_at_3_does_not_drop_below_the_recorded_figure(report):
    assert report["held_out"]["precision@3"] >= recorded("held-out precision@3") - TOLERANCE


def test_no_more_conflicts_of_interest_in_a_top_5_than_recorded(report):
    assert report["conflicts_in_top5"] <= recorded("conflicts in top 5")


def test_matcher_beats_the_character_bigram_baseline(report):
    ours, baseline = report["held_out"], report["baseline"]["held_out"]
    assert all(ours[name] > baseline[name] for name in ("precision@3", "recall@5", "ndcg@5"))

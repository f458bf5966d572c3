"""The shipped taxonomy arrives by migration alone, and a new version keeps staff edits."""

import importlib

import pytest

from profiles.models import Topic
from profiles.taxonomy import shipped_topics, starter_topics, topics_merge

V2 = importlib.import_module("profiles.migrations.0007_taxonomy_v2")

pytestmark = pytest.mark.django_db


def test_migrations_alone_load_the_shipped_taxonomy():
    rows = shipped_topics()
    assert Topic.objects.count() == len(rows) == 2367
    assert rows == V2.TAXONOMY  # the migration's frozen copy is today's file


def test_shipped_taxonomy_keeps_every_starter_slug_name_and_parent():
    topics = {t.slug: t for t in Topic.objects.select_related("parent")}
    for row in starter_topics():
        topic = topics[row["slug"]]
        parent = topic.parent.slug if topic.parent else None
        assert (topic.name_zh, topic.name_en, parent) == (
            row["name_zh"],
            row["name_en"],
            row["parent"],
        )


def test_version_two_takes_away_synonyms_now_owned_by_a_topic_of_their_own():
    assert "专精特新" not in Topic.objects.get(slug="high-tech-certification").synonyms_zh
    assert Topic.objects.filter(name_zh="专精特新").count() == 1
    assert "management" not in Topic.objects.get(slug="management-marketing").synonyms_en


def test_merge_keeps_staff_names_parents_and_synonyms():
    topic = Topic.objects.get(slug="wastewater-treatment")
    topic.name_en = "Sewage and wastewater treatment"
    topic.synonyms_zh = [*topic.synonyms_zh, "中水回用工艺"]
    topic.save()
    staff = Topic.objects.create(slug="staff-topic", name_zh="海水淡化膜组件", name_en="SWRO")

    counts = V2.merge(Topic, V2.TAXONOMY, V2.PREVIOUS)

    topic.refresh_from_db()
    assert topic.name_en == "Sewage and wastewater treatment"
    assert "中水回用工艺" in topic.synonyms_zh
    assert Topic.objects.get(pk=staff.pk).name_zh == "海水淡化膜组件"
    assert counts == {"created": 0, "updated": 0, "unchanged": 2367, "skipped": 0}


def test_merge_of_a_later_version_adds_topics_and_applies_its_removals():
    rows = [dict(row) for row in shipped_topics()]
    water = next(r for r in rows if r["slug"] == "wastewater-treatment")
    previous = [dict(row) for row in rows]
    dropped = water["synonyms_zh"][0]
    water["synonyms_zh"] = [*water["synonyms_zh"][1:], "污水提标改造"]
    rows.append(
        {
            "slug": "nitrogen-removal",
            "name_zh": "生物脱氮",
            "name_en": "Biological nitrogen removal",
            "parent": "wastewater-treatment",
            "synonyms_zh": ["脱氮除磷"],
            "synonyms_en": ["nutrient removal"],
        }
    )

    counts = topics_merge(Topic, rows, previous)

    topic = Topic.objects.get(slug="wastewater-treatment")
    assert dropped not in topic.synonyms_zh
    assert "污水提标改造" in topic.synonyms_zh
    assert Topic.objects.get(slug="nitrogen-removal").parent == topic
    assert counts == {"created": 1, "updated": 1, "unchanged": 2366, "skipped": 0}

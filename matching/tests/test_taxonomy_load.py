"""`load_taxonomy`: a new taxonomy file reaches an existing database and its stored tokens."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from profiles.models import Topic
from profiles.taxonomy import shipped_topics
from profiles.terms import expert_terms_refresh
from profiles.tests.factories import ExpertProfileFactory

pytestmark = pytest.mark.django_db


def test_load_taxonomy_adds_topics_keeps_staff_synonyms_and_retokenizes(tmp_path):
    profile = ExpertProfileFactory(fields_text="", research_summary="研究拓扑声子晶体的减振应用")
    expert_terms_refresh(profile)
    staff = Topic.objects.get(slug="bearings")
    staff.synonyms_zh = [*staff.synonyms_zh, "轴瓦"]
    staff.save()
    rows = [
        *shipped_topics(),
        {
            "slug": "phononic-crystals",
            "name_zh": "拓扑声子晶体",
            "name_en": "Topological phononic crystals",
            "parent": None,
            "synonyms_zh": [],
            "synonyms_en": ["phononic crystals"],
        },
    ]
    path = tmp_path / "taxonomy.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    out = StringIO()

    call_command("load_taxonomy", str(path), stdout=out)

    assert json.loads(out.getvalue()) == {
        "created": 1,
        "updated": 0,
        "unchanged": 2367,
        "skipped": 0,
        "experts": 1,
        "needs": 0,
    }
    profile.refresh_from_db()
    assert "拓扑声子晶体" in profile.tokens
    assert list(profile.topics.values_list("slug", flat=True)) == ["phononic-crystals"]
    assert "轴瓦" in Topic.objects.get(slug="bearings").synonyms_zh


def test_load_taxonomy_refuses_a_malformed_file(tmp_path):
    path = tmp_path / "taxonomy.json"
    path.write_text('[{"slug": "x"}]', encoding="utf-8")
    with pytest.raises(CommandError, match="every row needs the fields"):
        call_command("load_taxonomy", str(path), stdout=StringIO())

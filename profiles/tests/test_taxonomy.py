import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.tests.factories import UserFactory
from profiles import taxonomy
from profiles.models import Topic
from profiles.services import topic_synonym_add
from profiles.taxonomy import labels_to_topics, shipped_topics, starter_topics, topic_ids_in_text
from profiles.text import split_labels, stem, tokenize

ROOTS = {
    "finance",
    "environment",
    "mechanical-engineering",
    "appliances-cold-chain",
    "marine-engineering",
    "new-materials",
    "ai-iot",
    "biomedicine",
    "new-energy",
    "hr-talent",
    "law-ip",
    "management-marketing",
}


def test_starter_taxonomy_is_large_consistent_and_unambiguous():
    rows = starter_topics()
    slugs = [r["slug"] for r in rows]
    owner: dict[str, str] = {}
    for row in rows:
        assert row["parent"] is None or slugs.index(row["parent"]) < slugs.index(row["slug"])
        assert row["synonyms_zh"] or row["synonyms_en"], row["slug"]
        terms = [row["name_zh"], row["name_en"], *row["synonyms_zh"], *row["synonyms_en"]]
        for term in terms:
            assert owner.setdefault(term.casefold(), row["slug"]) == row["slug"], term
    assert len(rows) >= 150
    assert len(set(slugs)) == len(slugs)
    assert {r["slug"] for r in rows if r["parent"] is None} == ROOTS


@pytest.mark.django_db
def test_seeded_taxonomy_joins_wastewater_synonyms_under_water_treatment():
    topics, unmatched = labels_to_topics(["污水处理", "废水治理", "Wastewater Treatment"])
    assert [t.slug for t in topics] == ["wastewater-treatment"]
    assert unmatched == []
    assert topics[0].parent.name_zh == "水处理"
    assert Topic.objects.count() == len(shipped_topics())


@pytest.mark.django_db
def test_labels_to_topics_keeps_unknown_labels_as_keywords():
    topics, unmatched = labels_to_topics(["mbbr", "拓扑声子晶体", "Bearings"])
    assert [t.slug for t in topics] == ["biofilm-process", "bearings"]
    assert unmatched == ["拓扑声子晶体"]


@pytest.mark.django_db
def test_tokenize_keeps_taxonomy_terms_whole_and_drops_stop_words():
    assert tokenize("希望引入水处理膜技术处理高氨氮废水") == [
        "引入",
        "水处理",
        "膜技术",
        "处理",
        "高氨氮废水",
    ]
    assert tokenize("The rolling bearings of wind turbines") == ["roll", "bear", "wind", "turbin"]


@pytest.mark.django_db
def test_topic_ids_in_text_finds_chinese_terms_and_english_phrases():
    tokens = tokenize("浅海水声通信 and wastewater treatment plants")
    found = set(
        Topic.objects.filter(pk__in=topic_ids_in_text(tokens)).values_list("slug", flat=True)
    )
    assert found == {"underwater-communication", "wastewater-treatment"}


@pytest.mark.django_db
def test_segmenter_learns_a_new_topic_after_it_is_saved():
    assert "量子传感" not in tokenize("量子传感器件")
    Topic.objects.create(slug="quantum-sensing", name_zh="量子传感", name_en="Quantum sensor chips")
    assert tokenize("量子传感器件")[0] == "量子传感"
    assert [t.slug for t in labels_to_topics(["quantum sensor chips"])[0]] == ["quantum-sensing"]


def test_stem_meets_base_forms():
    words = [
        "bearings",
        "bearing",
        "planned",
        "rolling",
        "batteries",
        "organised",
        "organized",
        "process",
    ]
    assert [stem(w) for w in words] == [
        "bear",
        "bear",
        "plan",
        "roll",
        "batteri",
        "organis",
        "organis",
        "process",
    ]


@pytest.mark.django_db
def test_tokenize_keeps_english_words_whole_outside_jieba():
    # No English word is cut into fragments: "maintain" and "detail" never yield "ai".
    assert tokenize("Predictive maintenance keeps the details of aircraft engines") == [
        "predict",
        "mainten",
        "keep",
        "detail",
        "aircraft",
        "engin",
    ]


@pytest.mark.django_db
def test_tokenize_splits_mixed_text_by_script():
    assert tokenize("基于PLC的控制系统，用于Li-ion电池的BMS和AI质检") == [
        "基于",
        "plc",
        "控制系统",
        "用于",
        "li-ion",
        "电池",
        "bms",
        "ai",
        "质检",
    ]


@pytest.mark.django_db
def test_tokenize_meets_british_and_american_spellings_and_full_width_letters():
    assert tokenize("Optimised membranes") == tokenize("optimized membrane")
    assert tokenize("ＡＩ　ｖｉｓｉｏｎ") == ["ai", "vision"]


def test_split_labels_accepts_every_separator_once():
    assert split_labels("污水处理；膜分离、MBBR;mbbr, 轴承，润滑") == [
        "污水处理",
        "膜分离",
        "MBBR",
        "轴承",
        "润滑",
    ]


SEED_MIGRATION = "profiles.migrations.0003_seed_taxonomy"


def test_seed_migration_imports_no_app_code_and_reads_no_file():
    import ast
    import importlib
    import pathlib

    source = pathlib.Path(importlib.import_module(SEED_MIGRATION).__file__).read_text("utf-8")
    tree = ast.parse(source)
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported == {"json", "django"}
    assert "open(" not in source and "read_text" not in source


@pytest.mark.django_db
def test_seed_migrations_loaded_exactly_their_frozen_taxonomy():
    # 0003 loaded version 1, 0007 merged version 2 into it: the result is version 2.
    import importlib

    frozen = importlib.import_module("profiles.migrations.0007_taxonomy_v2").TAXONOMY
    rows = {
        (t.slug, t.name_zh, t.name_en, t.parent.slug if t.parent else None)
        + (frozenset(t.synonyms_zh), frozenset(t.synonyms_en))
        for t in Topic.objects.select_related("parent")
    }
    assert rows == {
        (r["slug"], r["name_zh"], r["name_en"], r["parent"])
        + (frozenset(r["synonyms_zh"]), frozenset(r["synonyms_en"]))
        for r in frozen
    }


# --- Staff add synonyms on a page ---------------------------------------------------------------


def _water_topic():
    return Topic.objects.create(
        slug="water-treatment-x", name_zh="水处理工程学", name_en="Water engineering"
    )


@pytest.mark.django_db
def test_topic_synonym_add_reaches_the_taxonomy_index():
    topic = _water_topic()
    before = taxonomy.index().version
    topic = topic_synonym_add(topic=topic, term="  净水  技术 ", language="zh")
    topic_synonym_add(topic=topic, term="Xyzzy water polishing", language="en")
    topic.refresh_from_db()
    assert (topic.synonyms_zh, topic.synonyms_en) == (["净水 技术"], ["Xyzzy water polishing"])
    index = taxonomy.index()
    assert index.version != before
    assert index.by_term["xyzzy water polishing"] == topic.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("term", "language", "code"),
    [
        ("", "zh", "invalid_term"),
        ("x" * 101, "en", "invalid_term"),
        ("净水", "fr", "invalid_language"),
        ("水处理工程学", "zh", "duplicate_term"),
        ("WATER ENGINEERING", "en", "duplicate_term"),
    ],
)
def test_topic_synonym_add_refuses(term, language, code):
    topic = _water_topic()
    with pytest.raises(ValidationError) as raised:
        topic_synonym_add(topic=topic, term=term, language=language)
    assert raised.value.code == code
    topic.refresh_from_db()
    assert (topic.synonyms_zh, topic.synonyms_en) == ([], [])


@pytest.mark.django_db
def test_staff_add_a_synonym_on_the_taxonomy_page(client):
    topic = _water_topic()
    client.force_login(UserFactory(is_staff=True))
    response = client.post(
        reverse("profiles:topic_synonym_add", args=[topic.slug]),
        {"term": "净水", "language": "zh"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response["Location"] == f"{reverse('profiles:taxonomy')}?q={topic.slug}"
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "“净水” is now a synonym of “Water engineering”." in page
    assert page.count('class="topic"') == 1
    topic.refresh_from_db()
    assert topic.synonyms_zh == ["净水"]


@pytest.mark.django_db
def test_taxonomy_page_refuses_a_bad_synonym_without_saving(client):
    topic = _water_topic()
    client.force_login(UserFactory(is_staff=True))
    url = reverse("profiles:topic_synonym_add", args=[topic.slug])
    response = client.post(
        url, {"term": "", "language": "zh"}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Write a synonym and choose its language." in response.content.decode()
    topic.refresh_from_db()
    assert topic.synonyms_zh == []

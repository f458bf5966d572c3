import pytest

from matching.engine.index import Taxonomy
from matching.engine.inputs import expert_from_profile, need_from_model, topics_from_taxonomy_rows
from needs.tests.factories import NeedFactory
from profiles.tests.factories import ExpertProfileFactory

ROWS = [
    {
        "slug": "environment",
        "name_zh": "环境保护",
        "name_en": "Environmental protection",
        "parent": None,
        "synonyms_zh": ["环保"],
        "synonyms_en": [],
    },
    {
        "slug": "wastewater",
        "name_zh": "废水治理",
        "name_en": "Wastewater treatment",
        "parent": "environment",
        "synonyms_zh": ["污水处理"],
        "synonyms_en": ["sewage treatment"],
    },
]


def test_topics_from_taxonomy_rows_keep_synonyms_of_both_languages_and_root_discipline():
    topics = topics_from_taxonomy_rows(ROWS)
    assert topics[1].synonyms == ("污水处理", "sewage treatment")
    assert topics[0].discipline == "engineering"
    assert topics[1].parent_id == topics[0].id


def test_term_index_applies_the_stored_tokens_stemmer():
    topics = topics_from_taxonomy_rows(ROWS)
    tax = Taxonomy(topics, stem=lambda w: w[:-1] if w.endswith("s") else w)
    assert set(tax.terms.concepts(["wastewater", "treatment"])) == {2}
    assert set(tax.terms.concepts(["环保"])) == {1}


@pytest.mark.django_db
def test_adapters_read_profiles_and_needs():
    profile = ExpertProfileFactory(institution="青岛大学")
    need = NeedFactory()
    expert = expert_from_profile(profile, topic_ids=(), event_ids=(3,))
    assert (expert.id, expert.institutions, expert.event_ids) == (profile.pk, ("青岛大学",), (3,))
    converted = need_from_model(need, topic_ids=())
    assert (converted.id, converted.company, converted.status) == (
        need.pk,
        need.company.name,
        need.status,
    )


@pytest.mark.django_db
def test_starter_taxonomy_and_stored_tokens_bridge_languages():
    from matching.engine.inputs import ExpertIn, NeedIn, topic_from_model
    from matching.engine.matcher import Matcher
    from profiles.models import Topic
    from profiles.text import stem, tokenize

    topics = [topic_from_model(t) for t in Topic.objects.all()]
    experts = [
        ExpertIn(1, "Li", tokens=tuple(tokenize("Sewage treatment plants and nutrient removal"))),
        ExpertIn(2, "Wu", tokens=tuple(tokenize("Tyre rubber compounding"))),
    ]
    need = NeedIn(10, "青岛水务有限公司", tokens=tuple(tokenize("污水处理厂提标改造，总氮超标")))
    matcher = Matcher(topics, experts, stem=stem)
    assert [matcher.expert_id(pos) for pos, _ in matcher.run_full([need])[10]][:1] == [1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "open_"),
    [
        ("submitted", True),
        ("acknowledged", True),
        ("in_progress", True),
        ("resolved", False),
        ("closed", False),
    ],
)
def test_adapter_tells_the_engine_whether_a_need_is_open(status, open_):
    """The engine knows no statuses: the adapter passes Need.is_open as NeedIn.open."""
    converted = need_from_model(NeedFactory(status=status), topic_ids=())
    assert (converted.status, converted.open) == (status, open_)

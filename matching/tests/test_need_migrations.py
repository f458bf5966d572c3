"""A database from before needs had an app of their own moves forward with its rows in place.

Migrates the test database back to the schema of that time (profiles 0004, matching 0004,
no needs app), writes rows with the historical models, migrates forward to today and reads
them through the needs app — the way Django's own migration tests use the executor.
"""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accounts.tests.factories import UserFactory
from matching.models import Introduction, Suggestion
from needs.models import Need, NeedRating, NeedTransition

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

BEFORE = [("profiles", "0004_needs_desk"), ("matching", "0004_meetings"), ("needs", None)]
TABLES = ["profiles_need", "profiles_need_topics", "profiles_needtransition", "profiles_needrating"]


def _migrate(targets):
    """Migrate to `targets`; the models as of those migrations."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _old_rows(apps, user_id: int) -> dict:
    """Rows of today's schema (before the move), written with its historical models."""
    Company = apps.get_model("profiles", "Company")
    ExpertProfile = apps.get_model("profiles", "ExpertProfile")
    Topic = apps.get_model("profiles", "Topic")
    OldNeed = apps.get_model("profiles", "Need")
    company = Company.objects.create(name="青岛迁移测试有限公司")
    expert = ExpertProfile.objects.create(name="迁移专家", email="move@example.edu.cn")
    need = OldNeed.objects.create(company=company, title="迁移中的需求", status="resolved")
    need.topics.add(Topic.objects.create(slug="move-topic", name_zh="迁移主题", name_en="Move"))
    at = timezone.now() - dt.timedelta(days=2)
    apps.get_model("profiles", "NeedTransition").objects.create(
        need=need, from_status="", to_status="submitted", at=at, by_id=user_id
    )
    apps.get_model("profiles", "NeedRating").objects.create(
        need=need, score=4, comment="满意", by_id=user_id
    )
    apps.get_model("matching", "Suggestion").objects.create(
        need=need, expert=expert, rank=1, score=0.5, rules={}, reasons=[]
    )
    apps.get_model("matching", "Introduction").objects.create(
        need=need,
        expert=expert,
        initiator="company",
        status="accepted",
        created_by_id=user_id,
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    return {"need": need.pk, "expert": expert.pk}


def test_database_of_before_the_needs_app_migrates_forward_with_its_rows():
    user = UserFactory()
    try:
        old_apps = _migrate(BEFORE)
        assert ("need" in old_apps.all_models["profiles"], old_apps.all_models["needs"]) == (
            True,
            {},
        )
        ids = _old_rows(old_apps, user.pk)
    finally:
        new_apps = _migrate(_latest())  # also leaves the database as the other tests expect
    assert "need" not in new_apps.all_models["profiles"]
    assert {"need", "needtransition", "needrating"} <= set(new_apps.all_models["needs"])
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    assert set(TABLES) <= tables
    need = Need.objects.get(pk=ids["need"])
    assert (need.title, need.company.name, need.status) == (
        "迁移中的需求",
        "青岛迁移测试有限公司",
        "resolved",
    )
    assert list(need.topics.values_list("slug", flat=True)) == ["move-topic"]
    assert list(NeedTransition.objects.filter(need=need).values_list("to_status", "by")) == [
        ("submitted", user.pk)
    ]
    assert (NeedRating.objects.get(need=need).score, need.rating.comment) == (4, "满意")
    suggestion = Suggestion.objects.get(need=need)
    introduction = Introduction.objects.get(need=need)
    assert (suggestion.expert_id, suggestion.need.title) == (ids["expert"], "迁移中的需求")
    assert (introduction.status, introduction.need_id) == ("accepted", ids["need"])
    assert list(need.suggestions.values_list("pk", flat=True)) == [suggestion.pk]
    assert list(need.introductions.values_list("pk", flat=True)) == [introduction.pk]

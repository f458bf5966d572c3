import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from accounts.services import user_data_export, user_delete
from accounts.tests.factories import UserFactory
from matching.models import Introduction
from matching.tests.factories import IntroductionFactory
from profiles.tests.factories import ExpertProfileFactory

pytestmark = pytest.mark.django_db


def _export(user) -> dict:
    return json.loads(json.dumps(user_data_export(user=user), cls=DjangoJSONEncoder))["matching"]


def test_export_holds_the_experts_introductions_with_the_consent_time():
    expert = ExpertProfileFactory(user=UserFactory()).user
    consent = timezone.now()
    intro = IntroductionFactory(
        expert=expert.expert_profile,
        status=Introduction.Status.ACCEPTED,
        expert_accepted_at=consent,
        expert_consent_at=consent,
        message="想请教膜污染",
    )

    rows = _export(expert)["introductions"]

    assert [(r["id"], r["message"], r["status"]) for r in rows] == [
        (intro.pk, "想请教膜污染", "accepted")
    ]
    assert rows[0]["expert_consent_at"] == DjangoJSONEncoder().default(consent)


def test_export_holds_the_introductions_a_company_member_asked_for():
    member = UserFactory()
    intro = IntroductionFactory(created_by=member, company_accepted_by=member)

    assert [r["id"] for r in _export(member)["introductions"]] == [intro.pk]


def test_erase_withdraws_open_requests_and_blanks_their_messages():
    member = UserFactory()
    pending = IntroductionFactory(created_by=member, message="请联系我 13800000000")
    accepted = IntroductionFactory(
        created_by=member, status=Introduction.Status.ACCEPTED, message="谢谢"
    )

    deletion = user_delete(user=member)

    pending.refresh_from_db()
    accepted.refresh_from_db()
    assert (pending.status, pending.message, pending.decided_at is not None) == (
        "withdrawn",
        "",
        True,
    )
    assert (accepted.status, accepted.message) == ("accepted", "")
    assert deletion.erased["matching"] == {
        "introductions_withdrawn": 1,
        "introduction_texts_blanked": 2,
    }

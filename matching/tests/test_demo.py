from io import StringIO

import pytest
from django.core.management import call_command

from matching.models import Introduction, Suggestion
from needs.models import Need
from profiles.demo import EXPERT_EMAIL

pytestmark = [pytest.mark.slow, pytest.mark.django_db]  # seed_demo


def test_demo_suggests_experts_for_every_open_need_and_shows_both_introduction_states():
    call_command("seed_demo", stdout=StringIO())
    open_needs = Need.objects.filter(status__in=["submitted", "acknowledged", "in_progress"])
    assert open_needs.count() == Suggestion.objects.values("need").distinct().count()
    intros = Introduction.objects.filter(
        expert__email=EXPERT_EMAIL, need__company__name="青岛思普润水处理股份有限公司"
    )
    assert sorted(intros.values_list("status", flat=True)) == ["accepted", "pending"]
    accepted = intros.get(status="accepted")
    assert accepted.need.status == "in_progress"
    assert accepted.expert_consent_at is not None
    for need in intros.values_list("need", flat=True):
        assert Suggestion.objects.filter(need=need, rank=1).get().expert.email == EXPERT_EMAIL
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "nothing changed" in out.getvalue()

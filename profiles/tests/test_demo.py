import io

import pytest
from django.core.management import call_command

from profiles.models import Company, ExpertProfile

pytestmark = pytest.mark.slow  # seed_demo


@pytest.mark.django_db
def test_demo_gives_experts_topics_and_is_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    ExpertProfile.objects.update(tokens=[])  # as rows from before the taxonomy
    ExpertProfile.topics.through.objects.all().delete()
    call_command("seed_demo", stdout=io.StringIO())
    third = io.StringIO()
    call_command("seed_demo", stdout=third)
    assert "nothing changed" in third.getvalue()
    assert not ExpertProfile.objects.filter(topics=None).exists()
    lin = ExpertProfile.objects.get(email="expert@demo.yizhan.local")
    assert set(lin.topics.values_list("slug", flat=True)) >= {"underwater-communication"}
    child = Company.objects.get(name="青岛灵山湾新能源科技有限公司")
    assert (child.industry, child.parent.name) == ("D", "青岛澳柯玛控股集团有限公司")

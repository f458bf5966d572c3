from io import StringIO

import pytest
from django.core.management import call_command

from events.demo import LIVE_SLUG, UPCOMING_SLUG
from events.models import Registration

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_registers_and_checks_in_once():
    seed()
    assert "Demo forum is up to date; nothing changed." in seed()
    live = Registration.objects.filter(event__slug=LIVE_SLUG, status="confirmed")
    upcoming = Registration.objects.filter(event__slug=UPCOMING_SLUG, status="confirmed")
    assert (live.count(), live.filter(checked_in_at__isnull=False).count()) == (7, 4)
    assert sorted(upcoming.values_list("role", flat=True)) == ["enterprise", "expert"]
    assert not upcoming.filter(user__email="guest@demo.yizhan.local").exists()

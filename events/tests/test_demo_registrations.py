from io import StringIO

import pytest
from django.core.management import call_command

from accounts.demo import GUEST_EMAIL
from events.demo import LIVE_ATTENDEES, LIVE_SLUG, UPCOMING_SLUG
from events.models import Registration
from profiles.demo import ENTERPRISE_EMAIL, EXPERT_EMAIL

pytestmark = [pytest.mark.slow, pytest.mark.django_db]  # seed_demo


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_registers_and_checks_in_once():
    seed()
    assert "Demo forum is up to date; nothing changed." in seed()
    # The apps above events (matching's meetings and round tables) register more demo people.
    own = [EXPERT_EMAIL, ENTERPRISE_EMAIL, GUEST_EMAIL, *(email for email, _name in LIVE_ATTENDEES)]
    confirmed = Registration.objects.filter(status="confirmed", user__email__in=own)
    live = confirmed.filter(event__slug=LIVE_SLUG)
    upcoming = confirmed.filter(event__slug=UPCOMING_SLUG)
    assert (live.count(), live.filter(checked_in_at__isnull=False).count()) == (7, 4)
    assert sorted(upcoming.values_list("role", flat=True)) == ["enterprise", "expert"]
    assert not upcoming.filter(user__email="guest@demo.yizhan.local").exists()

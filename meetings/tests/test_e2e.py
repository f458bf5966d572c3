"""In a real browser: on the demo, the organizer opens the upcoming forum's meeting schedule
from the event page and the live day's round-table seating, and sees both; the demo expert
sees their meetings on the event page."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from selenium.webdriver.common.by import By

from accounts.models import User
from events.demo import LIVE_SLUG, UPCOMING_SLUG
from hosts.demo import ORGANIZER_EMAIL
from meetings.models import Meeting, RoundTableSeat
from profiles.demo import EXPERT_EMAIL

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_organizer_sees_the_demo_schedule_grid_and_seating(browser, live_server):
    call_command("seed_demo", verbosity=0)
    browser.sign_in(User.objects.get(email=ORGANIZER_EMAIL))

    browser.open(reverse("events:detail", args=[UPCOMING_SLUG]))
    browser.follow(f"#my-meetings a[href$='/events/{UPCOMING_SLUG}/meetings/']")
    cells = browser.find_elements(By.CSS_SELECTOR, ".meeting-grid .meeting")
    scheduled = Meeting.objects.filter(event__slug=UPCOMING_SLUG, status="scheduled")
    assert len(cells) == scheduled.count() > 0
    first = scheduled.select_related("expert").first()
    assert first.expert.display_name in browser.find_element(By.CSS_SELECTOR, ".meeting-grid").text

    browser.open(reverse("meetings:roundtable_seating", args=[LIVE_SLUG]))
    seats = browser.find_elements(By.CSS_SELECTOR, ".round-table .seat")
    assert len(seats) == RoundTableSeat.objects.filter(plan__event__slug=LIVE_SLUG).count() > 0
    reasons = [s.find_element(By.CSS_SELECTOR, ".reason").text for s in seats]
    assert all(reasons)
    assert any("都关注" in r for r in reasons)

    browser.sign_in(User.objects.get(email=EXPERT_EMAIL))
    browser.open(reverse("events:detail", args=[UPCOMING_SLUG]))
    rows = browser.find_elements(By.CSS_SELECTOR, "#my-meetings .meeting-list tbody tr")
    expert = User.objects.get(email=EXPERT_EMAIL)
    assert len(rows) == scheduled.filter(expert=expert).count() > 0

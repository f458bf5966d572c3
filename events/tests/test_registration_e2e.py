"""In a real browser: the demo's upcoming event is registered for and cancelled, and a
registrant of the live event is checked in at the door by the organizer."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from selenium.webdriver.common.by import By

from accounts.demo import GUEST_EMAIL
from accounts.models import User
from events.demo import LIVE_SLUG, UPCOMING_SLUG
from events.models import Registration
from hosts.demo import ORGANIZER_EMAIL

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_demo_upcoming_event_register_and_cancel_then_live_check_in(browser, live_server):
    call_command("seed_demo", verbosity=0)
    guest = User.objects.get(email=GUEST_EMAIL)
    browser.sign_in(User.objects.get(email=GUEST_EMAIL))

    browser.open(reverse("events:detail", args=[UPCOMING_SLUG]))
    browser.follow(".register-box .register-button")
    browser.find_element(By.NAME, "q_organization").send_keys("青岛某科技公司")
    browser.follow(".register-form button[type=submit]")
    status = browser.find_element(By.CSS_SELECTOR, ".register-box .register-status")
    assert "status-confirmed" in status.get_attribute("class")
    registration = Registration.objects.get(
        event__slug=UPCOMING_SLUG, user=guest, status="confirmed"
    )
    assert registration.answers == {"organization": "青岛某科技公司"}

    browser.follow(".register-box button[name=cancel]")
    assert browser.find_elements(By.CSS_SELECTOR, ".register-box .register-button")
    registration.refresh_from_db()
    assert registration.status == "cancelled"

    live_ticket = Registration.objects.get(event__slug=LIVE_SLUG, user=guest)
    browser.sign_in(User.objects.get(email=ORGANIZER_EMAIL))
    browser.open(reverse("events:check_in", args=[LIVE_SLUG]))
    before = browser.find_element(By.CSS_SELECTOR, "[data-count=checked_in]").text
    browser.find_element(By.NAME, "code").send_keys(live_ticket.ticket_token)
    # The page's script checks in through the API and shows the answer without a reload.
    browser.find_element(By.CSS_SELECTOR, ".check-in-form button[type=submit]").click()
    result = browser.wait_for("#door-result [data-outcome]")
    assert result.get_attribute("data-outcome") == "ok"
    browser.wait_until(  # the counters poll every few seconds
        lambda b: (
            b.find_element(By.CSS_SELECTOR, "[data-count=checked_in]").text == str(int(before) + 1)
        )
    )
    live_ticket.refresh_from_db()
    assert live_ticket.checked_in_at is not None

"""In a real browser: an attendee answers the feedback survey on a 390×844 phone in one
screen, and the organizer's dashboard draws its charts in Chinese and in English."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from selenium.webdriver.common.by import By

from events.tests.factories import EventFactory, RegistrationFactory, SessionFactory
from outcomes.models import FeedbackRequest
from outcomes.permissions import survey_token
from outcomes.tests.factories import scene, staffed_host

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _tap(browser, css: str) -> None:
    """Bring a control to the middle of the small screen, then tap it as a finger would."""
    element = browser.find_element(By.CSS_SELECTOR, css)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    browser.wait_until(lambda b: element.is_displayed())
    element.click()


def test_feedback_on_a_phone_in_one_screen(phone_browser, live_server):
    start = timezone.now() - dt.timedelta(days=1)
    event = EventFactory(title="冷链座谈会", start=start, end=start + dt.timedelta(hours=3))
    SessionFactory(event=event, title="开幕致辞", start=start)
    registration = RegistrationFactory(event=event, checked_in_at=start)
    request = FeedbackRequest.objects.create(event=event, user=registration.user)

    phone_browser.open(reverse("outcomes:feedback", args=[survey_token(request)]))
    assert "冷链座谈会" in phone_browser.find_element(By.CSS_SELECTOR, "main").text
    assert phone_browser.scrolls_sideways() is False
    session = event.sessions.get()
    _tap(phone_browser, "label[for='id_rating_4']")
    _tap(phone_browser, f"label[for='id_session_{session.pk}_3']")
    comment = phone_browser.find_element(By.ID, "id_comment")
    phone_browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", comment)
    comment.send_keys("很实用")
    phone_browser.follow(".survey form button[type=submit]")

    phone_browser.wait_for("#survey-done")
    assert "5 分" in phone_browser.find_element(By.ID, "survey-done").text
    assert phone_browser.scrolls_sideways() is False
    request.refresh_from_db()
    assert (request.rating, request.comment) == (5, "很实用")
    assert list(request.session_ratings.values_list("rating", flat=True)) == [4]


@pytest.mark.parametrize(("language", "heading"), [("zh-hans", "成效"), ("en", "Outcomes")])
def test_dashboard_draws_every_chart(browser, live_server, language, heading):
    host, staff = staffed_host()
    day = timezone.now() - dt.timedelta(days=10)
    scene(host, day=day, now=timezone.now(), copies=2)
    browser.sign_in(staff)
    browser.add_cookie({"name": "django_language", "value": language, "path": "/"})
    browser.open(reverse("outcomes:dashboard", args=[host.slug]))
    drawn = browser.wait_until(
        lambda b: b.execute_script("return document.body.getAttribute('data-charts-drawn');")
    )
    canvases = browser.find_elements(By.CSS_SELECTOR, ".chart-canvas")
    assert int(drawn) == len(canvases) > 8
    assert all(c.get_attribute("data-drawn") == "true" for c in canvases)
    assert browser.find_element(By.CSS_SELECTOR, "h1").text == heading
    assert browser.scrolls_sideways() is False
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert [e for e in errors if "favicon" not in e["message"]] == []

"""In a real browser, on a desktop and on a phone (390×844, nothing scrolling sideways): an
organizer creates an event with seats per role, two questions (added and reordered in the
page) and a registration window, publishes it, and a person registers and answers."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from accounts.tests.factories import UserFactory
from events.models import Event, Registration
from hosts.models import HostMembership
from hosts.tests.factories import HostMembershipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def _local(moment: dt.datetime) -> str:
    return f"{moment.astimezone(SHANGHAI):%Y-%m-%dT%H:%M}"


def _set(browser, name: str, value: str) -> None:
    """Type into a field; date-and-time fields take their value as the page's script would
    (typing into them depends on the browser's locale)."""
    field = browser.find_element(By.NAME, name)
    if field.get_attribute("type") == "datetime-local":
        browser.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            field,
            value,
        )
    else:
        field.clear()
        field.send_keys(value)


def _click(browser, element) -> None:
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def _no_sideways_scrolling(browser, phone: bool) -> None:
    if phone:
        assert (browser.scrolls_sideways(), browser.wider_than_window()) == (False, [])


def _organizer_creates_and_publishes(browser, host, phone: bool) -> Event:
    now = timezone.now()
    start = (now + dt.timedelta(days=7)).replace(second=0, microsecond=0)
    browser.open(reverse("organizer:event_create", args=[host.slug]))
    _no_sideways_scrolling(browser, phone)
    _set(browser, "title", "金融科创座谈会")
    _set(browser, "start", _local(start))
    _set(browser, "end", _local(start + dt.timedelta(hours=3)))
    _set(browser, "capacity", "30")
    _set(browser, "quota_experts", "10")
    _set(browser, "quota_enterprises", "10")
    _set(browser, "registration_opens", _local(now - dt.timedelta(days=1)))
    _set(browser, "registration_closes", _local(now + dt.timedelta(days=5)))

    # The blank question the page starts with, then one more added and moved up.
    _set(browser, "questions-0-label", "单位")
    _click(browser, browser.find_element(By.NAME, "questions-0-required"))
    _click(browser, browser.find_element(By.CSS_SELECTOR, "[data-question-add]"))
    browser.wait_for("[name='questions-1-label']")
    _set(browser, "questions-1-label", "关注方向")
    choices = browser.find_element(By.NAME, "questions-1-choices")
    assert choices.is_displayed() is False  # shown for choice questions only
    Select(browser.find_element(By.NAME, "questions-1-type")).select_by_value("choice")
    browser.wait_until(lambda b: b.find_element(By.NAME, "questions-1-choices").is_displayed())
    browser.find_element(By.NAME, "questions-1-choices").send_keys("金融\n科创")
    second = browser.find_elements(By.CSS_SELECTOR, "[data-question-list] [data-question]")[1]
    _click(browser, second.find_element(By.CSS_SELECTOR, "[data-question-up]"))
    browser.wait_until(
        lambda b: b.find_element(By.NAME, "questions-1-ORDER").get_attribute("value") == "1"
    )
    _no_sideways_scrolling(browser, phone)
    browser.follow(".event-form button[type=submit]")

    event = Event.objects.get(host=host)
    assert browser.current_url.endswith(
        reverse("organizer:event", kwargs={"host_slug": host.slug, "slug": event.slug})
    )
    _no_sideways_scrolling(browser, phone)
    browser.follow(".organizer-actions form button[type=submit]")  # publish
    event.refresh_from_db()
    assert (event.status, event.capacity, event.quota_experts, event.quota_enterprises) == (
        "published",
        30,
        10,
        10,
    )
    assert event.quota_guests is None
    assert event.registration_opens == dt.datetime.fromisoformat(
        _local(now - dt.timedelta(days=1))
    ).replace(tzinfo=SHANGHAI)
    assert [(q["label"], q["type"], q["required"], q["choices"]) for q in event.questions] == [
        ("关注方向", "choice", False, ["金融", "科创"]),
        ("单位", "text", True, []),
    ]
    return event


def _person_registers(browser, event: Event, person, phone: bool) -> None:
    browser.sign_in(person)
    browser.open(reverse("events:detail", args=[event.slug]))
    _no_sideways_scrolling(browser, phone)
    seats = browser.find_elements(By.CSS_SELECTOR, ".register-box [data-seats]")
    assert [(s.get_attribute("data-seats"), s.text) for s in seats] == [
        ("total", "30"),
        ("expert", "10"),
        ("enterprise", "10"),
    ]
    browser.follow(".register-box .register-button")
    _no_sideways_scrolling(browser, phone)
    topic, organization = (q["key"] for q in event.questions)
    Select(browser.find_element(By.NAME, f"q_{topic}")).select_by_value("科创")
    browser.find_element(By.NAME, f"q_{organization}").send_keys("青岛某科技公司")
    browser.follow(".register-form button[type=submit]")
    status = browser.find_element(By.CSS_SELECTOR, ".register-box .register-status")
    assert "status-confirmed" in status.get_attribute("class")
    registration = Registration.objects.get(event=event, user=person)
    assert (registration.status, registration.answers) == (
        "confirmed",
        {topic: "科创", organization: "青岛某科技公司"},
    )


def _journey(browser, phone: bool) -> None:
    owner = HostMembershipFactory(role=HostMembership.Role.OWNER)
    browser.sign_in(owner.user)
    event = _organizer_creates_and_publishes(browser, owner.host, phone)
    _person_registers(browser, event, UserFactory(), phone)


def test_organizer_sets_up_registration_and_a_person_answers(browser, live_server):
    _journey(browser, phone=False)


def test_organizer_sets_up_registration_and_a_person_answers_on_a_phone(phone_browser, live_server):
    _journey(phone_browser, phone=True)

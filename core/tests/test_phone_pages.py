"""Every main page of the demo forum on a 390×844 phone, in Chinese and in English: nothing
scrolls sideways and the header is one row with its menu behind a button.

The demo is driven as a visitor would, through its URLs and its documented accounts (README),
so this test imports no app: objects are looked up by model name."""

import pytest
from django.apps import apps
from django.core.management import call_command
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

HOST = "xihaian-fintech-station"
LIVE = "fintech-matchmaking-day"
PAST = "2025-03-21-fintech-talent-forum"
GUEST = "guest@demo.yizhan.local"
ORGANIZER = "organizer@demo.yizhan.local"
# A phone's header: the brand and the menu button on one row (CSS pixels; it was 218
# when the menu wrapped to three rows).
HEADER_MAX_HEIGHT = 120


def _pages() -> dict[str | None, list[str]]:
    """The pages to open, by the account that opens them (None: nobody signed in)."""
    model = apps.get_model
    guest = model("accounts", "User").objects.get(email=GUEST)
    ticket = model("events", "Registration").objects.get(user=guest, event__slug=LIVE)
    session = (
        model("events", "Session")
        .objects.filter(event__slug=LIVE, chat_enabled=True)
        .order_by("start")
        .first()
    )
    need = model("needs", "Need").objects.filter(visibility="public").order_by("pk").first()
    expert = model("profiles", "ExpertProfile").objects.order_by("pk").first()
    company = model("profiles", "Company").objects.order_by("pk").first()
    series = model("events", "Series").objects.order_by("pk").first()
    return {
        None: [
            "/",
            "/events/",
            f"/events/{LIVE}/",
            f"/events/{PAST}/",
            f"/series/{series.slug}/",
            "/profiles/needs/",
            f"/profiles/needs/{need.pk}/",
            "/profiles/experts/",
            f"/profiles/experts/{expert.pk}/",
            "/profiles/companies/",
            f"/profiles/companies/{company.pk}/",
            "/accounts/login/",
            "/accounts/signup/",
        ],
        GUEST: [
            f"/events/{LIVE}/",
            f"/events/{LIVE}/sessions/{session.pk}/",
            f"/tickets/{ticket.ticket_token}/",
            "/my-events/",
            "/calendar/",
            "/me/",
        ],
        ORGANIZER: [
            "/hosts/mine/",
            f"/hosts/{HOST}/",
            f"/hosts/{HOST}/events/{LIVE}/",
            f"/hosts/{HOST}/events/{LIVE}/registrations/",
            f"/events/{LIVE}/manage/registrations/",
            f"/events/{LIVE}/manage/check-in/",
            f"/profiles/desk/{HOST}/",
            f"/profiles/desk/{HOST}/overdue/",
            f"/hosts/{HOST}/members/",
            f"/matching/hosts/{HOST}/rules/",
        ],
    }


def _check_every_page(browser, language: str) -> dict[str, list[str]]:
    """{path: why it scrolls sideways} for the pages that do, and header checks."""
    user_model = apps.get_model("accounts", "User")
    problems = {}
    for email, paths in _pages().items():
        if email is None:
            browser.delete_all_cookies()
            browser.open("/healthz")
        else:
            browser.sign_in(user_model.objects.get(email=email))
        browser.add_cookie({"name": "django_language", "value": language, "path": "/"})
        for path in paths:
            browser.open(path)
            lang = browser.find_element(By.TAG_NAME, "html").get_attribute("lang")
            header = browser.find_element(By.CSS_SELECTOR, ".site-header").size["height"]
            if lang != language or header > HEADER_MAX_HEIGHT:
                problems[path] = [f"lang {lang}, header {header}px"]
            elif browser.scrolls_sideways():
                problems[path] = browser.wider_than_window()
    return problems


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_no_page_scrolls_sideways_on_a_phone(live_server, phone_browser, language):
    call_command("seed_demo", verbosity=0)
    assert _check_every_page(phone_browser, language) == {}


def test_the_phone_menu_is_a_button_that_opens_and_closes(live_server, phone_browser):
    phone_browser.open("/")
    toggle = phone_browser.find_element(By.CSS_SELECTOR, "button.menu-toggle")
    menu = phone_browser.find_element(By.ID, "site-menu")
    assert (toggle.get_attribute("aria-controls"), toggle.text) == ("site-menu", "菜单")
    assert (toggle.get_attribute("aria-expanded"), menu.is_displayed()) == ("false", False)

    toggle.click()
    phone_browser.wait_until(lambda b: menu.is_displayed())
    assert toggle.get_attribute("aria-expanded") == "true"
    assert [link.text for link in menu.find_elements(By.CSS_SELECTOR, "a")][:4] == [
        "活动",
        "专家",
        "企业",
        "需求",
    ]
    phone_browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    phone_browser.wait_until(lambda b: not menu.is_displayed())
    assert toggle.get_attribute("aria-expanded") == "false"
    assert phone_browser.switch_to.active_element == toggle


def test_the_desktop_header_shows_the_menu_without_a_button(live_server, browser):
    browser.open("/")
    assert browser.find_element(By.CSS_SELECTOR, "button.menu-toggle").is_displayed() is False
    assert browser.find_element(By.ID, "site-menu").is_displayed() is True


def test_without_javascript_the_phone_menu_is_simply_shown(live_server, tmp_path_factory):
    from core.tests.browser import PHONE, start_browser

    driver = start_browser(tmp_path_factory.mktemp("chromium-home"), size=PHONE)
    try:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        driver.get(live_server.url + "/")
        assert driver.find_element(By.CSS_SELECTOR, "button.menu-toggle").is_displayed() is False
        assert driver.find_element(By.ID, "site-menu").is_displayed() is True
    finally:
        driver.quit()

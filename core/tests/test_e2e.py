"""The demo forum in a real browser (Debian's chromium, headless)."""

import pytest
from django.core.management import call_command
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_home_shows_the_demo_and_switches_to_english(live_server, browser):
    call_command("seed_demo", verbosity=0)
    browser.get(live_server.url + "/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-hans"
    assert "聚智赋能 科创未来" in browser.page_source
    assert "正在进行" in browser.page_source

    Select(browser.find_element(By.ID, "language-select")).select_by_value("en")
    WebDriverWait(browser, 10).until(
        lambda b: b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    )
    assert "Live now" in browser.page_source
    assert "Pooling Wisdom for an Innovative Future" in browser.page_source
    assert browser.get_cookie("django_language")["value"] == "en"


def test_pages_load_no_outside_resources(live_server, browser):
    call_command("seed_demo", verbosity=0)
    for path in ("/", "/accounts/login/", "/api/docs/"):
        browser.get(live_server.url + path)
        urls = browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
        )
        outside = [
            u for u in urls if not u.startswith(live_server.url) and not u.startswith("data:")
        ]
        assert outside == [], path

"""Two people in one session, in two real browsers (Debian's chromium, headless)."""

import datetime as dt
import os
import tempfile

import pytest
from channels.testing import ChannelsLiveServerTestCase
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from accounts.tests.factories import UserFactory
from chat.tests.browser import log_in
from events.tests.factories import EventFactory, RegistrationFactory, SessionFactory


def _chromium(home):
    """The same headless chromium as the project's `browser` fixture, for a second person."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from conftest import CHROMEDRIVER, CHROMIUM

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,800",
        f"--user-data-dir={home}",
    ):
        options.add_argument(flag)
    env = {**os.environ, "HOME": str(home), "TMPDIR": tempfile.gettempdir()}
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER, env=env), options=options)
    driver.implicitly_wait(5)
    return driver


@pytest.mark.e2e
class ChatInBrowserTests(ChannelsLiveServerTestCase):
    serve_static = True

    @pytest.fixture(autouse=True)
    def _browsers(self, browser, tmp_path_factory):
        self.first = browser
        self.second = _chromium(tmp_path_factory.mktemp("chromium-second"))
        yield
        self.second.quit()

    def _log_in(self, driver, user, url):
        log_in(driver, self.live_server_url, user, url)

    def _wait_text(self, driver, selector, text):
        WebDriverWait(driver, 15).until(
            ec.text_to_be_present_in_element((By.CSS_SELECTOR, selector), text)
        )

    def test_message_and_question_reach_the_other_person_who_upvotes(self):
        now = timezone.now()
        event = EventFactory(start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=2))
        session = SessionFactory(event=event, start=now - dt.timedelta(minutes=5))
        asker, listener = UserFactory(name="提问人"), UserFactory(name="听众")
        for user in (asker, listener):
            RegistrationFactory(event=event, user=user)
        url = f"/events/{event.slug}/sessions/{session.pk}/"
        self._log_in(self.first, asker, url)
        self._log_in(self.second, listener, url)

        box = self.first.find_element(By.ID, "chat-message-body")
        box.send_keys("大家好 <b>不加粗</b> https://example.com/a")
        self.first.find_element(By.CSS_SELECTOR, '[data-kind="message"] button').click()
        question = self.first.find_element(By.ID, "chat-question-body")
        question.send_keys("何时开放申请？")
        self.first.find_element(By.CSS_SELECTOR, '[data-kind="question"] button').click()

        self._wait_text(self.second, '[data-list="message"]', "大家好 <b>不加粗</b>")
        self._wait_text(self.second, '[data-list="question"]', "何时开放申请？")
        link = self.second.find_element(By.CSS_SELECTOR, '[data-list="message"] a')
        assert link.get_attribute("href") == "https://example.com/a"
        assert self.second.find_elements(By.CSS_SELECTOR, '[data-list="message"] b') == []

        self.second.find_element(
            By.CSS_SELECTOR, '[data-list="question"] [data-action="vote"]'
        ).click()
        self._wait_text(self.second, '[data-list="question"] [data-role="votes"]', "1")
        self._wait_text(self.first, '[data-list="question"] [data-role="votes"]', "1")
        author = self.second.find_element(By.CSS_SELECTOR, '[data-list="question"] .chat-author')
        assert author.text == "提问人"

"""Two people in one session, in two real browsers (Debian's chromium, headless)."""

import datetime as dt

import pytest
from channels.testing import ChannelsLiveServerTestCase
from django.utils import timezone
from selenium.webdriver.common.by import By

from accounts.tests.factories import UserFactory
from events.tests.factories import EventFactory, RegistrationFactory, SessionFactory


@pytest.mark.e2e
class ChatInBrowserTests(ChannelsLiveServerTestCase):
    serve_static = True

    @pytest.fixture(autouse=True)
    def _browsers(self, browser, start_chromium):
        self.first = browser
        self.second = start_chromium()
        for driver in (self.first, self.second):
            driver.live_url = self.live_server_url

    def _log_in(self, driver, user, url):
        driver.sign_in(user)
        driver.open(url)
        driver.wait_for('[data-state="connected"]')

    def _wait_text(self, driver, selector, text):
        driver.wait_for_text(selector, text)

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

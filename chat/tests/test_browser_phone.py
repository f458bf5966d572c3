"""The chat pages on a phone (390×844) in Debian's chromium: nothing scrolls sideways, a room
that takes no messages says so before anyone types, and refused text stays in the box."""

import datetime as dt
import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import SyncToAsync
from channels.testing import ChannelsLiveServerTestCase
from django.core.cache import cache
from django.utils import timezone
from selenium.webdriver.common.by import By

from accounts.tests.factories import UserFactory
from chat.models import Message, Mute
from chat.tests.factories import MessageFactory
from events.tests.factories import EventFactory, RegistrationFactory, SessionFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostMembershipFactory


def _fresh_sync_thread():
    # The live server is a forked copy of this process: asgiref's one thread for database work,
    # used by earlier consumer tests here, does not exist in the copy, and its pool would wait
    # on it forever.
    SyncToAsync.single_thread_executor = ThreadPoolExecutor(max_workers=1)


os.register_at_fork(after_in_child=_fresh_sync_thread)


@pytest.mark.e2e
class ChatOnAPhoneTests(ChannelsLiveServerTestCase):
    serve_static = True

    @classmethod
    def setUpClass(cls):
        # The server process starts with a copy of this process's memory cache: earlier tests'
        # copies of mutes and slow modes (for reused ids) must not be in it.
        cache.clear()
        super().setUpClass()

    @pytest.fixture(autouse=True)
    def _phone(self, phone_browser):
        self.driver = phone_browser
        phone_browser.live_url = self.live_server_url

    def _live_session(self, **kwargs):
        now = timezone.now()
        event = EventFactory(start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=2))
        session = SessionFactory(
            event=event,
            start=now - dt.timedelta(minutes=5),
            end=now + dt.timedelta(hours=1),
            **kwargs,
        )
        return event, session

    def _fits(self):
        assert self.driver.scrolls_sideways() is False

    def _enter(self, user, url):
        self.driver.sign_in(user)
        self.driver.open(url)
        self.driver.wait_for('[data-state="connected"]')

    def test_chat_pages_on_a_phone(self):
        # Everything is created before the browser starts: the live server process may keep
        # reading the database as it was when its first socket opened.
        event, session = self._live_session(title="一个很长的分会场标题" * 4)
        staff = HostMembershipFactory(host=event.host, role=HostMembership.Role.STAFF).user
        MessageFactory(session=session, body="https://example.com/" + "a" * 300)
        MessageFactory(session=session, body="长" * 400, kind=Message.Kind.QUESTION, votes=1)
        MessageFactory(event=event, session=None, body="x" * 500, pinned=True)
        muted = UserFactory(name="被禁言的人")
        RegistrationFactory(event=event, user=muted)
        Mute.objects.create(
            event=event, user=muted, until=timezone.now() + dt.timedelta(minutes=10)
        )
        now = timezone.now()
        ended = SessionFactory(
            event=event, start=now - dt.timedelta(hours=4), end=now - dt.timedelta(hours=3)
        )
        session_url = f"/events/{event.slug}/sessions/{session.pk}/"

        # Staff: the session page, the lobby and the settings page fit the screen.
        self._enter(staff, session_url)
        self.driver.wait_for('[data-list="question"] li')
        self._fits()
        self.driver.open(f"/events/{event.slug}/lobby/")
        self.driver.wait_for('[data-list="message"] li')
        self._fits()
        self.driver.open(f"/events/{event.slug}/chat/settings/")
        self.driver.wait_for(".chat-rooms select")
        self._fits()

        # A muted attendee: the refused message stays in the box.
        self._enter(muted, session_url)
        box = self.driver.find_element(By.ID, "chat-message-body")
        box.send_keys("这段话不能丢")
        self.driver.find_element(By.CSS_SELECTOR, '[data-kind="message"] button').click()
        self.driver.wait_until(
            lambda d: d.find_element(By.CSS_SELECTOR, '[data-role="error"]').text != ""
        )
        box = self.driver.find_element(By.ID, "chat-message-body")
        assert box.get_attribute("value") == "这段话不能丢"
        self._fits()

        # A room that has closed says so before anyone types.
        self.driver.open(f"/events/{event.slug}/sessions/{ended.pk}/")
        self.driver.wait_for('[data-state="connected"]')
        notice = self.driver.find_element(By.CSS_SELECTOR, '[data-role="room-state"]')
        assert notice.is_displayed()
        assert notice.text != ""
        assert self.driver.find_element(By.ID, "chat-message-body").get_attribute("disabled")
        self._fits()

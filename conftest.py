"""Project-wide test set-up: fast hashing, a clean cache, and the browser for e2e tests."""

import contextlib
import os

import pytest
from django.core.cache import cache
from django.utils import translation

from core.tests.browser import DESKTOP, PHONE, browser_available, start_browser


def pytest_collection_modifyitems(config, items):
    """Skip e2e tests with a notice when Debian's chromium is missing; in CI they must run."""
    e2e = [item for item in items if "e2e" in item.keywords]
    if not e2e or browser_available():
        return
    if os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError(
            "CI=true, but Debian's chromium and chromium-driver are missing "
            "(apt-get install -y chromium chromium-driver): the browser tests must run in CI."
        )
    skip = pytest.mark.skip(reason="chromium/chromium-driver not installed (apt-get install them)")
    for item in e2e:
        item.add_marker(skip)


def pytest_report_header(config):
    if not browser_available():
        return "e2e: chromium not found; browser tests will be skipped"
    return "e2e: using /usr/bin/chromium"


@pytest.fixture(autouse=True)
def _fast_and_clean(settings):
    from core import sms

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Like Django's test runner does for email: texts are kept, never sent (`sms_outbox`).
    settings.SMS_BACKEND = "locmem"
    sms.outbox.clear()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    # A request in another language leaves it active in the thread: start every test in ours.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    with contextlib.suppress(Exception):  # a test may have pointed the cache at a dead server
        cache.clear()


@pytest.fixture
def sms_outbox():
    """The texts sent so far in this test (core.sms.outbox), oldest first."""
    from core import sms

    return sms.outbox


def _started_browser(request, tmp_path_factory, size):
    home = tmp_path_factory.mktemp("chromium-home")
    driver = start_browser(home, size=size)
    if "live_server" in request.fixturenames:
        driver.live_url = request.getfixturevalue("live_server").url
    return driver


@pytest.fixture
def browser(request, tmp_path_factory):
    """A headless Debian chromium at desktop size (core/tests/browser.py: `Browser`), bound to
    the live server when the test uses one."""
    driver = _started_browser(request, tmp_path_factory, DESKTOP)
    yield driver
    driver.quit()


@pytest.fixture
def phone_browser(request, tmp_path_factory):
    """The same browser at a phone's 390×844."""
    driver = _started_browser(request, tmp_path_factory, PHONE)
    yield driver
    driver.quit()


@pytest.fixture
def start_chromium(tmp_path_factory):
    """`start_chromium(size=…, flags=…)` opens a further browser (a second person, or one with
    extra switches such as a fake camera), closed after the test."""
    drivers = []

    def start(size=DESKTOP, flags=()):
        drivers.append(
            start_browser(tmp_path_factory.mktemp("chromium-home"), size=size, flags=flags)
        )
        return drivers[-1]

    yield start
    for driver in drivers:
        driver.quit()


# --- The permission matrix's actors (STYLE.md, rule 18) ---------------------------------------
ACTORS = [
    "anonymous",
    "user",
    "attendee",
    "expert",
    "enterprise",
    "host_staff",
    "host_owner",
    "other_host_staff",
    "superuser",
]


@pytest.fixture
def world(db):
    """One host with an owner and staff, another host's staff, and a published event of the
    first host; `world.actor(name)` gives the user for each name in ACTORS (None = anonymous)."""
    from accounts.models import UserRole
    from accounts.tests.factories import UserFactory
    from events.models import Registration
    from events.tests.factories import EventFactory, RegistrationFactory
    from hosts.models import HostMembership
    from hosts.tests.factories import HostFactory, HostMembershipFactory
    from profiles.tests.factories import CompanyMembershipFactory, ExpertProfileFactory

    class World:
        pass

    w = World()
    w.host = HostFactory()
    w.other_host = HostFactory()
    w.event = EventFactory(host=w.host)
    w.users = {
        "anonymous": None,
        "user": UserFactory(role=UserRole.GUEST),
        "attendee": UserFactory(role=UserRole.GUEST),
        "expert": UserFactory(role=UserRole.EXPERT),
        "enterprise": UserFactory(role=UserRole.ENTERPRISE),
        "host_staff": HostMembershipFactory(host=w.host, role=HostMembership.Role.STAFF).user,
        "host_owner": HostMembershipFactory(host=w.host, role=HostMembership.Role.OWNER).user,
        "other_host_staff": HostMembershipFactory(
            host=w.other_host, role=HostMembership.Role.STAFF
        ).user,
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    RegistrationFactory(
        event=w.event, user=w.users["attendee"], status=Registration.Status.CONFIRMED
    )
    w.expert_profile = ExpertProfileFactory(user=w.users["expert"])
    w.company = CompanyMembershipFactory(user=w.users["enterprise"]).company
    w.actor = w.users.__getitem__
    return w


@pytest.fixture
def client_for(client):
    """`client_for(user)` logs the test client in as `user` (None stays anonymous)."""

    def login(user):
        if user is not None:
            client.force_login(user)
        return client

    return login

"""The Content-Security-Policy in Chromium: the pages people use, allauth's and the offline API
docs run without a single violation (an inline script or style, or an outside host)."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from events.tests.factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Runs in each new document before its own scripts (DevTools), so nothing is missed.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""
# Two animation frames after load: late style and script insertions have happened by then.
VIOLATIONS = """
const done = arguments[arguments.length - 1];
requestAnimationFrame(() => requestAnimationFrame(() => done(window.__csp)));
"""


def _violations(browser, path, *, ready="body"):
    browser.open(path)
    browser.wait_for(ready)
    return browser.execute_async_script(VIOLATIONS)


def test_pages_raise_no_csp_violation(live_server, browser):
    now = timezone.now()
    event = EventFactory(start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=3))
    session = SessionFactory(event=event, start=now - dt.timedelta(minutes=5))
    attendee = UserFactory(name="听众")
    RegistrationFactory(event=event, user=attendee)
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})

    pages = {
        "/": "main",
        "/accounts/login/": "#id_login",
        "/accounts/signup/?by=phone": "#id_phone",
        "/accounts/login/code/?by=phone": "#id_phone",
        "/api/docs/": ".swagger-ui .opblock",
        f"/events/{event.slug}/": "main",
    }
    found = {path: _violations(browser, path, ready=css) for path, css in pages.items()}
    browser.sign_in(attendee)
    chat = f"/events/{event.slug}/sessions/{session.pk}/"
    found[chat] = _violations(browser, chat, ready="#chat-message-body")
    found["/me/"] = _violations(browser, "/me/")
    assert found == {path: [] for path in found}

    # The watcher does see a violation: an inline style added by a script is refused.
    browser.execute_script(
        "const s = document.createElement('style'); s.textContent = 'body {}';"
        "document.head.appendChild(s);"
    )
    assert browser.execute_async_script(VIOLATIONS) == ["style-src-elem inline"]

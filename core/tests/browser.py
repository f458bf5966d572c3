"""The one headless Chromium every browser test uses, with the waits that keep them reliable.

Rules that keep browser tests from failing one run in twenty on a loaded machine:
- an action that loads another page goes through `Browser.follow`, which waits until the new
  document has finished loading before anything is touched;
- no element is kept across a navigation: find it again on the new page;
- waits are on conditions (`Browser.wait_for`, `Browser.wait_until`), never sleeps.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
DESKTOP = (1280, 800)
PHONE = (390, 844)
# Generous: CI shares two cores with other work; a condition that holds returns at once.
TIMEOUT = 30


def browser_available() -> bool:
    return bool(shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER))


class Browser(webdriver.Chrome):
    """Selenium's Chrome driver with page-aware helpers (see the module's rules)."""

    live_url = ""

    def url(self, path: str) -> str:
        return self.live_url + path

    def open(self, path: str) -> None:
        """Load a page of the live server and wait until it has loaded."""
        self.get(self.url(path))
        self._wait_loaded()

    def sign_in(self, user) -> None:
        """Start a signed-in session for `user` (a User) without going through the login form."""
        from django.conf import settings
        from django.test import Client

        client = Client()
        client.force_login(user)
        self.delete_all_cookies()
        self.get(self.url("/healthz"))
        self.add_cookie(
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "path": "/",
            }
        )

    def follow(self, target: WebElement | str, *, timeout: float = TIMEOUT) -> None:
        """Click a link or button (an element or a CSS selector) that loads a new page, and wait
        until the new page has loaded. Elements found before are gone afterwards: find again."""
        element = self.find_element(By.CSS_SELECTOR, target) if isinstance(target, str) else target
        marker = secrets.token_hex(8)
        self.execute_script("window.__yizhanPage = arguments[0];", marker)
        element.click()
        self.wait_until(
            lambda b: b.execute_script(
                "return window.__yizhanPage === undefined && document.readyState === 'complete';"
            ),
            timeout=timeout,
        )

    def open_menu(self) -> None:
        """Unfold the header's menu where it is folded behind its button (a phone); nothing on
        a desktop, where the menu is always shown."""
        toggle = self.find_element(By.CSS_SELECTOR, "button.menu-toggle")
        if toggle.is_displayed() and toggle.get_attribute("aria-expanded") != "true":
            toggle.click()
            self.wait_until(lambda b: b.find_element(By.ID, "site-menu").is_displayed())

    def wait_until(self, condition, *, timeout: float = TIMEOUT):
        """Wait until `condition(browser)` is truthy and return it. Errors a page raises while it
        is being replaced (stale or detached nodes) count as "not yet"."""
        return WebDriverWait(
            self, timeout, poll_frequency=0.1, ignored_exceptions=(WebDriverException,)
        ).until(condition)

    def wait_for(self, css: str, *, timeout: float = TIMEOUT) -> WebElement:
        """The first element matching `css`, once it is present."""
        return self.wait_until(
            ec.presence_of_element_located((By.CSS_SELECTOR, css)), timeout=timeout
        )

    def wait_for_text(self, css: str, text: str, *, timeout: float = TIMEOUT) -> None:
        self.wait_until(
            ec.text_to_be_present_in_element((By.CSS_SELECTOR, css), text), timeout=timeout
        )

    def scrolls_sideways(self) -> bool:
        """Whether the page is wider than the window (a phone would scroll it sideways).

        Compared with the root's clientWidth, the layout viewport: on an emulated phone
        `window.innerWidth` grows with content that overflows, so it never tells."""
        return self.execute_script(
            "return document.documentElement.scrollWidth"
            " > document.documentElement.clientWidth + 1;"
        )

    def wider_than_window(self) -> list[str]:
        """The elements that reach past the window's right edge (to say why a page scrolls
        sideways), as "tag.class right-edge"; at most ten."""
        return self.execute_script(
            """
            const width = document.documentElement.clientWidth, found = [];
            for (const element of document.body.querySelectorAll("*")) {
              const box = element.getBoundingClientRect();
              if (box.width > 0 && box.right > width + 1) {
                found.push(element.tagName.toLowerCase() + "." + element.className + " "
                  + Math.round(box.right));
              }
            }
            return found.slice(0, 10);
            """
        )

    def _wait_loaded(self) -> None:
        self.wait_until(lambda b: b.execute_script("return document.readyState === 'complete';"))


def start_browser(
    home,
    *,
    size: tuple[int, int] = DESKTOP,
    language: str = "zh-CN,zh",
    flags: tuple[str, ...] = (),
) -> Browser:
    """A headless Debian Chromium with its own HOME and profile folder under `home`; `flags`
    are further command-line switches (e.g. a fake camera)."""
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
        "--disable-quic",
        f"--window-size={size[0]},{size[1]}",
        f"--user-data-dir={home}",
        *flags,
    ):
        options.add_argument(flag)
    if size[0] < 600:  # a phone: its viewport, pixel ratio and touch, as the pages see them
        options.add_experimental_option(
            "mobileEmulation",
            {
                "deviceMetrics": {
                    "width": size[0],
                    "height": size[1],
                    "pixelRatio": 3.0,
                    "touch": True,
                }
            },
        )
    # The platform's typical visitor reads Chinese; tests switch to English explicitly.
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    env = {**os.environ, "HOME": str(home), "TMPDIR": tempfile.gettempdir()}
    driver = Browser(service=Service(CHROMEDRIVER, env=env), options=options)
    driver.implicitly_wait(10)
    driver.set_page_load_timeout(60)
    return driver

"""Signing a browser in for the chat's browser tests."""

from django.conf import settings
from django.test import Client
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait


def log_in(driver, base_url: str, user, url: str, *, connected: bool = True):
    """Sign `user` in with a session cookie and open `url` (waiting for the chat to connect)."""
    client = Client()
    client.force_login(user)
    driver.get(base_url + "/healthz")
    driver.add_cookie(
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "path": "/",
        }
    )
    driver.get(base_url + url)
    if connected:
        WebDriverWait(driver, 15).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, '[data-state="connected"]'))
        )

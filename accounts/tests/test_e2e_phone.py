"""Sign-up and login with a mobile number in Chromium, on a desktop and at 390×844, in Chinese
and in English; the SMS codes are read from the in-memory outbox."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from accounts.models import User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-and-unusual-passphrase-42"
NUMBER = "+8613800138000"


def _code(browser, sms_outbox, count):
    """The code of the `count`-th text, once it has been sent."""
    browser.wait_until(lambda b: len(sms_outbox) >= count)
    message = sms_outbox[count - 1]
    assert message.to == NUMBER
    return message.params["code"]


def _type(browser, css, text):
    field = browser.wait_for(css)
    field.clear()
    field.send_keys(text)


def _submit(browser, form_action):
    browser.follow(f'form[action="{form_action}"] button[type="submit"]')


def _path(browser):
    return browser.execute_script("return location.pathname + location.search")


def _sign_up_and_log_in_by_phone(browser, sms_outbox, *, english):
    browser.open("/accounts/signup/")
    if english:
        Select(browser.find_element(By.ID, "language-select")).select_by_value("en")
        browser.wait_until(
            lambda b: b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
        )
    tab = "Mobile number" if english else "手机号"
    browser.follow(browser.find_element(By.LINK_TEXT, tab))
    assert browser.find_element(By.CSS_SELECTOR, 'label[for="id_phone"]').text.startswith(tab)
    assert not browser.scrolls_sideways()

    _type(browser, "#id_phone", "138 0013 8000")
    _type(browser, "#id_password1", PASSWORD)
    browser.find_element(By.ID, "id_privacy_consent").click()
    _submit(browser, "/accounts/signup/")
    assert _path(browser) == "/accounts/phone/verify/"
    assert not browser.scrolls_sideways()

    _type(browser, 'input[name="code"]', _code(browser, sms_outbox, 1))
    browser.follow('form[action="/accounts/phone/verify/"] button[type="submit"]')
    assert _path(browser) == "/me/welcome/"
    user = User.objects.get(phone=NUMBER)
    assert (user.phone_verified, user.email) == (True, None)

    # Log out, then back in with an SMS code.
    browser.open_menu()  # on a phone, logging out is in the folded menu
    browser.follow('form[action="/accounts/logout/"] button[type="submit"]')
    browser.open("/accounts/login/")
    browser.follow("#login-by-sms")
    assert not browser.scrolls_sideways()
    _type(browser, "#id_phone", "13800138000")
    _submit(browser, "/accounts/login/code/")
    assert _path(browser) == "/accounts/login/code/confirm/"
    _type(browser, 'input[name="code"]', _code(browser, sms_outbox, 2))
    browser.follow('form[action="/accounts/login/code/confirm/"] button[type="submit"]')
    assert _path(browser) == "/me/welcome/"

    # And with the number and the password.
    browser.open_menu()  # on a phone, logging out is in the folded menu
    browser.follow('form[action="/accounts/logout/"] button[type="submit"]')
    browser.open("/accounts/login/")
    _type(browser, "#id_login", "138 0013 8000")
    _type(browser, "#id_password", PASSWORD)
    _submit(browser, "/accounts/login/")
    assert _path(browser) == "/me/welcome/"
    assert not browser.scrolls_sideways()
    browser.open("/me/")
    assert "138 0013 8000" in browser.find_element(By.CSS_SELECTOR, ".facts").text


def test_phone_signup_and_login_in_chinese_on_a_desktop(live_server, browser, sms_outbox):
    _sign_up_and_log_in_by_phone(browser, sms_outbox, english=False)


def test_phone_signup_and_login_in_english_on_a_phone(live_server, phone_browser, sms_outbox):
    _sign_up_and_log_in_by_phone(phone_browser, sms_outbox, english=True)

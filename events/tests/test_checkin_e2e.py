"""At the door in a real browser, on a desktop and on a phone: check-in by short code and by
search without a reload, and scans kept while the network is down, sent when it returns."""

import pytest
import segno
from django.urls import reverse
from selenium.webdriver.common.by import By

from accounts.tests.factories import UserFactory
from core.tests.browser import PHONE
from events.models import Registration
from events.tests.factories import EventFactory, RegistrationFactory
from events.tests.test_registration_views import staff_of
from profiles.tests.factories import CompanyMembershipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _result(driver) -> str:
    return driver.wait_for("#door-result [data-outcome]").get_attribute("data-outcome")


@pytest.mark.parametrize("which", ["browser", "phone_browser"])
def test_check_in_by_short_code_and_by_search(request, live_server, which):
    driver = request.getfixturevalue(which)
    event = EventFactory()
    staff = staff_of(event.host)
    by_code = RegistrationFactory(event=event)
    member = CompanyMembershipFactory(company__name="蓝色海湾科技有限公司")
    by_search = RegistrationFactory(event=event, user=member.user)
    driver.sign_in(staff)
    driver.open(reverse("events:check_in", args=[event.slug]))
    # On localhost the camera is allowed: the scan button is offered, the HTTPS note is not.
    assert driver.find_element(By.ID, "door-scan").is_displayed()
    assert not driver.find_element(By.ID, "door-insecure").is_displayed()

    code = by_code.short_code
    driver.find_element(By.NAME, "code").send_keys(f"{code[:4].lower()} {code[4:].lower()}")
    driver.find_element(By.CSS_SELECTOR, ".check-in-form button[type=submit]").click()
    driver.wait_until(lambda d: _result(d) == "ok")
    assert by_code.user.display_name in driver.find_element(By.ID, "door-result").text
    driver.find_element(By.NAME, "code").send_keys(code)
    driver.find_element(By.CSS_SELECTOR, ".check-in-form button[type=submit]").click()
    driver.wait_until(lambda d: _result(d) == "already")
    assert "已签到过" in driver.find_element(By.ID, "door-result").text

    driver.find_element(By.CSS_SELECTOR, ".door-search-form input[name=q]").send_keys("蓝色海湾")
    driver.follow(".door-search-form button[type=submit]")
    assert [
        e.text.split("\n")[0] for e in driver.find_elements(By.CSS_SELECTOR, ".door-match")
    ] == [f"{by_search.user.display_name} · 蓝色海湾科技有限公司"]
    driver.find_element(By.CSS_SELECTOR, ".door-match-form button").click()
    driver.wait_for(".door-match .door-match-done")
    assert _result(driver) == "ok"
    assert not driver.scrolls_sideways(), driver.wider_than_window()

    checked = dict(Registration.objects.filter(event=event).values_list("pk", "checked_in_by"))
    assert checked == {by_code.pk: staff.pk, by_search.pk: staff.pk}


def test_scans_made_offline_are_sent_when_the_network_returns(phone_browser, live_server):
    event = EventFactory()
    staff, colleague = staff_of(event.host), staff_of(event.host)
    fresh = RegistrationFactory(event=event)
    elsewhere = RegistrationFactory(event=event, user=UserFactory(name="赵四"))
    phone_browser.sign_in(staff)
    phone_browser.open(reverse("events:check_in", args=[event.slug]))
    # A colleague at the other entrance checks one of them in while this phone is offline.
    Registration.objects.filter(pk=elsewhere.pk).update(
        checked_in_at=event.start, checked_in_by=colleague
    )
    phone_browser.execute_script(
        "window.__fetch = window.fetch;"
        "window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));"
    )
    for registration in (fresh, elsewhere):
        phone_browser.find_element(By.NAME, "code").send_keys(registration.short_code)
        phone_browser.find_element(By.CSS_SELECTOR, ".check-in-form button[type=submit]").click()
    phone_browser.wait_for_text("#door-queued", "2")
    assert _result(phone_browser) == "queued"
    assert phone_browser.find_element(By.ID, "door-offline").is_displayed()
    assert Registration.objects.get(pk=fresh.pk).checked_in_at is None

    phone_browser.execute_script(
        "window.fetch = window.__fetch; window.dispatchEvent(new Event('online'));"
    )
    phone_browser.wait_until(lambda d: not d.find_element(By.ID, "door-offline").is_displayed())
    conflicts = phone_browser.find_elements(By.CSS_SELECTOR, "#door-conflict-list li")
    assert [c.get_attribute("data-outcome") for c in conflicts] == ["already"]
    assert "赵四" in conflicts[0].text
    assert colleague.display_name in conflicts[0].text
    fresh.refresh_from_db()
    assert fresh.checked_in_by == staff
    assert not phone_browser.scrolls_sideways(), phone_browser.wider_than_window()
    phone_browser.find_element(By.ID, "door-conflicts-clear").click()
    phone_browser.wait_until(lambda d: not d.find_element(By.ID, "door-conflicts").is_displayed())


def _camera_file(path, text: str):
    """A Y4M video of the QR code of `text`, for Chromium's fake camera: 640×480, grey."""
    width, height, scale = 640, 480, 8
    matrix = [list(row) for row in segno.make(text, error="m").matrix]
    size = len(matrix) * scale
    left, top = (width - size) // 2, (height - size) // 2
    luma = bytearray(b"\xeb" * width * height)  # white
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                for dy in range(scale):
                    start = (top + y * scale + dy) * width + left + x * scale
                    luma[start : start + scale] = b"\x10" * scale
    chroma = b"\x80" * (width // 2) * (height // 2) * 2
    header = f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + (b"FRAME\n" + bytes(luma) + chroma) * 5)
    return path


def test_check_in_by_camera(start_chromium, live_server, tmp_path):
    """The page reads a ticket's QR code from the camera (Chromium's fake camera plays a video
    of it) and checks the person in; without BarcodeDetector, with the vendored jsQR."""
    event = EventFactory()
    staff = staff_of(event.host)
    registration = RegistrationFactory(event=event)
    video = _camera_file(tmp_path / "qr.y4m", registration.ticket_token)
    driver = start_chromium(
        size=PHONE,
        flags=(
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ),
    )
    driver.live_url = live_server.url
    driver.sign_in(staff)
    driver.open(reverse("events:check_in", args=[event.slug]))
    driver.find_element(By.ID, "door-scan").click()
    driver.wait_until(lambda d: _result(d) == "ok")
    assert registration.user.display_name in driver.find_element(By.ID, "door-result").text
    native = driver.execute_script("return 'BarcodeDetector' in window;")
    decoder = driver.find_element(By.ID, "door").get_attribute("data-decoder")
    assert decoder == ("barcode-detector" if native else "jsqr")
    registration.refresh_from_db()
    assert registration.checked_in_by == staff
    driver.find_element(By.ID, "door-stop").click()
    assert driver.find_element(By.ID, "door-scan").is_displayed()


def test_over_plain_http_the_page_says_the_camera_needs_https(
    start_chromium, live_server, settings
):
    """An intranet address over HTTP is no secure context: no camera, the note, and the short
    code and search still there."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "door.test"]
    event = EventFactory()
    driver = start_chromium(size=PHONE, flags=("--host-resolver-rules=MAP door.test 127.0.0.1",))
    driver.live_url = live_server.url.replace("localhost", "door.test")
    driver.sign_in(staff_of(event.host))
    driver.open(reverse("events:check_in", args=[event.slug]))
    assert driver.execute_script("return window.isSecureContext;") is False
    assert driver.find_element(By.ID, "door-insecure").is_displayed()
    assert "HTTPS" in driver.find_element(By.ID, "door-insecure").text
    assert not driver.find_element(By.ID, "door-scan").is_displayed()
    assert driver.find_element(By.NAME, "code").is_displayed()
    assert driver.find_element(By.CSS_SELECTOR, ".door-search-form input[name=q]").is_displayed()

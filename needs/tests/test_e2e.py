"""In a real browser, on a desktop and at 390×844, in Chinese and in English: a company posts a
need, lets the page tick the topics its text names, and sets its budget, wanted-by date and
visibility; nothing scrolls sideways."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from selenium.webdriver.common.by import By

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from needs.models import Need
from profiles.models import Topic
from profiles.taxonomy import seed_topics, starter_topics, taxonomy_changed
from profiles.tests.factories import CompanyMembershipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _tap(browser, element) -> None:
    """Bring a control to the middle of the screen, then tap it as a finger would."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    browser.wait_until(lambda b: element.is_displayed())
    element.click()


def _type(browser, css: str, text: str) -> None:
    field = browser.find_element(By.CSS_SELECTOR, css)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", field)
    field.send_keys(text)


@pytest.mark.parametrize("size", ["browser", "phone_browser"])
@pytest.mark.parametrize(
    ("language", "saved", "members"),
    [("zh-hans", "已发布", "已登录的会员"), ("en", "posted", "Signed-in members")],
)
def test_company_posts_a_need_with_topics_budget_and_visibility(
    request, live_server, size, language, saved, members
):
    seed_topics(Topic, starter_topics())  # a transactional test may have emptied the table
    taxonomy_changed()
    browser = request.getfixturevalue(size)
    member = CompanyMembershipFactory(user=UserFactory(role=UserRole.ENTERPRISE))
    browser.sign_in(member.user)
    browser.add_cookie({"name": "django_language", "value": language, "path": "/"})
    browser.open(reverse("needs:need_create"))
    assert browser.scrolls_sideways() is False, browser.wider_than_window()

    _type(browser, "#id_title", "储能电池柜热管理")
    _type(browser, "#id_description", "夏季储能电池柜温度过高。")
    _tap(browser, browser.find_element(By.CSS_SELECTOR, ".topic-suggest"))
    storage = Topic.objects.get(slug="energy-storage")
    thermal = Topic.objects.get(slug="battery-thermal-management")
    box = f'.topic-picker input[value="{thermal.pk}"]'
    browser.wait_until(lambda b: b.find_element(By.CSS_SELECTOR, box).is_selected())
    assert browser.find_element(By.CSS_SELECTOR, ".topic-status").text != ""
    # The company keeps one suggested topic and drops the other, finding it by search.
    _type(browser, ".topic-search", "电池热")
    hydrogen = Topic.objects.get(slug="hydrogen")
    browser.wait_until(
        lambda b: (
            not b.find_element(
                By.CSS_SELECTOR, f'.topic-picker input[value="{hydrogen.pk}"]'
            ).is_displayed()
        )
    )
    # A ticked topic stays in sight whatever the search.
    assert browser.find_element(
        By.CSS_SELECTOR, f'.topic-picker input[value="{storage.pk}"]'
    ).is_displayed()
    _tap(browser, browser.find_element(By.CSS_SELECTOR, box))

    _tap(
        browser,
        browser.find_element(By.CSS_SELECTOR, 'input[name="cooperation_forms"][value="joint_rd"]'),
    )
    _type(browser, "#id_budget_min", "100000")
    _type(browser, "#id_budget_max", "500000")
    wanted = timezone.localdate() + dt.timedelta(days=90)
    browser.execute_script(
        "document.getElementById('id_wanted_by').value = arguments[0];", wanted.isoformat()
    )
    _tap(
        browser, browser.find_element(By.CSS_SELECTOR, 'input[name="visibility"][value="members"]')
    )
    assert browser.scrolls_sideways() is False, browser.wider_than_window()
    save = browser.find_element(By.CSS_SELECTOR, 'button[name="save"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", save)
    browser.follow(save)

    browser.wait_for("article h1")
    need = Need.objects.get()
    assert (
        list(need.topics.values_list("slug", flat=True)),
        need.cooperation_forms,
        need.budget_min,
        need.budget_max,
        need.wanted_by,
        need.visibility,
    ) == (["energy-storage"], ["joint_rd"], 100000, 500000, wanted, "members")
    page = browser.find_element(By.CSS_SELECTOR, "main").text
    assert saved in page
    assert (storage.name_en if language == "en" else storage.name_zh) in page
    assert members in page
    assert browser.scrolls_sideways() is False, browser.wider_than_window()

"""In a real browser, on a desktop and on a 390×844 phone, in Chinese and in English: a
company's need page with its best three suggestions, and a host's matching rules page."""

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By

from accounts.tests.factories import UserFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostFactory, HostMembershipFactory
from matching.engine.rules import DEFAULT_WEIGHTS
from matching.models import RuleOverride
from matching.services.suggestions import suggestions_refresh
from needs.models import Need
from needs.tests.factories import submitted_need
from profiles.services import expert_profile_save
from profiles.tests.factories import CompanyMembershipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SIZES = ["browser", "phone_browser"]
LANGUAGES = [
    ("zh-hans", "推荐专家", "匹配规则", "详情"),
    ("en", "Suggested experts", "Matching rules", "Details"),
]


@pytest.fixture
def forum():
    host = HostFactory()
    staff = HostMembershipFactory(host=host, role=HostMembership.Role.STAFF).user
    member = CompanyMembershipFactory()
    need = submitted_need(
        company=member.company,
        title="高氨氮废水处理",
        description="希望引进膜分离技术处理高氨氮工业废水",
        category=Need.Category.TECHNOLOGY,
        host=host,
    )
    for i in range(4):
        data = {
            "name": f"专家{i}",
            "institution": "山东大学环境科学与工程学院膜分离与水处理研究中心",
            "fields_text": "污水处理, 膜分离技术",
        }
        expert_profile_save(user=UserFactory(), data=data)
    suggestions_refresh()
    return {"host": host, "staff": staff, "member": member.user, "need": need}


def _in(browser, language):
    browser.add_cookie({"name": "django_language", "value": language, "path": "/"})


def _tap(browser, element):
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    browser.wait_until(lambda b: element.is_displayed())
    element.click()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("language", "heading", "_rules", "details"), LANGUAGES)
def test_need_page_shows_the_best_three(
    request, live_server, forum, size, language, heading, _rules, details
):
    browser = request.getfixturevalue(size)
    browser.sign_in(forum["member"])
    _in(browser, language)
    browser.open(reverse("needs:need_detail", args=[forum["need"].pk]))
    section = browser.wait_for("section.need-suggestions")
    assert section.find_element(By.CSS_SELECTOR, "h2").text == heading
    cards = section.find_elements(By.CSS_SELECTOR, "article.suggestion")
    assert len(cards) == 3
    first = cards[0]
    message = first.find_element(By.NAME, "message")
    assert message.is_displayed() is False  # the request box opens only when asked for
    summary = first.find_element(By.CSS_SELECTOR, ".score-details summary")
    assert summary.text == details
    _tap(browser, summary)
    browser.wait_until(
        lambda b: first.find_element(By.CSS_SELECTOR, ".score-details table").is_displayed()
    )
    _tap(browser, first.find_element(By.CSS_SELECTOR, ".request-box summary"))
    browser.wait_until(lambda b: message.is_displayed())
    assert browser.scrolls_sideways() is False, browser.wider_than_window()
    browser.follow(section.find_element(By.CSS_SELECTOR, "a.all-suggestions"))
    assert len(browser.find_elements(By.CSS_SELECTOR, "article.suggestion")) == 4
    assert browser.scrolls_sideways() is False, browser.wider_than_window()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("language", "_heading", "rules", "_details"), LANGUAGES)
def test_host_tunes_rules_with_a_preview(
    request, live_server, forum, size, language, _heading, rules, _details
):
    browser = request.getfixturevalue(size)
    browser.sign_in(forum["staff"])
    _in(browser, language)
    browser.open(reverse("matching:host_rules", args=[forum["host"].slug]))
    assert browser.find_element(By.CSS_SELECTOR, "h1").text == rules
    assert browser.scrolls_sideways() is False, browser.wider_than_window()
    weight = browser.find_element(By.ID, "id_weight_topic")
    weight.clear()
    weight.send_keys("2")
    _tap(browser, browser.find_element(By.ID, "id_enabled_form"))
    browser.follow(browser.find_element(By.CSS_SELECTOR, "button[value=preview]"))
    preview = browser.wait_for(f".preview-need[data-need='{forum['need'].pk}']")
    assert len(preview.find_elements(By.CSS_SELECTOR, ".preview-before li")) == 3
    assert len(preview.find_elements(By.CSS_SELECTOR, ".preview-after li")) == 3
    assert browser.scrolls_sideways() is False, browser.wider_than_window()
    assert RuleOverride.objects.count() == 0
    browser.follow(browser.find_element(By.CSS_SELECTOR, "button[value=save]"))
    assert set(RuleOverride.objects.values_list("rule", "weight", "enabled")) == {
        ("topic", 2.0, True),
        ("form", DEFAULT_WEIGHTS["form"], False),
    }
    browser.follow(browser.find_element(By.CSS_SELECTOR, "button[value=reset]"))
    assert RuleOverride.objects.count() == 0

"""In a real browser: a company asks for an introduction from its need's suggested experts,
the expert accepts it, and the company then sees the expert's contact details."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from selenium.webdriver.common.by import By

from accounts.models import User
from matching.models import Introduction, Suggestion
from needs.models import Need
from needs.services import need_create
from profiles.demo import ENTERPRISE_EMAIL, EXPERT_EMAIL
from profiles.models import Company, ExpertProfile

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_company_asks_from_suggestions_and_expert_accepts(browser, live_server):
    call_command("seed_demo", verbosity=0)
    enterprise = User.objects.get(email=ENTERPRISE_EMAIL)
    expert = ExpertProfile.objects.get(email=EXPERT_EMAIL)
    with transaction.atomic():  # the suggestions follow on commit (the background task)
        need = need_create(
            company=Company.objects.get(name="青岛思普润水处理股份有限公司"),
            title="近海水质浮标数据的水声通信回传",
            description="近海水质监测浮标需要通过水声通信把水下传感器数据回传到岸站。",
            category=Need.Category.TECHNOLOGY,
            created_by=enterprise,
            tags=["水声通信", "海洋观测"],
        )
    assert Suggestion.objects.filter(need=need, host=None).first().expert == expert

    browser.sign_in(enterprise)
    browser.open(reverse("needs:need_detail", args=[need.pk]))
    browser.follow(f"a[href='{reverse('matching:need_suggestions', args=[need.pk])}']")
    card = browser.find_element(By.CSS_SELECTOR, f"article[data-expert='{expert.pk}']")
    assert "水声通信" in card.text
    card.find_element(By.CSS_SELECTOR, ".request-box summary").click()  # opens only when asked
    browser.wait_until(lambda b: card.find_element(By.NAME, "message").is_displayed())
    card.find_element(By.NAME, "message").send_keys("想请教浮标数据回传方案。")
    browser.follow(card.find_element(By.CSS_SELECTOR, "button[name=ask]"))
    # The page comes back with the request's state in place of the button.
    introductions = reverse("matching:introductions")
    browser.find_element(
        By.CSS_SELECTOR, f"article[data-expert='{expert.pk}'] a[href='{introductions}']"
    )
    intro = Introduction.objects.get(need=need, expert=expert)
    assert (intro.status, intro.initiator) == ("pending", "company")

    browser.sign_in(expert.user)
    browser.open(introductions)
    accept = reverse("matching:introduction_accept", args=[intro.pk])
    browser.follow(f"form[action='{accept}'] button")
    intro.refresh_from_db()
    assert intro.status == "accepted"

    browser.sign_in(enterprise)
    browser.open(introductions)
    # This need's introduction (the demo has another, already accepted) shows the contact.
    article = browser.find_element(By.XPATH, f"//article[contains(., '{need.title}')]")
    assert EXPERT_EMAIL in article.text

"""Words on profile pages (docs/glossary.md): a company's English district, labels ending in a
full-width colon in Chinese, lists joined by 「、」 in Chinese and ", " in English."""

import pytest
from django.urls import reverse

from profiles.tests.factories import CompanyFactory, ExpertProfileFactory

pytestmark = pytest.mark.django_db


def test_a_companys_district_in_each_language(client):
    company = CompanyFactory(district="黄岛区", district_en="Huangdao District", credit_code="")
    page = reverse("profiles:company_page", args=[company.pk])
    assert "· 黄岛区" in client.get(page).content.decode()
    assert "· 黄岛区" in client.get(reverse("profiles:company_directory")).content.decode()
    client.cookies["django_language"] = "en"
    assert "· Huangdao District" in client.get(page).content.decode()
    assert (
        "· Huangdao District" in client.get(reverse("profiles:company_directory")).content.decode()
    )


def test_expert_labels_and_lists_follow_the_language(client):
    expert = ExpertProfileFactory(keywords=["水声", "通信"], languages=["中文", "English"])
    page = reverse("profiles:expert_page", args=[expert.pk])
    html = client.get(page).content.decode()
    assert "<p>关键词：水声、通信</p>" in html
    assert "<p>工作语言：中文、English</p>" in html
    client.cookies["django_language"] = "en"
    html = client.get(page).content.decode()
    assert "<p>Keywords: 水声, 通信</p>" in html

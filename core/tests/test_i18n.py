import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_no_preference_gives_chinese(client):
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert '<html lang="zh-hans"' in html
    assert "即将举行" in html


@pytest.mark.django_db
def test_accept_language_english_gives_english(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Upcoming" in html


@pytest.mark.django_db
def test_accept_language_zh_cn_gives_simplified_chinese(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert '<html lang="zh-hans"' in response.content.decode()


@pytest.mark.django_db
def test_language_switch_is_remembered_in_a_cookie(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en"' in html


@pytest.mark.django_db
def test_cookie_wins_over_accept_language(client):
    client.cookies["django_language"] = "zh-hans"
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="zh-hans"' in response.content.decode()


@pytest.mark.django_db
def test_urls_carry_no_language_prefix(client):
    assert reverse("home") == "/"
    assert client.get("/en/").status_code == 404

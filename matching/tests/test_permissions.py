"""Every matching URL for every actor (STYLE.md rule 18)."""

import pytest
from django.urls import reverse

from conftest import ACTORS
from matching import urls as matching_urls
from matching.tests.factories import IntroductionFactory
from profiles.tests.factories import NeedFactory

# url name → {actor: expected status}; an introduction requested by the enterprise's company
# and waiting for the expert.
EXPECTED = {
    "introductions": {a: 200 for a in ACTORS} | {"anonymous": 302},
    "introduction_new": {a: 302 for a in ACTORS},
    "introduction_accept": {a: 302 for a in ACTORS}
    | {"user": 404, "attendee": 404, "host_staff": 404, "host_owner": 404, "other_host_staff": 404},
    "introduction_decline": {a: 302 for a in ACTORS}
    | {"user": 404, "attendee": 404, "host_staff": 404, "host_owner": 404, "other_host_staff": 404},
}
API_ACCEPT = {a: 404 for a in ACTORS} | {
    "anonymous": 403,
    "expert": 200,
    "enterprise": 400,
    "superuser": 400,
}


@pytest.fixture
def intro(world):
    need = NeedFactory(company=world.company)
    return IntroductionFactory(need=need, expert=world.expert_profile)


def test_every_matching_url_is_in_the_matrix():
    # Meetings and round tables have their own matrix (test_meetings_permissions.py).
    names = {
        p.name
        for p in matching_urls.urlpatterns
        if not p.name.startswith(("meeting", "roundtable"))
    }
    assert names == set(EXPECTED)


def _url(name, intro):
    if name == "introductions":
        return reverse("matching:introductions")
    if name == "introduction_new":
        return reverse("matching:introduction_new", args=[intro.need_id])
    return reverse(f"matching:{name}", args=[intro.pk])


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_matching_page_matrix(world, intro, client_for, name, actor):
    client = client_for(world.actor(actor))
    url = _url(name, intro)
    response = client.get(url) if name == "introductions" else client.post(url)
    expected = EXPECTED[name][actor]
    assert response.status_code == expected
    if expected == 302 and actor == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("actor", ACTORS)
def test_introduction_accept_api_matrix(world, intro, client_for, actor):
    client = client_for(world.actor(actor))
    response = client.post(f"/api/v1/introductions/{intro.pk}/accept/")
    assert response.status_code == API_ACCEPT[actor]
    intro.refresh_from_db()
    assert intro.status == ("accepted" if actor == "expert" else "pending")

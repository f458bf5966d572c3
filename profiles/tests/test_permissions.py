"""The permission matrix of profiles: contact privacy on pages and in the API, visibility of
imported profiles, and who reaches each page (STYLE.md rule 18)."""

import pytest
from django.urls import reverse

from conftest import ACTORS
from profiles import urls as profiles_urls
from profiles.models import ExpertProfile, ImportBatch, Topic, Visibility
from profiles.permissions import can_view_expert
from profiles.tests.factories import ExpertProfileFactory

SEES_UNCLAIMED = {"host_staff", "host_owner", "superuser"}


@pytest.fixture
def unclaimed(world):
    return ExpertProfileFactory(imported_by=world.host, claimed_at=None, claim_token="tok-1")


@pytest.mark.parametrize("actor", ACTORS)
def test_unclaimed_profile_only_for_importing_host_for_each_actor(
    world, unclaimed, client_for, actor
):
    client = client_for(world.actor(actor))
    page = client.get(reverse("profiles:expert_page", args=[unclaimed.pk]))
    api = client.get(f"/api/v1/experts/{unclaimed.pk}/")
    directory = client.get(reverse("profiles:expert_directory"))
    sees = actor in SEES_UNCLAIMED
    assert can_view_expert(world.actor(actor), unclaimed) == sees
    assert (page.status_code, api.status_code) == ((200, 200) if sees else (404, 404))
    assert (unclaimed.name in directory.content.decode()) == sees
    if sees:
        assert api.json()["email"] == unclaimed.email


@pytest.mark.parametrize("actor", ACTORS)
def test_unclaimed_profile_without_host_only_for_superusers(world, client_for, actor):
    orphan = ExpertProfileFactory(claimed_at=None)
    response = client_for(world.actor(actor)).get(f"/api/v1/experts/{orphan.pk}/")
    assert response.status_code == (200 if actor == "superuser" else 404)


@pytest.mark.parametrize(
    ("visibility", "seen_by"),
    [
        (Visibility.PUBLIC, set(ACTORS)),
        (Visibility.SIGNED_IN, set(ACTORS) - {"anonymous"}),
        (
            Visibility.ORGANIZERS,
            {"expert", "host_staff", "host_owner", "other_host_staff", "superuser"},
        ),
    ],
)
def test_profile_visibility_levels(world, visibility, seen_by):
    profile = world.expert_profile
    profile.visibility = visibility
    profile.save()
    assert {a for a in ACTORS if can_view_expert(world.actor(a), profile)} == seen_by


# --- Who reaches each page --------------------------------------------------------------------
def _args(world, name):
    if name in ("expert_page", "expert_claim_resend"):
        return [world.expert_profile.pk]
    if name in ("company_page", "company_verify", "company_invite"):
        return [world.company.pk]
    if name == "expert_claim":
        return [ExpertProfileFactory(claimed_at=None, claim_token="claim-me").claim_token]
    if name == "company_join":
        return ["some-token"]
    if name == "import_upload":
        return ["experts"]
    if name == "topic_synonym_add":
        return [Topic.objects.get_or_create(slug="t-1", name_zh="测试主题", name_en="Test")[0].slug]
    if name == "import_preview":
        batch = ImportBatch.objects.create(
            token="batch-1", kind="experts", host=world.host, filename="x.csv", rows=[]
        )
        return [batch.token]
    return []


def _expected(name, actor):
    if name in ("expert_directory", "expert_page", "company_directory", "company_page"):
        return 200
    if actor == "anonymous":
        return 302
    if name == "taxonomy":  # the shared taxonomy: platform staff only
        return 200 if actor == "superuser" else 404
    if name in ("company_verify", "company_invite", "expert_claim_resend", "topic_synonym_add"):
        return 405  # POST only
    if name == "import_upload":  # any host's staff imports for their own host
        return (
            200 if actor in {"host_staff", "host_owner", "other_host_staff", "superuser"} else 404
        )
    if name == "import_preview":  # a batch of the first host
        return 200 if actor in {"host_staff", "host_owner", "superuser"} else 404
    if name == "expert_claim":  # sent to an address none of the actors verified
        return 403
    return 200


PAGES = [
    "expert_edit",
    "company_edit",
    "expert_directory",
    "expert_page",
    "expert_claim",
    "expert_claim_resend",
    "company_directory",
    "company_page",
    "company_verify",
    "company_invite",
    "company_join",
    "import_upload",
    "import_preview",
    "taxonomy",
    "topic_synonym_add",
]


def test_every_profiles_url_is_in_the_matrix():
    assert {p.name for p in profiles_urls.urlpatterns} == set(PAGES)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", PAGES)
def test_page_access_matrix(world, client_for, name, actor):
    url = reverse(f"profiles:{name}", args=_args(world, name))
    assert client_for(world.actor(actor)).get(url).status_code == _expected(name, actor)


def test_unclaimed_expert_stays_hidden_from_api_list(world, unclaimed, client_for):
    names = [e["name"] for e in client_for(None).get("/api/v1/experts/").json()["results"]]
    assert names == [world.expert_profile.name]
    assert ExpertProfile.objects.count() == 2


@pytest.mark.parametrize("actor", ACTORS)
def test_claim_link_resend_for_each_actor(
    world, unclaimed, client_for, actor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.actor(actor)).post(
            reverse("profiles:expert_claim_resend", args=[unclaimed.pk])
        )
    sends = actor in SEES_UNCLAIMED
    assert [m.to for m in mailoutbox] == ([[unclaimed.email]] if sends else [])
    assert response.status_code == (302 if sends or actor == "anonymous" else 404)


@pytest.mark.parametrize("actor", ACTORS)
def test_topic_synonym_add_matrix(world, client_for, actor):
    topic = Topic.objects.create(slug="t-2", name_zh="测试主题二", name_en="Test two")
    url = reverse("profiles:topic_synonym_add", args=[topic.slug])
    response = client_for(world.actor(actor)).post(url, {"term": "试验", "language": "zh"})
    expected = {"anonymous": 302, "superuser": 302}.get(actor, 404)
    assert response.status_code == expected
    topic.refresh_from_db()
    assert topic.synonyms_zh == (["试验"] if actor == "superuser" else [])

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from hosts.models import HostInvitation, HostMembership
from hosts.tests.factories import HostMembershipFactory

pytestmark = pytest.mark.django_db

QUERIES_MINE = 4  # session, user, the menu's hosts, the hosts listed
QUERIES_MEMBERS = 8


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def owner(client):
    membership = HostMembershipFactory(role=HostMembership.Role.OWNER)
    client.force_login(membership.user)
    return membership


def test_invite_then_accept_makes_the_opener_staff(
    client, owner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("hosts:invite", args=[owner.host.slug]), {"email": "b@example.com"})
    invitation = HostInvitation.objects.get()
    accept_url = reverse("hosts:invitation_accept", args=[invitation.token])
    assert accept_url in mailoutbox[0].body
    invitee = UserFactory(email="b@example.com")
    client.force_login(invitee)
    assert "Join as staff" in client.get(accept_url).content.decode()
    response = client.post(accept_url)
    assert response["Location"] == reverse("hosts:mine")
    assert HostMembership.objects.get(user=invitee).role == "staff"
    assert "expired or was already used" in client.get(accept_url).content.decode()


def test_invite_bad_email_shows_the_error(client, owner):
    response = client.post(reverse("hosts:invite", args=[owner.host.slug]), {"email": "nope"})
    assert response.context["form"].errors["email"] == ["Enter a valid email address."]
    assert HostInvitation.objects.count() == 0


def test_members_page_lists_owners_first(client, owner):
    staff = HostMembershipFactory(host=owner.host)
    response = client.get(reverse("hosts:members", args=[owner.host.slug]))
    assert list(response.context["members"]) == [owner, staff]
    assert response.context["can_manage"] is True


def test_remove_last_owner_explains_why(client, owner):
    response = client.post(
        reverse("hosts:member_remove", args=[owner.host.slug, owner.pk]), follow=True
    )
    assert "The last owner cannot be removed" in response.content.decode()
    assert HostMembership.objects.filter(pk=owner.pk).exists()


def test_remove_staff(client, owner):
    staff = HostMembershipFactory(host=owner.host)
    client.post(reverse("hosts:member_remove", args=[owner.host.slug, staff.pk]))
    assert list(owner.host.memberships.all()) == [owner]


def test_remove_member_of_another_host_is_404(client, owner):
    other = HostMembershipFactory()
    response = client.post(reverse("hosts:member_remove", args=[owner.host.slug, other.pk]))
    assert response.status_code == 404
    assert HostMembership.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("count", [1, 3])
def test_mine_lists_each_host_in_constant_queries(client, django_assert_num_queries, count):
    user = UserFactory()
    memberships = [
        HostMembershipFactory(user=user, host__name=f"驿站{i}", host__description=f"简介{i}")
        for i in range(count)
    ]
    client.force_login(user)
    with django_assert_num_queries(QUERIES_MINE):
        response = client.get(reverse("hosts:mine"))
    page = response.content.decode()
    assert list(response.context["hosts"]) == [m.host for m in memberships]
    assert all(f"驿站{i}" in page and f"简介{i}" in page for i in range(count))


@pytest.mark.parametrize("count", [1, 3])
def test_members_page_runs_constant_queries(client, owner, django_assert_num_queries, count):
    staff = [HostMembershipFactory(host=owner.host, user__name=f"员工{i}") for i in range(count)]
    for i in range(count):
        HostInvitation.objects.create(
            host=owner.host,
            email=f"invitee{i}@example.com",
            invited_by=owner.user,
            token=f"token-{i}",
            expires_at=timezone.now() + dt.timedelta(days=7),
        )
    with django_assert_num_queries(QUERIES_MEMBERS):
        response = client.get(reverse("hosts:members", args=[owner.host.slug]))
    page = response.content.decode()
    assert list(response.context["members"]) == [owner, *staff]
    assert all(f"员工{i}" in page and f"invitee{i}@example.com" in page for i in range(count))


@pytest.mark.parametrize(
    ("email", "verified", "expected"),
    [
        ("b@example.com", True, 302),
        ("B@Example.com", True, 302),
        ("b@example.com", False, 403),
        ("c@example.com", True, 403),
    ],
)
def test_invitation_joins_only_its_verified_address(client, owner, email, verified, expected):
    invitation = HostInvitation.objects.create(
        host=owner.host, email="b@example.com", invited_by=owner.user
    )
    url = reverse("hosts:invitation_accept", args=[invitation.token])
    user = UserFactory(email=email, verified=verified)
    client.force_login(user)
    page = client.get(url)
    response = client.post(url)
    assert page.status_code == (200 if expected == 302 else 403)
    assert response.status_code == expected
    members = set(HostMembership.objects.filter(host=owner.host).values_list("user", flat=True))
    if expected == 403:
        assert "sent to another email address" in response.content.decode()
        assert members == {owner.user.pk}
        invitation.refresh_from_db()
        assert invitation.accepted_at is None
    else:
        assert members == {owner.user.pk, user.pk}

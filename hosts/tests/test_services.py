import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.tests.factories import UserFactory
from hosts.models import Host, HostInvitation, HostMembership
from hosts.services import (
    host_approve,
    invitation_accept,
    invitation_create,
    invitation_revoke,
    membership_remove,
)
from hosts.tests.factories import HostFactory, HostMembershipFactory

pytestmark = pytest.mark.django_db


def test_host_approve_emails_the_owners(mailoutbox, django_capture_on_commit_callbacks):
    host = HostFactory(status=Host.Status.PENDING, name="人才驿站")
    owner = HostMembershipFactory(host=host, role=HostMembership.Role.OWNER).user
    HostMembershipFactory(host=host, role=HostMembership.Role.STAFF)
    with django_capture_on_commit_callbacks(execute=True):
        host_approve(host=host)
        host_approve(host=host)
    host.refresh_from_db()
    assert host.status == "approved"
    assert [m.to for m in mailoutbox] == [[owner.email]]
    assert "人才驿站" in mailoutbox[0].subject


def test_invitation_create_emails_an_unguessable_link(
    mailoutbox, django_capture_on_commit_callbacks
):
    host = HostFactory()
    owner = HostMembershipFactory(host=host, role=HostMembership.Role.OWNER).user
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(host=host, email="New@Example.com", by=owner)
    assert invitation.email == "new@example.com"
    assert len(invitation.token) >= 40
    assert [m.to for m in mailoutbox] == [["new@example.com"]]
    assert f"/hosts/invitations/{invitation.token}/" in mailoutbox[0].body


def test_invitation_create_for_a_member_is_refused():
    membership = HostMembershipFactory()
    with pytest.raises(ValidationError) as info:
        invitation_create(host=membership.host, email=membership.user.email, by=None)
    assert info.value.error_dict["email"][0].code == "already_member"


def test_invitation_create_again_voids_the_earlier_link():
    host = HostFactory()
    first = invitation_create(host=host, email="a@example.com", by=None)
    invitation_create(host=host, email="a@example.com", by=None)
    first.refresh_from_db()
    assert first.is_usable() is False


def test_invitation_accept_joins_the_signed_in_user_as_staff():
    invitation = HostInvitation.objects.create(host=HostFactory(), email="x@example.com")
    user = UserFactory()
    membership = invitation_accept(invitation=invitation, user=user)
    invitation.refresh_from_db()
    assert (membership.user, membership.role) == (user, "staff")
    assert invitation.accepted_by == user


def test_invitation_accept_twice_is_refused():
    invitation = HostInvitation.objects.create(host=HostFactory(), email="x@example.com")
    invitation_accept(invitation=invitation, user=UserFactory())
    with pytest.raises(ValidationError) as info:
        invitation_accept(invitation=invitation, user=UserFactory())
    assert info.value.code == "invitation_unusable"


def test_invitation_accept_expired_is_refused():
    invitation = HostInvitation.objects.create(
        host=HostFactory(),
        email="x@example.com",
        expires_at=timezone.now() - dt.timedelta(seconds=1),
    )
    with pytest.raises(ValidationError) as info:
        invitation_accept(invitation=invitation, user=UserFactory())
    assert info.value.code == "invitation_unusable"
    assert HostMembership.objects.count() == 0


def test_invitation_accept_by_an_owner_keeps_their_role():
    membership = HostMembershipFactory(role=HostMembership.Role.OWNER)
    invitation = HostInvitation.objects.create(host=membership.host, email="x@example.com")
    assert invitation_accept(invitation=invitation, user=membership.user).role == "owner"


def test_invitation_revoke_stops_the_link():
    invitation = HostInvitation.objects.create(host=HostFactory(), email="x@example.com")
    invitation_revoke(invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.is_usable() is False


def test_membership_remove_staff():
    membership = HostMembershipFactory()
    membership_remove(membership=membership)
    assert HostMembership.objects.count() == 0


def test_membership_remove_the_last_owner_is_refused():
    owner = HostMembershipFactory(role=HostMembership.Role.OWNER)
    HostMembershipFactory(host=owner.host)
    with pytest.raises(ValidationError) as info:
        membership_remove(membership=owner)
    assert info.value.code == "last_owner"
    assert HostMembership.objects.filter(pk=owner.pk).exists()


def test_membership_remove_one_of_two_owners():
    owner = HostMembershipFactory(role=HostMembership.Role.OWNER)
    HostMembershipFactory(host=owner.host, role=HostMembership.Role.OWNER)
    membership_remove(membership=owner)
    assert owner.host.memberships.count() == 1


def test_host_apply_emails_the_platform_administrators(
    mailoutbox, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group, Permission

    from hosts.services import host_apply

    UserFactory(is_superuser=True, is_staff=True, email="admin@example.com")
    reviewer = UserFactory(is_staff=True, email="reviewer@example.com")
    group = Group.objects.create(name="reviewers")
    group.permissions.add(Permission.objects.get(codename="change_host"))
    reviewer.groups.add(group)
    UserFactory(is_staff=True, email="other-staff@example.com")  # no right to approve
    UserFactory(is_superuser=True, is_staff=True, is_active=False, email="gone@example.com")
    applicant = UserFactory(name="王丽", email="wang@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        host = host_apply(user=applicant, name="人才驿站", website="https://example.org")
    assert [m.to for m in mailoutbox] == [["admin@example.com"], ["reviewer@example.com"]]
    assert "人才驿站" in mailoutbox[0].subject
    assert f"/admin/hosts/host/{host.pk}/change/" in mailoutbox[0].body
    assert "王丽" in mailoutbox[0].body


def test_host_apply_refused_sends_nothing(mailoutbox, django_capture_on_commit_callbacks):
    from hosts.services import host_apply

    UserFactory(is_superuser=True, is_staff=True)
    HostFactory(name="人才驿站")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        host_apply(user=UserFactory(), name="人才驿站")
    assert mailoutbox == []

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hosts.forms import HostApplicationForm, InvitationForm
from hosts.models import HostInvitation, HostMembership
from hosts.permissions import (
    access_host,
    can_accept_invitation,
    can_manage_members,
    can_remove_membership,
    can_view_members,
)
from hosts.selectors import host_members, hosts_of_user, open_invitations
from hosts.services import (
    host_apply,
    invitation_accept,
    invitation_create,
    invitation_revoke,
    membership_remove,
)


@login_required
def apply(request):
    form = HostApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            host = host_apply(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Thank you. “%(name)s” will be reviewed; we will email you when it is approved.")
                % {"name": host.name},
            )
            return redirect("hosts:mine")
    return render(request, "hosts/apply.html", {"form": form})


@login_required
def mine(request):
    return render(request, "hosts/mine.html", {"hosts": hosts_of_user(user=request.user)})


@login_required
def members(request, slug: str):
    host = access_host(request.user, slug, can_view_members)
    context = {
        "host": host,
        "members": host_members(host=host),
        "invitations": open_invitations(host=host),
        "can_manage": can_manage_members(request.user, host),
        "form": InvitationForm(),
    }
    return render(request, "hosts/members.html", context)


@login_required
@require_POST
def invite(request, slug: str):
    host = access_host(request.user, slug, can_manage_members)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = invitation_create(
                host=host, email=form.cleaned_data["email"], by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("An invitation was sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("hosts:members", slug=host.slug)
    context = {
        "host": host,
        "members": host_members(host=host),
        "invitations": open_invitations(host=host),
        "can_manage": True,
        "form": form,
    }
    return render(request, "hosts/members.html", context, status=400)


@login_required
@require_POST
def member_remove(request, slug: str, pk: int):
    membership = get_object_or_404(HostMembership.objects.select_related("host"), pk=pk)
    if membership.host.slug != slug or not can_remove_membership(request.user, membership):
        raise Http404
    try:
        membership_remove(membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s was removed.") % {"name": membership.user})
    return redirect("hosts:members", slug=slug)


@login_required
@require_POST
def invitation_withdraw(request, slug: str, pk: int):
    host = access_host(request.user, slug, can_manage_members)
    invitation = get_object_or_404(HostInvitation, pk=pk, host=host)
    invitation_revoke(invitation=invitation)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("hosts:members", slug=slug)


@login_required
def invitation_open(request, token: str):
    """The emailed link: shows whom it invites; the signed-in person accepts with a POST."""
    invitation = get_object_or_404(HostInvitation.objects.select_related("host"), token=token)
    if not can_accept_invitation(request.user, invitation):
        # The link reached someone else (forwarded, or another account signed in): refuse
        # clearly, without naming the address.
        return render(request, "hosts/invitation.html", {"invitation": invitation}, status=403)
    if request.method == "POST":
        try:
            invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Welcome to %(host)s.") % {"host": invitation.host.name})
            return redirect("hosts:mine")
    return render(
        request,
        "hosts/invitation.html",
        {"invitation": invitation, "usable": invitation.is_usable(), "addressed": True},
    )

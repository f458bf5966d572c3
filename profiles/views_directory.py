"""Directories and profile pages of experts and companies."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hosts.models import Host
from profiles.forms import InvitationForm
from profiles.models import Company, ExpertProfile
from profiles.permissions import (
    can_administer_company,
    can_send_claim_link,
    can_view_expert_contact,
    is_organizer,
    staff_host_ids,
)
from profiles.selectors import (
    company_detail,
    company_list,
    expert_detail,
    expert_list,
    expert_topic_choices,
)
from profiles.services import company_invitation_create, company_verify, expert_claim_invite
from profiles.signals import company_page_blocks

PAGE_SIZE = 20


def expert_directory(request):
    params = {k: request.GET.get(k, "") for k in ("q", "topic", "institution")}
    page = Paginator(expert_list(user=request.user, **params), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "profiles/expert_directory.html",
        {
            "page": page,
            "params": params,
            "topics": expert_topic_choices(),
            "can_import": is_organizer(request.user),
        },
    )


def expert_page(request, pk: int):
    expert = expert_detail(user=request.user, pk=pk)
    if expert is None:
        raise Http404
    context = {
        "expert": expert,
        "show_contact": can_view_expert_contact(request.user, expert),
        "can_invite": can_send_claim_link(request.user, expert),
    }
    return render(request, "profiles/expert_page.html", context)


@login_required
@require_POST
def expert_claim_resend(request, pk: int):
    """The importing host's staff send the claim link (again)."""
    expert = get_object_or_404(ExpertProfile, pk=pk)
    if not can_send_claim_link(request.user, expert):
        raise Http404
    expert_claim_invite(profile=expert)
    messages.success(
        request, _("The claim link is on its way to %(email)s.") % {"email": expert.email}
    )
    return redirect("profiles:expert_page", pk=expert.pk)


def company_directory(request):
    params = {k: request.GET.get(k, "") for k in ("q", "industry", "district")}
    page = Paginator(company_list(**params), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "profiles/company_directory.html",
        {"page": page, "params": params, "industries": Company.Industry.choices},
    )


def company_page(request, pk: int):
    company = company_detail(pk=pk)
    if company is None:
        raise Http404
    blocks = company_page_blocks.send(sender=Company, request=request, company=company)
    context = {
        "company": company,
        # What the apps above add (the company's public needs): HTML they escaped.
        "extra_blocks": [mark_safe(html) for _r, html in blocks if html],  # noqa: S308
        "can_invite": can_administer_company(request.user, company),
        "verify_hosts": Host.objects.filter(pk__in=staff_host_ids(request.user)),
        "invitation_form": InvitationForm(),
    }
    return render(request, "profiles/company_page.html", context)


@login_required
@require_POST
def company_verify_view(request, pk: int):
    company = get_object_or_404(Company, pk=pk)
    host_id = request.POST.get("host", "")
    # A host id that is not a plain number is answered like a host that is not theirs.
    host = (
        Host.objects.filter(pk=int(host_id), pk__in=staff_host_ids(request.user)).first()
        if host_id.isascii() and host_id.isdigit() and len(host_id) < 19
        else None
    )
    if host is None:
        raise Http404
    verified = request.POST.get("verified") != "0"
    company_verify(company=company, host=host, verified=verified)
    messages.success(
        request,
        _("The company is marked verified.")
        if verified
        else _("The company is no longer marked verified."),
    )
    return redirect("profiles:company_page", pk=company.pk)


@login_required
@require_POST
def company_invite(request, pk: int):
    company = get_object_or_404(Company, pk=pk)
    if not can_administer_company(request.user, company):
        raise Http404
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            company_invitation_create(
                company=company, email=form.cleaned_data["email"], by=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The invitation is on its way."))
    else:
        messages.error(request, _("Enter a valid email address."))
    return redirect("profiles:company_page", pk=company.pk)

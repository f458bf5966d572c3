from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from profiles.forms import ClaimForm, CompanyForm, ExpertProfileForm, TopicSynonymForm
from profiles.models import CompanyInvitation, ExpertProfile
from profiles.permissions import (
    access_topic,
    can_claim_expert,
    can_edit_company,
    can_edit_taxonomy,
    can_join_company,
)
from profiles.selectors import company_of, expert_profile_of, topic_search
from profiles.services import (
    company_invitation_accept,
    company_save_for_member,
    expert_profile_claim,
    expert_profile_save,
    topic_synonym_add,
)


@login_required
def expert_edit(request):
    profile = expert_profile_of(user=request.user)
    initial = {} if profile else {"name": request.user.name, "email": request.user.email}
    form = ExpertProfileForm(request.POST or None, instance=profile, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            expert_profile_save(user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your expert profile is saved."))
            return redirect("profiles:expert_page", pk=expert_profile_of(user=request.user).pk)
    return render(request, "profiles/expert_edit.html", {"form": form, "profile": profile})


@login_required
def company_edit(request):
    company = company_of(user=request.user)
    if company is not None and not can_edit_company(request.user, company):
        raise PermissionDenied
    form = CompanyForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        try:
            company = company_save_for_member(
                user=request.user, company=company, data=form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your company profile is saved."))
            return redirect("profiles:company_page", pk=company.pk)
    return render(request, "profiles/company_edit.html", {"form": form, "company": company})


@login_required
def expert_claim(request, token: str):
    """An imported expert takes over their profile and consents to the privacy notice."""
    profile = ExpertProfile.objects.filter(claim_token=token, claimed_at__isnull=True).first()
    if profile is None:
        raise Http404
    if not can_claim_expert(request.user, profile):
        # Someone else holds the link: refuse clearly, without naming the address.
        return render(
            request, "profiles/expert_claim.html", {"profile": profile, "refused": True}, status=403
        )
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            expert_profile_claim(token=token, user=request.user, consent=True)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The profile is yours now. Check it and choose who sees it.")
            )
            return redirect("profiles:expert_edit")
    return render(request, "profiles/expert_claim.html", {"form": form, "profile": profile})


@login_required
def company_join(request, token: str):
    invitation = CompanyInvitation.objects.filter(token=token, accepted_at__isnull=True).first()
    if invitation is not None and not can_join_company(request.user, invitation):
        # Someone else holds the link: refuse clearly, without naming the address.
        return render(request, "profiles/company_join.html", {"refused": True}, status=403)
    if request.method != "POST":
        return render(request, "profiles/company_join.html", {"token": token})
    try:
        membership = company_invitation_accept(token=token, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("home")
    messages.success(request, _("You have joined %(company)s.") % {"company": membership.company})
    return redirect("profiles:company_page", pk=membership.company_id)


@login_required
def taxonomy(request):
    """Platform staff find topics and add synonyms the matcher then recognises."""
    if not can_edit_taxonomy(request.user):
        raise Http404
    q = request.GET.get("q", "")[:100]
    context = {"topics": topic_search(q=q), "q": q, "form": TopicSynonymForm()}
    return render(request, "profiles/taxonomy.html", context)


@login_required
@require_POST
def topic_synonym_add_view(request, slug: str):
    topic = access_topic(request.user, slug)
    form = TopicSynonymForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a synonym and choose its language."))
    else:
        try:
            topic_synonym_add(topic=topic, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("“%(term)s” is now a synonym of “%(topic)s”.")
                % {"term": form.cleaned_data["term"], "topic": topic.label},
            )
    return redirect(f"{reverse('profiles:taxonomy')}?q={quote(topic.slug)}")

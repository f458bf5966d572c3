from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from profiles.forms import CompanyForm, ExpertProfileForm
from profiles.permissions import can_edit_company
from profiles.selectors import company_of, expert_profile_of
from profiles.services import company_save_for_member, expert_profile_save


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
            return redirect("home")
    return render(request, "profiles/expert_edit.html", {"form": form, "profile": profile})


@login_required
def company_edit(request):
    company = company_of(user=request.user)
    if company is not None and not can_edit_company(request.user, company):
        raise PermissionDenied
    form = CompanyForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        try:
            company_save_for_member(user=request.user, company=company, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your company profile is saved."))
            return redirect("home")
    return render(request, "profiles/company_edit.html", {"form": form, "company": company})

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from accounts.forms import OnboardingForm
from accounts.models import UserRole
from accounts.services import user_onboard

# Where each kind of person fills in their profile next (URL names; no imports upward).
ONBOARDING_NEXT = {
    UserRole.EXPERT: "profiles:expert_edit",
    UserRole.ENTERPRISE: "profiles:company_edit",
    UserRole.ORGANIZER: "hosts:apply",
    UserRole.GUEST: "home",
}


@login_required
def onboarding(request):
    user = request.user
    form = OnboardingForm(
        request.POST or None, initial={"name": user.name, "role": user.role or None}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user_onboard(user=user, role=form.cleaned_data["role"], name=form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(ONBOARDING_NEXT[user.role])
    return render(request, "accounts/onboarding.html", {"form": form})


@login_required
def account_overview(request):
    consents = request.user.privacy_consents.all()
    return render(request, "accounts/overview.html", {"consents": consents})

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.forms import AccountDeleteForm, OnboardingForm
from accounts.models import UserRole
from accounts.services import user_data_export, user_delete, user_onboard

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


@login_required
def data_export(request):
    """All the person's data as a JSON download."""
    data = user_data_export(user=request.user)
    response = JsonResponse(
        data, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="yizhan-my-data-{stamp}.json"'
    return response


@login_required
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user_delete(user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            logout(request)
            messages.success(request, _("Your account is deleted. Thank you for using Yizhan."))
            return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})

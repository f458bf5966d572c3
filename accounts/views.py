from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from accounts.forms import AccountDeleteForm, OnboardingForm
from accounts.models import UserRole
from accounts.services import user_data_export, user_delete, user_onboard
from core.phones import display_phone

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
    user = request.user
    consents = user.privacy_consents.all()
    phone = display_phone(user.phone) if user.phone else ""
    return render(request, "accounts/overview.html", {"consents": consents, "phone": phone})


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


def admin_login(request):
    """The admin's login page, replaced by the site's: allauth's login is rate-limited (failed
    attempts per address and per account) and offers every way of signing in; Django's admin
    login has no limit at all. Any method: a POST here logs nobody in."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if request.user.is_authenticated:
        # Signed in, yet sent here by the admin: this account may not use it.
        return render(request, "accounts/admin_denied.html", status=403)
    return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")

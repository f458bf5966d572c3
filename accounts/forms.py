from django import forms
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.models import PrivacyConsent, UserRole
from accounts.services import privacy_consent_record


class SignupForm(forms.Form):
    """Added to allauth's sign-up (page and headless API): consent to the privacy notice."""

    privacy_consent = forms.BooleanField(
        required=True,
        label=_("I have read and agree to the privacy notice."),
        error_messages={"required": _("You need to agree to the privacy notice to sign up.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        link = reverse_lazy("privacy")
        self.fields["privacy_consent"].help_text = format_html(
            '<a href="{}" target="_blank">{}</a>', link, _("Read the privacy notice")
        )

    def signup(self, request, user):
        privacy_consent_record(user=user, context=PrivacyConsent.Context.SIGNUP)


class OnboardingForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    role = forms.ChoiceField(
        label=_("Who are you?"), choices=UserRole.choices, widget=forms.RadioSelect
    )


class AccountDeleteForm(forms.Form):
    """Deleting an account needs the password, so a borrowed session cannot do it."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good."),
        error_messages={"required": _("Tick the box to confirm.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."), code="wrong_password")
        return password

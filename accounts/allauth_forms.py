"""allauth's own forms, extended: sign-up and login codes by email or by mobile number.

Apart from accounts/forms.py because allauth builds its sign-up form on forms.SignupForm
(ACCOUNT_SIGNUP_FORM_CLASS): importing allauth's forms there would be an import cycle.
"""

from allauth.account import forms as allauth_forms
from allauth.core import context
from django import forms
from django.utils.translation import gettext_lazy as _

# How a person signs up or asks for a login code: ?by=email (the default) or ?by=phone.
BY_EMAIL, BY_PHONE = "email", "phone"


def _chosen_method(args, kwargs) -> str:
    """`by` from the submitted form, else from the page's query string."""
    data = args[0] if args else kwargs.get("data")
    if data is None:
        request = getattr(context, "request", None)
        data = request.GET if request is not None else {}
    return BY_PHONE if data.get("by") == BY_PHONE else BY_EMAIL


class EmailOrPhoneSignupForm(allauth_forms.SignupForm):
    """allauth's sign-up page, by email address or (`?by=phone`) by mobile number.

    allauth is configured with a required email (ACCOUNT_SIGNUP_FIELDS): a sign-up by mobile
    number drops that field and requires the number, which an SMS code then verifies.
    """

    def __init__(self, *args, **kwargs):
        self.chosen_method = _chosen_method(args, kwargs)
        kwargs["email_required"] = self.chosen_method == BY_EMAIL
        super().__init__(*args, **kwargs)
        if self.chosen_method == BY_PHONE:
            self.fields.pop("email", None)
            self.fields["phone"].required = True
        else:
            self.fields.pop("phone", None)
        self.fields["by"] = forms.CharField(
            widget=forms.HiddenInput, initial=self.chosen_method, required=False
        )
        self.order_fields(["by", "email", "phone", "password1", "privacy_consent"])


class LoginForm(allauth_forms.LoginForm):
    """allauth's login: an email address or a mobile number, and the password."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("Email or mobile number")
        login.widget.attrs.update(
            {"placeholder": _("Email or mobile number"), "autocomplete": "username"}
        )


class RequestLoginCodeForm(allauth_forms.RequestLoginCodeForm):
    """allauth's "send me a login code", to a mobile number (`?by=phone`) or an email."""

    def __init__(self, *args, **kwargs):
        self.chosen_method = _chosen_method(args, kwargs)
        super().__init__(*args, **kwargs)
        keep = "phone" if self.chosen_method == BY_PHONE else "email"
        for name in ["phone", "email"]:
            if name != keep:
                self.fields.pop(name, None)
        self.fields[keep].required = True
        self.fields["by"] = forms.CharField(
            widget=forms.HiddenInput, initial=self.chosen_method, required=False
        )

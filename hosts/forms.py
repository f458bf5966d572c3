from django import forms
from django.utils.translation import gettext_lazy as _


class HostApplicationForm(forms.Form):
    name = forms.CharField(label=_("Organization name"), max_length=200)
    description = forms.CharField(
        label=_("What does your organization do?"), widget=forms.Textarea, required=False
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person to invite"))

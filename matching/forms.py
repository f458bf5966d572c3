from django import forms
from django.utils.translation import gettext_lazy as _


class IntroductionForm(forms.Form):
    expert = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("A short message (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=500)

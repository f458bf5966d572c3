from django import forms
from django.utils.translation import gettext_lazy as _

from events.registration_forms import MAX_ID


class IntroductionForm(forms.Form):
    expert = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    message = forms.CharField(
        label=_("A short message (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=500)

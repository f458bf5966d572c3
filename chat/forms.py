from django import forms
from django.utils.translation import gettext_lazy as _

from chat.models import ChatSettings

SLOW_MODE_CHOICES = [
    (0, _("Off")),
    (10, _("10 seconds")),
    (30, _("30 seconds")),
    (60, _("1 minute")),
    (120, _("2 minutes")),
    (300, _("5 minutes")),
]


class ChatWindowForm(forms.ModelForm):
    """How long before and after each session its room takes messages."""

    class Meta:
        model = ChatSettings
        fields = ["opens_before", "closes_after"]
        widgets = {
            "opens_before": forms.NumberInput(attrs={"min": 0, "max": 1440}),
            "closes_after": forms.NumberInput(attrs={"min": 0, "max": 1440}),
        }

    def clean_opens_before(self):
        return _minutes(self.cleaned_data["opens_before"])

    def clean_closes_after(self):
        return _minutes(self.cleaned_data["closes_after"])


def _minutes(value: int) -> int:
    if not 0 <= value <= 1440:
        raise forms.ValidationError(_("Enter a number of minutes from 0 to 1440."))
    return value


class SlowModeForm(forms.Form):
    """Slow mode of one room: `room` is "lobby" or a session's id."""

    room = forms.CharField(max_length=20)
    seconds = forms.TypedChoiceField(choices=SLOW_MODE_CHOICES, coerce=int, label=_("Slow mode"))


class SessionWindowForm(forms.Form):
    """A session's own window; both empty: the event's window."""

    opens_before = forms.IntegerField(
        required=False, min_value=0, max_value=1440, label=_("opens (minutes before)")
    )
    closes_after = forms.IntegerField(
        required=False, min_value=0, max_value=1440, label=_("closes (minutes after)")
    )

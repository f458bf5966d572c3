from django import forms
from django.utils.translation import gettext_lazy as _

from events.registration_forms import MAX_ID
from matching.engine.rules import DEFAULT_WEIGHTS, SCORING_RULES


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


class RuleSettingsForm(forms.Form):
    """A weight and an on/off switch for each scoring rule (fields `weight_<rule>`,
    `enabled_<rule>`)."""

    def __init__(self, *args, **kwargs):
        from matching.reasons import RULE_LABELS
        from matching.services.rules import RULE_WEIGHT_MAX

        super().__init__(*args, **kwargs)
        self.rules = list(SCORING_RULES)
        for rule in self.rules:
            self.fields[f"weight_{rule}"] = forms.FloatField(
                label=RULE_LABELS.get(rule, rule),
                min_value=0,
                max_value=RULE_WEIGHT_MAX,
                widget=forms.NumberInput(attrs={"step": "0.01"}),
            )
            self.fields[f"enabled_{rule}"] = forms.BooleanField(label=_("on"), required=False)

    def settings(self) -> dict[str, tuple[float, bool]]:
        data = self.cleaned_data
        return {rule: (data[f"weight_{rule}"], data[f"enabled_{rule}"]) for rule in self.rules}

    def rows(self):
        """(rule, default weight, weight field, switch field) for the template."""
        return [
            (rule, DEFAULT_WEIGHTS[rule], self[f"weight_{rule}"], self[f"enabled_{rule}"])
            for rule in self.rules
        ]

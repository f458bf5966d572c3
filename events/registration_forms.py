"""Forms of registration and check-in (the organizer's event forms live beside them)."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from events.models import Event, Registration
from events.services.registration_rules import MAX_ANSWER_LENGTH


def question_label(question: dict) -> str:
    if (get_language() or "").lower().startswith("en") and question.get("label_en"):
        return question["label_en"]
    return question.get("label") or question.get("key", "")


class RegistrationForm(forms.Form):
    """Role, then one field per organizer question (`q_<key>`); the service validates again."""

    role = forms.ChoiceField(label=_("I attend as"), widget=forms.RadioSelect)

    def __init__(self, *args, event: Event, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        labels = dict(Registration.Role.choices)
        self.fields["role"].choices = [(role, labels[role]) for role in roles]
        if len(roles) == 1:
            self.fields["role"].initial = roles[0]
        for question in event.questions or []:
            key = question.get("key")
            if not key:
                continue
            label = question_label(question)
            required = bool(question.get("required"))
            if question.get("type") == "choice":
                choices = [("", "—")] * (not required) + [
                    (c, c) for c in question.get("choices") or []
                ]
                field = forms.ChoiceField(label=label, required=required, choices=choices)
            else:
                field = forms.CharField(
                    label=label,
                    required=required,
                    max_length=MAX_ANSWER_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
            self.fields[f"q_{key}"] = field

    def answers(self) -> dict:
        return {
            name[2:]: value
            for name, value in self.cleaned_data.items()
            if name.startswith("q_") and value
        }


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=300,
        help_text=_("Type or paste the code under the QR code, or scan it into this field."),
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "off", "autocapitalize": "off"}
        ),
    )


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Registration.Role.choices, initial=Registration.Role.GUEST
    )


class RegistrationFilterForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles")), *Registration.Role.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Registration.Status.choices],
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class BulkActionForm(forms.Form):
    ACTIONS = [("approve", _("Approve")), ("reject", _("Reject")), ("cancel", _("Cancel"))]

    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    reason = forms.CharField(label=_("Reason (told to rejected people)"), required=False)

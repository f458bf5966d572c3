"""Forms of registration and check-in (the organizer's event forms live beside them)."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from events.models import Event, Registration
from events.services.registration_rules import MAX_ANSWER_LENGTH

# The largest id a database key holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


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
            kind = question.get("type")
            if kind == "choice":
                choices = [("", "—")] * (not required) + [
                    (c, c) for c in question.get("choices") or []
                ]
                field = forms.ChoiceField(label=label, required=required, choices=choices)
            elif kind == "multiple":
                field = forms.MultipleChoiceField(
                    label=label,
                    required=required,
                    choices=[(c, c) for c in question.get("choices") or []],
                    widget=forms.CheckboxSelectMultiple,
                )
            elif kind == "yesno":
                field = forms.ChoiceField(
                    label=label,
                    required=required,
                    choices=[("yes", _("Yes")), ("no", _("No"))],
                    widget=forms.RadioSelect,
                )
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
        label=_("Ticket code or short code"),
        max_length=300,
        help_text=_(
            "Type the 8-character short code printed on the ticket or badge, or scan the QR "
            "code into this field."
        ),
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


class IdsField(forms.Field):
    """A list of database ids as sent by ticked boxes: ASCII digits only, each within a 64-bit
    key; anything else is a form error rather than a failed query."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Choose at least one."),
        "invalid": _("“%(value)s” is not a valid id."),
        "too_many": _("Choose at most %(max)s at once."),
    }
    MAX = 500

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        if len(values) > self.MAX:
            raise forms.ValidationError(
                self.error_messages["too_many"], code="too_many", params={"max": self.MAX}
            )
        ids = []
        for item in values:
            text = str(item)
            if not (text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID):
                raise forms.ValidationError(
                    self.error_messages["invalid"], code="invalid", params={"value": text[:20]}
                )
            ids.append(int(text))
        return ids


class BulkActionForm(forms.Form):
    ACTIONS = [
        ("approve", _("Approve")),
        ("reject", _("Reject")),
        ("check_in", _("Check in")),
        ("cancel", _("Cancel")),
    ]

    ids = IdsField(label=_("Registrations"))
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    reason = forms.CharField(
        label=_("Reason (told to rejected people)"), required=False, max_length=2000
    )

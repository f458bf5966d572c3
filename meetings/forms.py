from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import MeetingRequest


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


def slot_label(slot) -> str:
    """“05-20 15:00–15:20” in the event's time zone (select_related `event`)."""
    tz = slot.event.tzinfo
    start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
    return f"{start:%m-%d %H:%M}–{end:%H:%M}"


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return slot_label(obj)


class SlotMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return slot_label(obj)


class SessionMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        tz = obj.event.tzinfo
        start, end = obj.start.astimezone(tz), obj.end.astimezone(tz)
        return f"{start:%H:%M}–{end:%H:%M} {obj.localized('title')}"


class SlotRangeForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.IntegerField(
        label=_("Minutes per meeting"), min_value=5, max_value=240, initial=20
    )


class TablesForm(forms.Form):
    names = forms.CharField(
        label=_("Tables or rooms, one per line"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )

    def clean_names(self):
        return [line.strip() for line in self.cleaned_data["names"].splitlines() if line.strip()]


class StaffRequestForm(forms.Form):
    expert = PersonChoiceField(label=_("Expert"), queryset=None)
    company_member = PersonChoiceField(label=_("Company member"), queryset=None)
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        choices=MeetingRequest.Priority.choices,
        coerce=int,
        initial=MeetingRequest.Priority.NORMAL,
    )

    def __init__(self, *args, experts, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts
        self.fields["company_member"].queryset = members


class AttendeeRequestForm(forms.Form):
    counterpart = PersonChoiceField(label=_("Whom would you like to meet?"), queryset=None)
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        choices=MeetingRequest.Priority.choices,
        coerce=int,
        initial=MeetingRequest.Priority.NORMAL,
    )
    message = forms.CharField(label=_("What about (optional)"), required=False, max_length=300)

    def __init__(self, *args, counterparts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counterpart"].queryset = counterparts


class AvailabilityForm(forms.Form):
    unavailable = SlotMultipleChoiceField(
        label=_("Slots in which I cannot meet"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sessions = SessionMultipleChoiceField(
        label=_("Sessions I will attend (no meetings during them)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, slots, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unavailable"].queryset = slots
        self.fields["sessions"].queryset = sessions


class MeetingMoveForm(forms.Form):
    slot = SlotChoiceField(label=_("Slot"), queryset=None)
    table = forms.ModelChoiceField(label=_("Table"), queryset=None)

    def __init__(self, *args, slots, tables, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots
        self.fields["table"].queryset = tables


class RoundTableForm(forms.Form):
    table_size = forms.IntegerField(
        label=_("People per table (at most)"), min_value=4, max_value=8, initial=6
    )


class SeatMoveForm(forms.Form):
    table = forms.IntegerField(label=_("Move to table"), min_value=1, max_value=1000)

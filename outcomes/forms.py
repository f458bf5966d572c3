"""Forms of the outcomes pages: the period filter, the feedback and the follow-up surveys."""

from django import forms
from django.utils.translation import gettext_lazy as _

from outcomes.models import FollowUp

STARS = [(n, str(n)) for n in range(1, 6)]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class FeedbackForm(forms.Form):
    """The event's rating and comment, a rating per session, and per meeting: did it take
    place, was it useful, a word. Session and meeting fields are added per person."""

    rating = forms.TypedChoiceField(
        label=_("How was the event?"), choices=STARS, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Anything to tell the organizers?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, sessions=(), meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions, self.meetings = list(sessions), list(meetings)
        for session in self.sessions:
            self.fields[f"session_{session.pk}"] = forms.TypedChoiceField(
                label=session.localized("title"),
                choices=STARS,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )
        for meeting in self.meetings:
            self.fields[f"meeting_{meeting.pk}_held"] = forms.ChoiceField(
                label=_("Did it take place?"), choices=YES_NO, widget=forms.RadioSelect
            )
            self.fields[f"meeting_{meeting.pk}_useful"] = forms.ChoiceField(
                label=_("Was it useful?"), choices=YES_NO, required=False, widget=forms.RadioSelect
            )
            self.fields[f"meeting_{meeting.pk}_comment"] = forms.CharField(
                label=_("A word on it"), required=False, max_length=500
            )

    def session_fields(self):
        return [(s, self[f"session_{s.pk}"]) for s in self.sessions]

    def meeting_fields(self):
        return [
            (
                m,
                self[f"meeting_{m.pk}_held"],
                self[f"meeting_{m.pk}_useful"],
                self[f"meeting_{m.pk}_comment"],
            )
            for m in self.meetings
        ]

    def answers(self) -> dict:
        """The service's arguments from the cleaned data."""
        data = self.cleaned_data
        sessions = {s.pk: data[f"session_{s.pk}"] for s in self.sessions if data[f"session_{s.pk}"]}
        meetings = {}
        for m in self.meetings:
            held = data[f"meeting_{m.pk}_held"] == "yes"
            useful = data[f"meeting_{m.pk}_useful"]
            meetings[m.pk] = {
                "held": held,
                "useful": (useful == "yes") if useful else None,
                "comment": data[f"meeting_{m.pk}_comment"],
            }
        return {
            "rating": data["rating"],
            "comment": data["comment"],
            "sessions": sessions,
            "meetings": meetings,
        }


class FollowUpForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What came of it?"), choices=FollowUp.Outcome.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Tell us more (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    mark_resolved = forms.BooleanField(
        label=_("Our need is resolved: mark it resolved"), required=False
    )

    def __init__(self, *args, can_resolve: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_resolve:
            del self.fields["mark_resolved"]

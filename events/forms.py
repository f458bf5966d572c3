"""Organizer forms. Times are typed in the event's time zone; the forms return aware
datetimes in that zone, and the services check the rules."""

import datetime as dt
import zoneinfo

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from events.models import (
    Event,
    Series,
    Session,
    SessionMaterial,
    Venue,
    validate_timezone,
)
from events.registration_forms import MAX_ID
from events.selectors import speaker_choices
from events.services.events import EARLIEST_YEAR, LATEST_YEAR, OUT_OF_RANGE
from profiles.models import ExpertProfile


def add_service_error(form: forms.BaseForm, exc) -> None:
    """Show a service's ValidationError on the form: on its field when the form has that
    field, else at the top, so that no error about a field the form lacks becomes a 500."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class LocalDateTimeField(forms.DateTimeField):
    """A date and time as typed, without a zone: the form attaches the event's zone. Years
    outside EARLIEST_YEAR–LATEST_YEAR are refused (events.services.events.check_in_range)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    default_error_messages = {"out_of_range": OUT_OF_RANGE}

    def to_python(self, value):
        with timezone.override(dt.UTC):
            result = super().to_python(value)
        return result.replace(tzinfo=None) if result else result

    def validate(self, value):
        super().validate(value)
        if value and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise forms.ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
            )


def local_naive(value: dt.datetime | None, tz: str) -> dt.datetime | None:
    """An aware moment as the wall-clock time of `tz`, for a form's initial value."""
    if value is None:
        return None
    return value.astimezone(zoneinfo.ZoneInfo(tz)).replace(tzinfo=None)


# The part of the event form about registration, shown under its own heading.
REGISTRATION_FIELDS = (
    "visibility",
    "requires_approval",
    "capacity",
    "quota_experts",
    "quota_enterprises",
    "quota_guests",
    "registration_opens",
    "registration_closes",
)


class EventForm(forms.ModelForm):
    start = LocalDateTimeField(label=_("Start"))
    end = LocalDateTimeField(label=_("End"))
    registration_opens = LocalDateTimeField(
        label=_("Registration opens"),
        required=False,
        help_text=_("Empty: as soon as the event is published."),
    )
    registration_closes = LocalDateTimeField(
        label=_("Registration closes"),
        required=False,
        help_text=_("Empty: when the event ends."),
    )
    move_sessions = forms.BooleanField(
        label=_("Move the sessions too"),
        required=False,
        initial=True,
        help_text=_("When the start changes, every session moves by the same amount."),
    )
    timezone = forms.CharField(
        label=_("Time zone"),
        initial="Asia/Shanghai",
        validators=[validate_timezone],
        help_text=_("Start and end are in this time zone, e.g. Asia/Shanghai."),
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "title_en",
            "description",
            "description_en",
            "theme",
            "series",
            "venue",
            "start",
            "end",
            "timezone",
            "cover",
            *REGISTRATION_FIELDS,
        ]
        labels = {"visibility": _("Who may register")}
        help_texts = {
            "description": _("Markdown: **bold**, lists, links."),
            "visibility": _("Invitation only: people register through the invitation link."),
            "capacity": _("Seats in all. Empty: no limit."),
            "quota_experts": _("Empty: experts share the capacity with everyone."),
            "quota_enterprises": _("Empty: companies share the capacity with everyone."),
            "quota_guests": _("Empty: guests share the capacity with everyone."),
        }

    def __init__(self, *args, host, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = Series.objects.filter(host=host)
        self.fields["venue"].queryset = Venue.objects.filter(host=host)
        for name in ("capacity", "quota_experts", "quota_enterprises", "quota_guests"):
            self.fields[name].widget.attrs.update(min=0, inputmode="numeric")
        if self.instance.pk:
            tz = self.instance.timezone
            for name in ("start", "end", "registration_opens", "registration_closes"):
                self.initial[name] = local_naive(getattr(self.instance, name), tz)
        if not (self.instance.pk and self.instance.sessions.exists()):
            del self.fields["move_sessions"]

    def main_fields(self):
        return [f for f in self.visible_fields() if f.name not in REGISTRATION_FIELDS]

    def registration_fields(self):
        return [f for f in self.visible_fields() if f.name in REGISTRATION_FIELDS]

    def clean(self):
        data = super().clean()
        tz = data.get("timezone")
        if tz:
            zone = zoneinfo.ZoneInfo(tz)
            for name in ("start", "end", "registration_opens", "registration_closes"):
                if data.get(name):
                    data[name] = data[name].replace(tzinfo=zone)
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The event must end after it starts."))
        return data

    def _post_clean(self):
        # The services validate the event; the model's own checks would see half-set times.
        pass

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if data["cover"] is False:  # "clear" ticked
            data["cover"] = ""
        elif data["cover"] is None:
            data.pop("cover")
        return data

    def moves_sessions(self) -> bool:
        return bool(self.cleaned_data.get("move_sessions"))


QUESTION_TYPE_CHOICES = [
    ("text", _("Text")),
    ("choice", _("Single choice")),
    ("multiple", _("Multiple choice")),
    ("yesno", _("Yes or no")),
]


class QuestionForm(forms.Form):
    """One question registrants answer; its key (hidden) ties the answers to it."""

    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    label = forms.CharField(label=_("Question text"), max_length=200)
    label_en = forms.CharField(label=_("Question in English"), max_length=200, required=False)
    type = forms.ChoiceField(label=_("Answer"), choices=QUESTION_TYPE_CHOICES, initial="text")
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For single and multiple choice: one choice per line."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)

    def has_changed(self) -> bool:
        # A blank question the page numbered is still blank: its position alone is no input.
        return any(name not in ("ORDER", "DELETE") for name in self.changed_data)

    def clean(self):
        data = super().clean()
        lines = [line.strip() for line in (data.get("choices") or "").splitlines()]
        data["choices"] = [line for line in lines if line]
        if data.get("type") in ("choice", "multiple") and not data["choices"]:
            self.add_error("choices", _("Give at least one choice, one per line."))
        return data


class BaseQuestionFormSet(forms.BaseFormSet):
    """Bound only when the page sent the questions (its management form): a POST without
    them leaves the event's questions as they are."""

    def is_valid(self) -> bool:
        return not self.is_bound or super().is_valid()

    def service_fields(self) -> dict:
        return {"questions": self.questions()} if self.is_bound else {}

    def questions(self) -> list[dict]:
        """The kept questions in the chosen order, in the shape the services take."""
        return [
            {
                "key": form.cleaned_data.get("key", ""),
                "label": form.cleaned_data["label"],
                "label_en": form.cleaned_data.get("label_en", ""),
                "type": form.cleaned_data["type"],
                "required": form.cleaned_data.get("required", False),
                "choices": form.cleaned_data.get("choices", []),
            }
            for form in self.ordered_forms
        ]


QuestionFormSet = forms.formset_factory(
    QuestionForm,
    formset=BaseQuestionFormSet,
    extra=1,  # a blank question to fill in, also without JavaScript
    can_order=True,
    can_delete=True,
    max_num=30,
    validate_max=True,
    absolute_max=30,
)


def question_formset(data=None, *, event: Event | None = None) -> BaseQuestionFormSet:
    """The questions of `event` (none for a new one) as a formset with prefix `questions`."""
    initial = [
        {
            "key": question.get("key", ""),
            "label": question.get("label", ""),
            "label_en": question.get("label_en", ""),
            "type": question.get("type", "text"),
            "required": bool(question.get("required")),
            "choices": "\n".join(question.get("choices") or []),
            "ORDER": position,
        }
        for position, question in enumerate(event.questions if event else [], start=1)
    ]
    if data is not None and "questions-TOTAL_FORMS" not in data:
        data = None
    return QuestionFormSet(data, initial=initial, prefix="questions")


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the event cancelled?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Registrants receive this in their email."),
    )


class DuplicateForm(forms.Form):
    start = LocalDateTimeField(
        label=_("New start"), help_text=_("In the event's time zone; the agenda moves with it.")
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event

    def clean_start(self):
        return self.cleaned_data["start"].replace(tzinfo=self.event.tzinfo)


class SpeakerPicker(forms.SelectMultiple):
    """The chosen speakers as ticked boxes and a search box that finds more among the host's
    experts (events/speakers.js asks `search_url`); it never lists every expert."""

    def __init__(self, *args, search_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.search_url = search_url

    def render(self, name, value, attrs=None, renderer=None):
        chosen = [v for v in (value or []) if _is_id(v)]
        experts = self.choices.queryset.filter(pk__in=chosen).order_by("name") if chosen else []
        boxes = format_html_join(
            "",
            '<li><label><input type="checkbox" name="{}" value="{}" checked> {}</label></li>',
            ((name, expert.pk, _speaker_label(expert)) for expert in experts),
        )
        return format_html(
            '<div class="speaker-picker" data-search-url="{}" data-name="{}">'
            '<ul class="speaker-choices">{}</ul>'
            '<input type="search" id="{}" class="speaker-search" autocomplete="off" '
            'placeholder="{}">'
            '<ul class="speaker-results" aria-live="polite"></ul></div>',
            self.search_url,
            name,
            boxes,
            (attrs or {}).get("id", f"id_{name}"),
            _("Type a name or an institution to find an expert"),
        )


def _speaker_label(expert: ExpertProfile) -> str:
    return f"{expert.name} · {expert.institution}" if expert.institution else expert.name


def _is_id(value) -> bool:
    text = str(value)
    return text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID


class SpeakersField(forms.ModelMultipleChoiceField):
    """Speaker profiles by id; ids that are not plain ASCII numbers within a database key are
    refused before any query."""

    def _check_values(self, value):
        for item in value:
            if not _is_id(item):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(item)[:20]},
                )
        return super()._check_values(value)


class SessionForm(forms.ModelForm):
    start = LocalDateTimeField(label=_("Start"))
    end = LocalDateTimeField(label=_("End"))
    speakers = SpeakersField(
        label=_("Speaker profiles"),
        queryset=ExpertProfile.objects.none(),
        required=False,
        help_text=_("Experts with a profile; others go under “Other speakers”."),
    )
    notify = forms.BooleanField(
        label=_("Tell registrants about this change by email"), required=False, initial=True
    )

    class Meta:
        model = Session
        fields = [
            "title",
            "title_en",
            "description",
            "description_en",
            "start",
            "end",
            "room",
            "room_en",
            "speakers",
            "speakers_text",
            "chat_enabled",
        ]

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        speakers = self.fields["speakers"]
        speakers.widget = SpeakerPicker(
            search_url=reverse("organizer:speaker_search", args=[event.host.slug, event.slug])
        )
        speakers.queryset = speaker_choices(host=event.host, session=self.instance)
        if self.instance.pk:
            self.initial["start"] = local_naive(self.instance.start, event.timezone)
            self.initial["end"] = local_naive(self.instance.end, event.timezone)
        else:
            self.initial.setdefault("start", local_naive(event.start, event.timezone))
        if event.status != Event.Status.PUBLISHED:
            del self.fields["notify"]

    def clean(self):
        data = super().clean()
        for name in ("start", "end"):
            if data.get(name):
                data[name] = data[name].replace(tzinfo=self.event.tzinfo)
        return data

    def _post_clean(self):
        pass

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["notify"] = self.cleaned_data.get("notify", False)
        return data


class MaterialForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Link"),
        required=False,
        assume_scheme="https",
        help_text=_("Or a link, instead of a file."),
    )

    class Meta:
        model = SessionMaterial
        fields = ["title", "file", "url"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False

    def clean(self):
        data = super().clean()
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(
                _("Give either a file or a link, not both and not neither."), code="file_or_link"
            )
        return data

    def _post_clean(self):
        pass


class SeriesForm(forms.ModelForm):
    class Meta:
        model = Series
        fields = ["title", "title_en", "description", "description_en"]


class VenueForm(forms.ModelForm):
    map_url = forms.URLField(label=_("Map link"), required=False, assume_scheme="https")

    class Meta:
        model = Venue
        fields = ["name", "name_en", "address", "map_url"]

    def _post_clean(self):
        pass

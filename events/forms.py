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


class EventForm(forms.ModelForm):
    start = LocalDateTimeField(label=_("Start"))
    end = LocalDateTimeField(label=_("End"))
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
            "visibility",
            "requires_approval",
            "capacity",
            "cover",
        ]
        help_texts = {"description": _("Markdown: **bold**, lists, links.")}

    def __init__(self, *args, host, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = Series.objects.filter(host=host)
        self.fields["venue"].queryset = Venue.objects.filter(host=host)
        if self.instance.pk:
            tz = self.instance.timezone
            self.initial["start"] = local_naive(self.instance.start, tz)
            self.initial["end"] = local_naive(self.instance.end, tz)

    def clean(self):
        data = super().clean()
        tz = data.get("timezone")
        if tz and data.get("start") and data.get("end"):
            zone = zoneinfo.ZoneInfo(tz)
            data["start"] = data["start"].replace(tzinfo=zone)
            data["end"] = data["end"].replace(tzinfo=zone)
            if data["end"] <= data["start"]:
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

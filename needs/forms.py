"""Forms of the needs desk: the board's filters, posting a need, transitions, 派单, rating."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from core.widgets import PlainCheckboxes, PlainSelect
from needs.models import NEED_EDITABLE, TRANSITIONS, WANTED_BY_HORIZON, Need
from profiles.models import Company, CooperationForm, Topic
from profiles.selectors import topic_choices, topic_with_descendants


def lookup(path: str, field: forms.Field) -> forms.Field:
    """Mark a filter field with the queryset lookup it filters by (None: handled by hand)."""
    field.lookup = path
    field.required = False
    return field


class NeedFilterForm(forms.Form):
    """The board's filters, shared by the page and the API. One filter is one line: a field
    wrapped in `lookup()`."""

    q = lookup("", forms.CharField(label=_("Search"), max_length=100))
    mine = lookup("", forms.BooleanField(label=_("Mine only")))
    category = lookup(
        "category", forms.ChoiceField(label=_("Category"), choices=Need.Category.choices)
    )
    status = lookup("status", forms.ChoiceField(label=_("Status"), choices=Need.Status.choices))
    urgency = lookup("urgency", forms.ChoiceField(label=_("Urgency"), choices=Need.Urgency.choices))
    district = lookup("company__district", forms.ChoiceField(label=_("District")))
    # A topic matches its sub-topics too (水处理 finds 废水治理): handled by hand below.
    topic = lookup("", forms.ChoiceField(label=_("Topic")))
    assignee = lookup(
        "assignee",
        forms.ModelChoiceField(label=_("Assignee"), queryset=get_user_model().objects.none()),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField):
                field.widget = PlainSelect(choices=field.widget.choices)
            if isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                field.choices = [("", _("All")), *field.choices]
        districts = (
            Company.objects.exclude(district="")
            .order_by("district")
            .values_list("district", flat=True)
            .distinct()
        )
        self.fields["district"].choices = [("", _("All")), *((d, d) for d in districts)]
        # From the needs' assignee index to the users: not a scan of every user joined to needs.
        assigned = Need.objects.filter(assignee__isnull=False).values("assignee_id")
        self.fields["assignee"].queryset = get_user_model().objects.filter(pk__in=assigned)
        self.fields["assignee"].empty_label = _("All")
        self.fields["topic"].choices = _TopicChoices()
        self.fields["assignee"].label_from_instance = lambda user: user.display_name


class _TopicChoices(BaseChoiceIterator):
    """Loaded on first use (rendering the select, or checking a given topic) and then kept:
    a filter request without a topic runs no query for it."""

    def __init__(self):
        self._choices = None

    def __iter__(self):
        if self._choices is None:
            topics = topic_choices(used=Need.topics.through.objects.values("topic_id"))
            self._choices = [("", _("All")), *((t.slug, t.label) for t in topics)]
        return iter(self._choices)


def apply_need_filters(qs: QuerySet[Need], filters: dict) -> QuerySet[Need]:
    """Narrow `qs` by a NeedFilterForm's cleaned data (`mine` is the caller's: it needs the
    user)."""
    for name, field in NeedFilterForm.base_fields.items():
        value = filters.get(name)
        if value in (None, "") or not field.lookup:
            continue
        qs = qs.filter(**{field.lookup: value})
    if filters.get("topic"):
        qs = qs.filter(topics__in=topic_with_descendants(filters["topic"])).distinct()
    text = (filters.get("q") or "").strip()
    if text:
        qs = qs.filter(
            Q(title__icontains=text)
            | Q(description__icontains=text)
            | Q(company__name__icontains=text)
        )
    return qs


class TopicCheckboxes(PlainCheckboxes):
    """Topic checkboxes carrying every name and synonym of their topic, so the picker's search
    box (needs/static/needs/need_form.js) finds 膜技术 under 水处理膜技术 in either language."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        topic = getattr(value, "instance", None)
        if topic is not None:
            option["attrs"]["data-terms"] = " ".join(topic.terms).casefold()
        return option


class NeedForm(forms.ModelForm):
    """Posting and editing a need. Topics are the company's confirmed choice; the "suggest"
    button (page) or `POST /api/v1/needs/suggest-topics/` (script) ticks those its text names.
    The wanted-by date's range is the service's (`needs.services.wanted_by_clean`)."""

    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.order_by("name_zh"),
        required=False,
        widget=TopicCheckboxes,
        help_text=_("Tick what the need is about; “Suggest topics” ticks those the text names."),
    )
    cooperation_forms = forms.MultipleChoiceField(
        label=_("Forms of cooperation wanted"),
        choices=CooperationForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    budget_min = forms.IntegerField(label=_("Budget from (CNY)"), min_value=0, required=False)
    budget_max = forms.IntegerField(label=_("Budget up to (CNY)"), min_value=0, required=False)

    class Meta:
        model = Need
        fields = [*NEED_EDITABLE[:4], "topics", *NEED_EDITABLE[4:]]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "wanted_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].label_from_instance = lambda topic: topic.label
        for name in ("budget_min", "budget_max"):
            self.fields[name].widget.attrs.update(inputmode="numeric")
        today = timezone.localdate()  # the date picker offers the range the service accepts
        self.fields["wanted_by"].widget.attrs.update(
            min=today.isoformat(), max=(today + WANTED_BY_HORIZON).isoformat()
        )

    def clean(self):
        data = super().clean()
        low, high = data.get("budget_min"), data.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error("budget_max", _("The lowest budget is above the highest."))
        return data


class NeedTransitionForm(forms.Form):
    to = forms.ChoiceField(
        label=_("New status"), choices=[(s, s) for s in TRANSITIONS if s != Need.Status.SUBMITTED]
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NeedAssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assign to"), queryset=get_user_model().objects.none()
    )
    response_deadline = forms.DateTimeField(
        label=_("Respond by"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Three days from now when left empty."),
    )

    def __init__(self, *args, staff: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff
        self.fields["assignee"].label_from_instance = lambda user: user.display_name


class NeedRatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your satisfaction"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

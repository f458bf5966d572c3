"""Forms of the needs desk: the board's filters, posting a need, transitions, 派单, rating."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from core.widgets import PlainSelect
from needs.models import NEED_EDITABLE, TRANSITIONS, Need
from profiles.models import Company, Topic
from profiles.selectors import topic_with_descendants


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
            topics = Topic.objects.order_by("name_zh")
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


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = NEED_EDITABLE
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


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

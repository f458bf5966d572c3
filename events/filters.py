"""The filters of the organizer's registrations table (page, exports and API list alike)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from events.models import Registration
from events.selectors import registration_search_q


class RegistrationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=100,
        help_text=_("Name, email, phone or organization."),
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=Registration.Role.choices, empty_label=_("All roles")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Registration.Status.choices, empty_label=_("All statuses")
    )
    checked_in = django_filters.ChoiceFilter(
        label=_("Checked in"),
        choices=[("yes", _("Checked in")), ("no", _("Not checked in"))],
        empty_label=_("Checked in or not"),
        method="filter_checked_in",
    )

    class Meta:
        model = Registration
        fields = ["q", "role", "status", "checked_in"]

    def search(self, queryset, name, value):
        return queryset.filter(registration_search_q(value)) if value.strip() else queryset

    def filter_checked_in(self, queryset, name, value):
        return queryset.filter(checked_in_at__isnull=value != "yes")

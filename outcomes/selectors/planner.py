"""The seasonal planner (「夏病春治」): what the host's needs of past years say about the season
ahead. The rules, as the page explains them:

- a topic or a category *recurs* in a quarter when at least MIN_PER_YEAR of its needs came in
  that quarter in each of two or more years;
- it is *bunched* in a quarter when, in one year, at least MIN_BUNCH of its needs came and at
  least BUNCH_SHARE of that year's needs of it fell in that one quarter;
- for each, the counts per year, the months they came in, the share resolved today, the
  experts who resolved them (accepted introductions and meetings about its resolved needs) and
  the companies that raised them.

The coming quarter's patterns become suggested forums. Needs are counted by the day they
were submitted, in the host's time zone, over the last LOOKBACK_YEARS calendar years and this
one. Grouping happens in the database; Python only walks the grouped rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from matching.models import Introduction
from meetings.models import Meeting
from needs.models import Need
from outcomes.models import PlannedForum
from outcomes.periods import host_zone
from profiles.models import Company, ExpertProfile, Topic

MIN_PER_YEAR = 2
MIN_BUNCH = 3
BUNCH_SHARE = 0.6
LOOKBACK_YEARS = 3
MAX_SUGGESTIONS = 6
MAX_PEOPLE = 5


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def quarter_months(quarter: int) -> tuple[int, int]:
    return 3 * quarter - 2, 3 * quarter


def next_quarter(day: dt.date) -> tuple[int, int]:
    """(year, quarter) of the quarter after the one `day` is in."""
    quarter = quarter_of(day.month)
    return (day.year + 1, 1) if quarter == 4 else (day.year, quarter + 1)


@dataclass
class Pattern:
    dimension: str  # "topic" or "category"
    value: str  # topic slug or category code
    label: str
    quarter: int
    kind: str  # "recurring" or "bunched"
    counts: dict[int, int]  # year -> needs in the quarter
    months: tuple[int, int]
    total: int
    resolved: int
    year_total: int = 0  # bunched: that year's needs of the topic or category
    experts: list[str] = field(default_factory=list)
    companies: list[tuple[int, str]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.dimension}:{self.value}:q{self.quarter}"

    @property
    def resolution_rate(self) -> float | None:
        return round(self.resolved / self.total, 4) if self.total else None

    @property
    def expected(self) -> int:
        """Needs to expect next time: the mean of the years it came in."""
        return round(self.total / len(self.counts)) if self.counts else 0

    def explanation(self, this_year: int) -> str:
        """The rule in words, e.g. 「冷链物流：近两年 6–8 月各 4 条，办结率 50%」."""
        first, last = self.months
        months = (
            pgettext("months of a year", "month %(first)d") % {"first": first}
            if first == last
            else pgettext("months of a year", "months %(first)d–%(last)d")
            % {"first": first, "last": last}
        )
        rate = "—" if self.resolution_rate is None else f"{round(self.resolution_rate * 100)}%"
        if self.kind == "bunched":
            ((year, count),) = self.counts.items()
            return _(
                "%(label)s: %(count)d of its %(total)d needs in %(year)d came in %(months)s; "
                "resolution rate %(rate)s"
            ) % {
                "label": self.label,
                "count": count,
                "total": self.year_total,
                "year": year,
                "months": months,
                "rate": rate,
            }
        years = sorted(self.counts)
        recent = list(range(this_year - len(years), this_year))
        recent_with_this = list(range(this_year - len(years) + 1, this_year + 1))
        if years in (recent, recent_with_this) and len(years) in (2, 3):
            when = _("the last two years") if len(years) == 2 else _("the last three years")
        else:
            separator = pgettext("list separator", ", ")
            when = pgettext("list of years", "%(years)s") % {
                "years": separator.join(str(y) for y in years)
            }
        values = [self.counts[y] for y in years]
        context = {"label": self.label, "when": when, "months": months, "rate": rate}
        if len(set(values)) == 1:
            return _(
                "%(label)s: %(count)d each in %(months)s of %(when)s; resolution rate %(rate)s"
            ) % {
                **context,
                "count": values[0],
            }
        separator = pgettext("list separator", ", ")
        return _("%(label)s: %(counts)s in %(months)s of %(when)s; resolution rate %(rate)s") % {
            **context,
            "counts": separator.join(str(v) for v in values),
        }


@dataclass
class Plan:
    host: object
    today: dt.date
    coming: tuple[int, int]  # (year, quarter)
    patterns: list[Pattern]
    suggestions: list[Pattern]
    seasons: dict[str, list[tuple[str, list[int]]]]  # dimension -> [(label, [q1..q4])]
    drafts: dict[str, object]  # suggestion key -> PlannedForum of the coming quarter
    needs_counted: int = 0


def _grouped(rows, key: str) -> dict[str, dict[tuple[int, int], tuple[int, int]]]:
    """value -> {(year, month): (needs, resolved)}."""
    grouped: dict = defaultdict(dict)
    for row in rows:
        if row[key] in (None, ""):
            continue
        grouped[row[key]][(row["year"], row["month"])] = (row["n"], row["resolved"])
    return grouped


def _patterns(dimension: str, grouped: dict, labels: dict[str, str]) -> list[Pattern]:
    found = []
    for value, cells in grouped.items():
        by_year_quarter: dict[tuple[int, int], list] = defaultdict(lambda: [0, 0, set()])
        year_totals: dict[int, int] = defaultdict(int)
        for (year, month), (n, resolved) in cells.items():
            cell = by_year_quarter[(year, quarter_of(month))]
            cell[0] += n
            cell[1] += resolved
            cell[2].add(month)
            year_totals[year] += n
        for quarter in range(1, 5):
            years = {
                year: cell
                for (year, q), cell in by_year_quarter.items()
                if q == quarter and cell[0] >= MIN_PER_YEAR
            }
            if len(years) >= 2:
                chosen, kind = years, "recurring"
            else:
                bunched = {
                    year: cell
                    for (year, q), cell in by_year_quarter.items()
                    if q == quarter
                    and cell[0] >= MIN_BUNCH
                    and cell[0] >= BUNCH_SHARE * year_totals[year]
                }
                if not bunched:
                    continue
                latest = max(bunched)
                chosen, kind = {latest: bunched[latest]}, "bunched"
            months = set().union(*(cell[2] for cell in chosen.values()))
            found.append(
                Pattern(
                    dimension=dimension,
                    value=value,
                    label=labels.get(value, value),
                    quarter=quarter,
                    kind=kind,
                    counts={year: cell[0] for year, cell in sorted(chosen.items())},
                    months=(min(months), max(months)),
                    total=sum(cell[0] for cell in chosen.values()),
                    resolved=sum(cell[1] for cell in chosen.values()),
                    year_total=year_totals[max(chosen)] if kind == "bunched" else 0,
                )
            )
    return found


def _resolvers(host, since: dt.datetime) -> dict[str, dict[str, int]]:
    """pattern value (topic slug or category) -> {expert name: resolved needs}."""
    resolved = Q(need__host=host, need__status=Need.Status.RESOLVED, need__created_at__gte=since)
    found: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    intros = (
        Introduction.objects.filter(resolved, status=Introduction.Status.ACCEPTED)
        .values("need__category", "need__topics__slug", "expert__name")
        .annotate(n=Count("need", distinct=True))
        .order_by()
    )
    meetings = (
        Meeting.objects.filter(resolved, status=Meeting.Status.SCHEDULED)
        .exclude(expert__expert_profile__isnull=True)
        .values("need__category", "need__topics__slug", "expert__expert_profile__name")
        .annotate(n=Count("need", distinct=True))
        .order_by()
    )
    for rows, name in ((intros, "expert__name"), (meetings, "expert__expert_profile__name")):
        for row in rows:
            for value in (row["need__category"], row["need__topics__slug"]):
                if value:
                    found[value][row[name]] += row["n"]
    return found


def _companies(host, since: dt.datetime, quarter: int, zone) -> dict[str, list[tuple[int, str]]]:
    """value -> companies that raised needs of it in `quarter` of past years."""
    first, last = quarter_months(quarter)
    rows = (
        Need.objects.filter(host=host, created_at__gte=since)
        .annotate(month=ExtractMonth("created_at", tzinfo=zone))
        .filter(month__gte=first, month__lte=last)
        .values("category", "topics__slug", "company_id", "company__name")
        .annotate(n=Count("id"))
        .order_by("-n", "company__name")
    )
    found: dict[str, dict[int, str]] = defaultdict(dict)
    for row in rows:
        for value in (row["category"], row["topics__slug"]):
            if value:
                found[value].setdefault(row["company_id"], row["company__name"])
    return {value: list(companies.items()) for value, companies in found.items()}


def _seasons(needs, zone) -> dict[str, list[tuple[str, list[int]]]]:
    """Needs per quarter by category, district and company size."""
    sizes = dict(Company.Size.choices)
    categories = dict(Need.Category.choices)
    seasons = {}
    for dimension, field_name, labels in (
        ("category", "category", categories),
        ("district", "company__district", None),
        ("size", "company__size", sizes),
    ):
        table: dict[str, list[int]] = defaultdict(lambda: [0] * 5)  # [unused, Q1 … Q4]
        rows = (
            needs.annotate(month=ExtractMonth("created_at", tzinfo=zone))
            .values(field_name, "month")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            value = row[field_name] or ""
            label = str(labels.get(value, value)) if labels else value
            table[label or _("Not given")][quarter_of(row["month"])] += row["n"]
        seasons[dimension] = sorted(table.items(), key=lambda item: (-sum(item[1]), item[0]))
    return seasons


def seasonal_plan(*, host, today: dt.date | None = None) -> Plan:
    """The planner's page for `host` (see the module's docstring). About a dozen queries,
    whatever the number of needs."""
    zone = host_zone(host)
    today = today or timezone.localdate(timezone.now(), zone)
    since = dt.datetime(today.year - LOOKBACK_YEARS, 1, 1, tzinfo=zone)
    needs = Need.objects.filter(host=host, created_at__gte=since)
    stamped = needs.annotate(
        year=ExtractYear("created_at", tzinfo=zone), month=ExtractMonth("created_at", tzinfo=zone)
    )
    resolved = Count("id", filter=Q(status=Need.Status.RESOLVED), distinct=True)
    by_topic = _grouped(
        stamped.values("topics__slug", "year", "month")
        .annotate(n=Count("id", distinct=True), resolved=resolved)
        .order_by(),
        "topics__slug",
    )
    by_category = _grouped(
        stamped.values("category", "year", "month")
        .annotate(n=Count("id"), resolved=resolved)
        .order_by(),
        "category",
    )
    topic_labels = {t.slug: t.label for t in Topic.objects.filter(slug__in=list(by_topic))}
    category_labels = {value: str(label) for value, label in Need.Category.choices}
    patterns = _patterns("topic", by_topic, topic_labels) + _patterns(
        "category", by_category, category_labels
    )
    resolvers = _resolvers(host, since)
    for pattern in patterns:
        names = resolvers.get(pattern.value, {})
        pattern.experts = [
            name for name, _n in sorted(names.items(), key=lambda item: (-item[1], item[0]))
        ][:MAX_PEOPLE]
    patterns.sort(key=lambda p: (p.quarter, p.kind != "recurring", -p.total, p.label))
    coming = next_quarter(today)
    suggestions = [p for p in patterns if p.quarter == coming[1]]
    suggestions.sort(key=lambda p: (p.dimension != "topic", p.kind != "recurring", -p.total))
    suggestions = suggestions[:MAX_SUGGESTIONS]
    companies = _companies(host, since, coming[1], zone)
    for pattern in suggestions:
        pattern.companies = companies.get(pattern.value, [])[: MAX_PEOPLE * 2]
        if not pattern.experts and pattern.dimension == "topic":
            pattern.experts = list(
                ExpertProfile.objects.filter(
                    topics__slug=pattern.value, matching_opt_out=False, claimed_at__isnull=False
                )
                .order_by("name")
                .values_list("name", flat=True)
                .distinct()[:MAX_PEOPLE]
            )
    quarter_start = dt.datetime(coming[0], quarter_months(coming[1])[0], 1, tzinfo=zone)
    drafts = {
        forum.key: forum
        for forum in PlannedForum.objects.filter(
            host=host, event__start__gte=quarter_start
        ).select_related("event")
    }
    return Plan(
        host=host,
        today=today,
        coming=coming,
        patterns=patterns,
        suggestions=suggestions,
        seasons=_seasons(needs, zone),
        drafts=drafts,
        needs_counted=needs.count(),
    )

"""The dashboard's charts and headline figures, as plain data: labels in the active language,
one category axis and one or more series. The same `Chart` feeds ECharts (through
`json_script`), the accessible table under each chart, and each chart's XLSX download.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from events.models import Registration
from matching.models import Introduction
from needs.models import Need
from outcomes.models import FollowUp
from outcomes.selectors.dashboard import TOP_TOPICS, Dashboard


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # "bar", "line" or "pie"
    categories: list[str]
    series: list[dict] = field(default_factory=list)  # [{"name": str, "data": [numbers]}]
    note: str = ""

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "title": self.title,
            "kind": self.kind,
            "categories": self.categories,
            "series": self.series,
        }

    @property
    def rows(self) -> list[list]:
        """The table: one row per category, one column per series."""
        return [
            [category, *(s["data"][n] for s in self.series)]
            for n, category in enumerate(self.categories)
        ]

    @property
    def columns(self) -> list[str]:
        return [s["name"] for s in self.series]

    @property
    def is_empty(self) -> bool:
        return not any(value for s in self.series for value in s["data"] if value)


@dataclass
class Headline:
    label: str
    value: float | int | None
    before: float | int | None
    kind: str = "count"  # "count", "rate" (0–1) or "score" (1–5)
    lower_is_better: bool = False

    def shown(self, value) -> str:
        if value is None:
            return "—"
        if self.kind == "rate":
            return f"{round(value * 100)}%"
        if self.kind == "score":
            return f"{value:.1f}"
        return formats.number_format(value)

    @property
    def text(self) -> str:
        return self.shown(self.value)

    @property
    def before_text(self) -> str:
        return self.shown(self.before)

    @property
    def change(self) -> str:
        """The change from the previous period, signed ("+3", "−5 pts", "" when unknown)."""
        if self.value is None or self.before is None:
            return ""
        delta = self.value - self.before
        if self.kind == "rate":
            points = round(delta * 100)
            return _("%(points)s pts") % {"points": f"{points:+d}".replace("-", "−")}
        if self.kind == "score":
            return f"{delta:+.1f}".replace("-", "−")
        return f"{delta:+d}".replace("-", "−")

    @property
    def trend(self) -> str:
        """ "up" or "down" (the arrow), "same" or "" when unknown."""
        if not self.change:
            return ""
        if self.value == self.before:
            return "same"
        return "up" if self.value > self.before else "down"

    @property
    def verdict(self) -> str:
        """ "better" or "worse" than the previous period (the arrow's colour), or ""."""
        if self.trend not in ("up", "down"):
            return ""
        return "better" if (self.trend == "up") != self.lower_is_better else "worse"


def _bucket_label(day, bucket: str) -> str:
    if bucket == "month":
        return f"{day:%Y-%m}"
    return f"{day:%m-%d}"


def _comparison(key, title, labels, current, before) -> Chart:
    return Chart(
        key=key,
        title=title,
        kind="bar",
        categories=[str(label) for label in labels],
        series=[
            {"name": _("This period"), "data": current},
            {"name": _("Previous period"), "data": before},
        ],
    )


def headlines(board: Dashboard) -> list[Headline]:
    now, then = board.current, board.before
    cards = [
        Headline(_("Events"), now["events"]["count"], then["events"]["count"]),
        Headline(
            _("Registrations"), now["events"]["registrations"], then["events"]["registrations"]
        ),
        Headline(
            _("Check-in rate"),
            now["events"]["check_in_rate"],
            then["events"]["check_in_rate"],
            "rate",
        ),
        Headline(_("Meetings held"), now["meetings"]["held"], then["meetings"]["held"]),
        Headline(
            _("Event rating"),
            now["feedback"]["event_rating"],
            then["feedback"]["event_rating"],
            "score",
        ),
    ]
    if board.event is None:
        needs, needs_before = now["needs"], then["needs"]
        cards += [
            Headline(
                _("Introductions requested"),
                now["introductions"]["requested"],
                then["introductions"]["requested"],
            ),
            Headline(_("Needs received"), needs["total"], needs_before["total"]),
            Headline(
                _("Response rate"), needs["response_rate"], needs_before["response_rate"], "rate"
            ),
            Headline(
                _("On-time response rate"),
                needs["on_time_response_rate"],
                needs_before["on_time_response_rate"],
                "rate",
            ),
            Headline(
                _("Resolution rate"),
                needs["resolution_rate"],
                needs_before["resolution_rate"],
                "rate",
            ),
            Headline(
                _("Satisfaction"), needs["satisfaction"], needs_before["satisfaction"], "score"
            ),
            Headline(
                _("Overdue needs"),
                needs["overdue"],
                needs_before["overdue"],
                lower_is_better=True,
            ),
            Headline(
                _("Cooperation reported"),
                now["follow_ups"]["cooperation"],
                then["follow_ups"]["cooperation"],
            ),
        ]
    return cards


def charts(board: Dashboard) -> list[Chart]:
    """Every chart of the dashboard, in the order they are shown."""
    now, then = board.current, board.before
    days = [_bucket_label(day, board.bucket) for day in board.buckets]
    roles = Registration.Role
    result = [
        Chart(
            key="registrations_over_time",
            title=_("Registrations by role, by the day people registered"),
            kind="line",
            categories=days,
            series=[
                {
                    "name": str(role.label),
                    "data": board.registrations_over_time.get(role.value, [0] * len(days)),
                }
                for role in roles
            ],
        )
    ]
    statuses = Registration.Status
    details, details_before = now["events"]["details"], then["events"]["details"]
    result.append(
        _comparison(
            "registrations",
            _("Registrations: approval, waiting list and check-in"),
            [*(s.label for s in statuses), _("Checked in")],
            [details[f"status_{s}"] for s in statuses.values] + [details["checked_in"]],
            [details_before[f"status_{s}"] for s in statuses.values]
            + [details_before["checked_in"]],
        )
    )
    meeting_labels = [_("Meetings scheduled"), _("Meetings held")]
    if board.event is None:
        intro, intro_before = now["introductions"], then["introductions"]
        shown = [
            Introduction.Status.ACCEPTED,
            Introduction.Status.DECLINED,
            Introduction.Status.EXPIRED,
            Introduction.Status.WITHDRAWN,
            Introduction.Status.PENDING,
        ]
        result.append(
            _comparison(
                "introductions",
                _("Introductions and meetings"),
                [_("Requested"), *(s.label for s in shown), *meeting_labels],
                [intro["requested"], *(intro[s] for s in shown)]
                + [now["meetings"]["scheduled"], now["meetings"]["held"]],
                [intro_before["requested"], *(intro_before[s] for s in shown)]
                + [then["meetings"]["scheduled"], then["meetings"]["held"]],
            )
        )
    else:
        result.append(
            _comparison(
                "meetings",
                _("Meetings"),
                meeting_labels,
                [now["meetings"]["scheduled"], now["meetings"]["held"]],
                [then["meetings"]["scheduled"], then["meetings"]["held"]],
            )
        )
    chat_keys = ["messages", "questions", "answered", "votes", "people"]
    result.append(
        _comparison(
            "chat",
            _("Chat and questions"),
            [
                _("Messages"),
                _("Questions"),
                _("Questions answered"),
                _("Votes on questions"),
                _("People who wrote"),
            ],
            [now["chat"][k] for k in chat_keys],
            [then["chat"][k] for k in chat_keys],
        )
    )
    feedback, feedback_before = now["feedback"], then["feedback"]
    result.append(
        _comparison(
            "feedback",
            _("Feedback: ratings of the events (1–5)"),
            [pgettext("rating", "%(stars)d ★") % {"stars": n} for n in range(1, 6)],
            [feedback[f"rating_{n}"] for n in range(1, 6)],
            [feedback_before[f"rating_{n}"] for n in range(1, 6)],
        )
    )
    if board.event is None:
        result += _need_charts(board)
    return result


def _need_charts(board: Dashboard) -> list[Chart]:
    now, then = board.current, board.before
    days = [_bucket_label(day, board.bucket) for day in board.buckets]
    breakdown = board.breakdown
    needs, needs_before = now["needs"], then["needs"]
    rate_labels = [_("Response rate"), _("On-time response rate"), _("Resolution rate")]
    rate_keys = ["response_rate", "on_time_response_rate", "resolution_rate"]

    def percent(value):
        return None if value is None else round(value * 100, 1)

    follow, follow_before = now["follow_ups"], then["follow_ups"]
    outcomes = FollowUp.Outcome
    return [
        Chart(
            key="needs_over_time",
            title=_("Needs received and resolved"),
            kind="line",
            categories=days,
            series=[
                {
                    "name": _("Received"),
                    "data": board.needs_over_time.get("received", [0] * len(days)),
                },
                {
                    "name": _("Resolved"),
                    "data": board.needs_over_time.get("resolved", [0] * len(days)),
                },
            ],
        ),
        _comparison(
            "desk_rates",
            _("Response, on-time response and resolution (%)"),
            rate_labels,
            [percent(needs[k]) for k in rate_keys],
            [percent(needs_before[k]) for k in rate_keys],
        ),
        Chart(
            key="needs_status",
            title=_("Needs by status"),
            kind="bar",
            categories=[str(Need.Status(s).label) for s, _n in breakdown["status"]],
            series=[{"name": _("Needs"), "data": [n for _s, n in breakdown["status"]]}],
        ),
        Chart(
            key="needs_category",
            title=_("Needs by category"),
            kind="pie",
            categories=[str(Need.Category(c).label) for c, _n in breakdown["category"]],
            series=[{"name": _("Needs"), "data": [n for _c, n in breakdown["category"]]}],
        ),
        Chart(
            key="needs_district",
            title=_("Needs by district"),
            kind="bar",
            categories=[d for d, _n in breakdown["district"]],
            series=[{"name": _("Needs"), "data": [n for _d, n in breakdown["district"]]}],
        ),
        Chart(
            key="needs_topic",
            title=_("Needs by topic (the %(count)d most frequent)") % {"count": TOP_TOPICS},
            kind="bar",
            categories=[
                board.topic_names.get(slug, slug) for slug, _n in breakdown["topic"][:TOP_TOPICS]
            ],
            series=[{"name": _("Needs"), "data": [n for _s, n in breakdown["topic"][:TOP_TOPICS]]}],
        ),
        _comparison(
            "cooperation",
            _("What came of introductions and meetings, six months on"),
            [o.label for o in outcomes],
            [follow[f"outcome_{o}"] for o in outcomes.values],
            [follow_before[f"outcome_{o}"] for o in outcomes.values],
        ),
    ]


def chart_by_key(board: Dashboard, key: str) -> Chart | None:
    return next((chart for chart in charts(board) if chart.key == key), None)

"""The monthly report a station sends its leadership: the month's forums, registrations and
check-ins, the needs received, responded and resolved with the three rates (响应率, 办结率,
满意度, labelled as on the desk), overdue needs by assignee, outcomes, and the planner's outlook
for the coming quarter. Built once as sections of rows; `pdf.py` and `xlsx.py` lay them out.

Call inside `translation.override(language)`: labels are in the active language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Registration
from needs.selectors import overdue_needs
from outcomes.models import FollowUp
from outcomes.periods import Period, month_period
from outcomes.selectors.dashboard import dashboard
from outcomes.selectors.figures import period_events, rate
from outcomes.selectors.planner import seasonal_plan

CONFIRMED = Q(registrations__status=Registration.Status.CONFIRMED)


@dataclass
class Section:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""


@dataclass
class Report:
    title: str
    subtitle: str
    sections: list[Section]


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def score(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} / 5"


def hours(value: float | None) -> str:
    return "—" if value is None else _("%(hours)s h") % {"hours": value}


def _forums(host, period: Period) -> Section:
    events = (
        period_events(host=host, period=period)
        .annotate(
            confirmed=Count("registrations", filter=CONFIRMED),
            arrived=Count(
                "registrations",
                filter=CONFIRMED & Q(registrations__checked_in_at__isnull=False),
            ),
        )
        .order_by("start", "id")
    )
    section = Section(
        "forums",
        _("Forums"),
        [_("Event"), _("Date"), _("Registrations"), _("Checked in"), _("Check-in rate")],
    )
    for event in events:
        section.rows.append(
            [
                event.title,
                f"{event.start.astimezone(event.tzinfo):%Y-%m-%d}",
                event.confirmed,
                event.arrived,
                percent(rate(event.arrived, event.confirmed)),
            ]
        )
    if not section.rows:
        section.note = _("No forum took place this month.")
    return section


def _registrations(board) -> Section:
    details = board.current["events"]["details"]
    section = Section("registrations", _("Registrations and check-ins"), [_("What"), _("Count")])
    for status in Registration.Status:
        section.rows.append([str(status.label), details[f"status_{status.value}"]])
    for role in Registration.Role:
        section.rows.append(
            [_("Confirmed: %(role)s") % {"role": role.label}, details[f"role_{role.value}"]]
        )
    section.rows.append([_("Checked in"), details["checked_in"]])
    section.rows.append([_("Check-in rate"), percent(board.current["events"]["check_in_rate"])])
    return section


def _needs(board) -> Section:
    needs = board.current["needs"]
    desk = needs["details"]
    section = Section("needs", _("Needs"), [_("What"), _("This month"), _("Previous month")])
    before = board.before["needs"]
    rows = [
        (_("Needs received"), needs["total"], before["total"]),
        (_("Responded"), needs["responded"], before["responded"]),
        (_("Response rate"), percent(needs["response_rate"]), percent(before["response_rate"])),
        (
            _("On-time response rate"),
            percent(needs["on_time_response_rate"]),
            percent(before["on_time_response_rate"]),
        ),
        (_("Resolved"), needs["resolved"], before["resolved"]),
        (
            _("Resolution rate"),
            percent(needs["resolution_rate"]),
            percent(before["resolution_rate"]),
        ),
        (_("Satisfaction"), score(needs["satisfaction"]), score(before["satisfaction"])),
        (
            _("Average time to first response"),
            hours(desk.average_response_hours),
            hours(before["details"].average_response_hours),
        ),
        (
            _("Average time to resolution"),
            hours(desk.average_resolution_hours),
            hours(before["details"].average_resolution_hours),
        ),
        (_("Overdue needs"), needs["overdue"], before["overdue"]),
    ]
    section.rows = [list(row) for row in rows]
    return section


def _overdue(host, period: Period, now: dt.datetime) -> Section:
    rows = (
        overdue_needs(host=host, now=now)
        .filter(created_at__gte=period.since, created_at__lt=period.until)
        .values("assignee__name", "assignee__email")
        .annotate(n=Count("id"), oldest=Min("response_deadline"))
        .order_by("-n", "assignee__name")
    )
    section = Section(
        "overdue",
        _("Overdue needs by assignee"),
        [_("Assignee"), _("Overdue needs"), _("Oldest deadline")],
    )
    for row in rows:
        name = row["assignee__name"] or row["assignee__email"] or _("Not assigned")
        oldest = row["oldest"].astimezone(period.zone) if row["oldest"] else None
        section.rows.append([name, row["n"], f"{oldest:%Y-%m-%d %H:%M}" if oldest else "—"])
    if not section.rows:
        section.note = _("No need of this month is overdue.")
    return section


def _outcomes(board) -> Section:
    now = board.current
    follow, feedback = now["follow_ups"], now["feedback"]
    intro, meetings = now["introductions"], now["meetings"]
    section = Section("outcomes", _("Outcomes"), [_("What"), _("Count")])
    section.rows = [
        [_("Introductions requested"), intro["requested"]],
        [_("Introductions accepted"), intro["accepted"]],
        [_("Meetings scheduled"), meetings["scheduled"]],
        [_("Meetings held"), meetings["held"]],
        [_("Feedback asked"), feedback["asked"]],
        [_("Feedback answered"), feedback["answered"]],
        [_("Event rating"), score(feedback["event_rating"])],
        [_("Session rating"), score(feedback["session_rating"])],
        [_("Six-month follow-ups asked"), follow["surveyed"]],
        [_("Follow-ups answered"), follow["answered"]],
        *[[str(o.label), follow[f"outcome_{o.value}"]] for o in FollowUp.Outcome],
        [_("Cooperation reported"), follow["cooperation"]],
        [_("Needs reported resolved in the follow-up"), follow["needs_resolved"]],
    ]
    return section


def _outlook(host, period: Period) -> Section:
    plan = seasonal_plan(host=host, today=period.last)
    year, quarter = plan.coming
    section = Section(
        "outlook",
        _("Outlook: Q%(quarter)d %(year)d") % {"quarter": quarter, "year": year},
        [_("Theme"), _("Why"), _("Experts to invite"), _("Companies to invite")],
    )
    for pattern in plan.suggestions:
        section.rows.append(
            [
                pattern.label,
                pattern.explanation(period.last.year),
                "、".join(pattern.experts) or "—",
                "、".join(name for _pk, name in pattern.companies) or "—",
            ]
        )
    if not section.rows:
        section.note = _("Nothing recurred in this season in past years.")
    return section


def monthly_report(*, host, period: Period, now: dt.datetime | None = None) -> Report:
    """The report of `host` for the month `period` (see the module's docstring)."""
    now = now or timezone.now()
    before = period.first - dt.timedelta(days=1)
    previous = month_period(f"{before:%Y-%m}", zone=period.zone)
    board = dashboard(host=host, period=period, previous=previous, now=now)
    return Report(
        title=_("%(host)s: monthly report") % {"host": host.name},
        subtitle=_("%(first)s to %(last)s · made %(made)s")
        % {
            "first": period.first.isoformat(),
            "last": period.last.isoformat(),
            "made": f"{now.astimezone(period.zone):%Y-%m-%d %H:%M}",
        },
        sections=[
            _forums(host, period),
            _registrations(board),
            _needs(board),
            _overdue(host, period, now),
            _outcomes(board),
            _outlook(host, period),
        ],
    )

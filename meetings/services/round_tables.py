"""Round tables at a small invited forum: seat the confirmed experts and company members at
tables of 4–8 (the pure `meetings.engine.seating.seat_round_tables`), then adjust by hand."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from events.models import Event, Registration
from matching.engine.institutions import organisation_keys
from meetings.engine.seating import Guest, SeatingError, seat_round_tables
from meetings.models import RoundTablePlan, RoundTableSeat
from needs.models import Need
from profiles.models import CompanyMembership, ExpertProfile


def round_table_guests(*, event: Event) -> dict[int, Guest]:
    """user id → Guest for every confirmed registrant who is an expert or a company member:
    experts with their profile's topics and institution, company members with the topics of
    their company's needs and the company and its parent as organisations."""
    users = set(
        Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).values_list(
            "user_id", flat=True
        )
    )
    guests: dict[int, Guest] = {}
    experts = ExpertProfile.objects.filter(user_id__in=users).select_related("user")
    experts = experts.prefetch_related("topics")
    for profile in experts.order_by("user_id"):
        guests[profile.user_id] = Guest(
            id=profile.user_id,
            name=profile.user.display_name,
            kind=RoundTableSeat.Kind.EXPERT,
            topic_ids=frozenset(t.pk for t in profile.topics.all()),
            organisations=tuple(x for x in (profile.institution,) if x),
        )
    memberships = (
        CompanyMembership.objects.filter(user_id__in=users - set(guests))
        .select_related("user", "company__parent")
        .order_by("user_id", "company_id")
    )
    company_topics: dict[int, set[int]] = {}
    for company_id, topic_id in Need.topics.through.objects.filter(
        need__company__memberships__user_id__in=users
    ).values_list("need__company_id", "topic_id"):
        company_topics.setdefault(company_id, set()).add(topic_id)
    for m in memberships:
        if m.user_id in guests:
            continue  # a person in two companies sits for the first
        company = m.company
        parent = company.parent.name if company.parent else company.parent_name
        guests[m.user_id] = Guest(
            id=m.user_id,
            name=m.user.display_name,
            kind=RoundTableSeat.Kind.COMPANY,
            topic_ids=frozenset(company_topics.get(company.pk, ())),
            organisations=tuple(x for x in (company.name, parent) if x),
        )
    return guests


def _describe(seats: list[RoundTableSeat], guests: dict[int, Guest]) -> None:
    """Fill each seat's shared topics and the people it shares them with, at its table."""
    by_table: dict[int, list[RoundTableSeat]] = {}
    for seat in seats:
        by_table.setdefault(seat.table, []).append(seat)
    for table in by_table.values():
        for seat in table:
            me = guests.get(seat.person_id)
            shared: set[int] = set()
            mates = []
            for other in table:
                you = guests.get(other.person_id)
                if me is None or you is None or other is seat or you.kind == me.kind:
                    continue
                common = me.topic_ids & you.topic_ids
                if common:
                    shared |= common
                    mates.append(other.person_id)
            seat.shared_topics, seat.shared_with = sorted(shared), mates


@transaction.atomic
def round_tables_seat(*, event: Event, table_size: int, by) -> RoundTablePlan:
    """Seat the event's confirmed experts and company members at tables of at most
    `table_size` (4–8, as even as possible); replaces the event's previous plan."""
    if not 4 <= table_size <= 8:
        raise ValidationError(_("Tables seat between 4 and 8 people."), code="roundtable_size")
    Event.objects.select_for_update().get(pk=event.pk)
    guests = round_table_guests(event=event)
    if len(guests) < 2:
        raise ValidationError(
            _("At least two confirmed experts or company members are needed."),
            code="roundtable_too_few",
        )
    try:
        tables = seat_round_tables(list(guests.values()), min_size=4, max_size=table_size)
    except SeatingError as exc:
        raise ValidationError(
            _("No seating keeps every conflict of interest apart; try another table size."),
            code="roundtable_conflict",
        ) from exc
    RoundTablePlan.objects.filter(event=event).delete()
    plan = RoundTablePlan.objects.create(event=event, table_size=table_size, created_by=by)
    RoundTableSeat.objects.bulk_create(
        [
            RoundTableSeat(
                plan=plan,
                table=seat.table,
                person_id=seat.guest.id,
                kind=seat.guest.kind,
                organisation=(seat.guest.organisations or ("",))[0][:200],
                shared_topics=seat.shared_topics,
                shared_with=seat.shared_with,
            )
            for table in tables
            for seat in table
        ]
    )
    return plan


def _table_count(plan: RoundTablePlan) -> int:
    last = plan.seats.order_by("-table").values_list("table", flat=True).first()
    return 0 if last is None else last + 1


@transaction.atomic
def round_table_move(*, seat: RoundTableSeat, table: int) -> RoundTableSeat:
    """An organizer moves one person to another table: refused when the table is full or
    somebody of the other side there shares an organisation with them."""
    plan = RoundTablePlan.objects.select_for_update().get(pk=seat.plan_id)
    seat = RoundTableSeat.objects.get(pk=seat.pk)
    if not 0 <= table < _table_count(plan):
        raise ValidationError(_("There is no such table."), code="roundtable_no_table")
    if table == seat.table:
        return seat
    there = list(plan.seats.filter(table=table))
    if len(there) >= plan.table_size:
        raise ValidationError(
            _("Table %(table)s is full.") % {"table": table + 1}, code="roundtable_full"
        )
    guests = round_table_guests(event=plan.event)
    me = guests.get(seat.person_id)
    if me is not None:
        mine = organisation_keys(me.organisations)
        for other in there:
            you = guests.get(other.person_id)
            if you and you.kind != me.kind and mine & organisation_keys(you.organisations):
                raise ValidationError(
                    _(
                        "%(person)s and %(other)s belong to the same organisation: a conflict "
                        "of interest at table %(table)s."
                    )
                    % {"person": me.name, "other": you.name, "table": table + 1},
                    code="roundtable_conflict_of_interest",
                )
    old = seat.table
    seat.table, seat.moved_by_hand = table, True
    seat.save(update_fields=["table", "moved_by_hand"])
    affected = list(plan.seats.filter(table__in=[old, table]))
    _describe(affected, guests)
    RoundTableSeat.objects.bulk_update(affected, ["shared_topics", "shared_with"])
    return RoundTableSeat.objects.get(pk=seat.pk)

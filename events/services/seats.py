"""The seat counter of an event: one small row (`EventSeats`) per event, the only thing that
registrations of one event wait for each other on.

- `seat_take` takes a seat with one statement that locks the row and adds a seat when the
  limits leave one: registrations of an event queue only from there to their commit.
- `seats_lock` locks the row (`SELECT … FOR UPDATE`) for the writes that decide on several
  registrations at once (cancel and promote, approve, reject, seat changes). It creates the row
  from the confirmed registrations when an event has none yet (events made before the counter
  existed, or by fixtures).
- `seats_recount` rebuilds the row from the registrations.

Every write that confirms a registration or moves one out of "confirmed" goes through here, in
the same transaction, so the row always equals the confirmed registrations counted by role
(events/tests/test_seats.py checks it after every kind of write).

Lock order, to stay free of deadlocks: the event row, then its seat row, then registration
rows.
"""

import functools

from django.db import connection, transaction
from django.db.models import Count, F, Q

from events.models import Event, EventSeats, Registration
from events.selectors import SEAT_ROLES, seats_left_from_counts


def _confirmed_counts(event_id: int) -> dict[str, int]:
    rows = Registration.objects.filter(
        event_id=event_id, status=Registration.Status.CONFIRMED
    ).aggregate(
        total=Count("id"),
        **{role: Count("id", filter=Q(role=role)) for role in SEAT_ROLES},
    )
    return rows


def _row_values(counts: dict[str, int]) -> dict[str, int]:
    return {
        "taken": counts["total"],
        **{f"taken_{role}": counts[role] for role in SEAT_ROLES},
    }


def seats_lock(*, event: Event) -> EventSeats:
    """The event's seat row, locked until the end of the transaction (created from its
    confirmed registrations when missing). Call inside `transaction.atomic`."""
    row = EventSeats.objects.select_for_update().filter(event_id=event.pk).first()
    if row is None:
        # Two first writers may race here: the second INSERT waits for the first and is
        # ignored, and the SELECT below then finds (and waits for) the first one's row.
        counts = _confirmed_counts(event.pk)
        EventSeats.objects.bulk_create(
            [EventSeats(event_id=event.pk, **_row_values(counts))], ignore_conflicts=True
        )
        row = EventSeats.objects.select_for_update().get(event_id=event.pk)
    return row


def has_room(event: Event, counts: dict[str, int], role: str) -> bool:
    """Whether `counts` leave a seat for `role` under the event's capacity and quota."""
    left = seats_left_from_counts(event, counts)
    return left[role] is None or left[role] > 0


@functools.cache
def _take_sql(role: str, capped: bool, quota: bool) -> str:
    """PostgreSQL: one statement that locks the event's seat row, takes one seat of `role` when
    the limits that apply leave one, and returns 1 when it did, 0 when not (no row when the
    event has no seat row yet).

    The inner `SELECT … FOR UPDATE` waits for a concurrent writer and then reads the row's
    newest committed version; the UPDATE adds what it decided. Written once per shape.
    """
    quote = connection.ops.quote_name
    table = quote(EventSeats._meta.db_table)
    taken, column = quote("taken"), quote(f"taken_{role}")
    room = ["TRUE"]
    if capped:
        room.append(f"{taken} < %s")
    if quota:
        room.append(f"{column} < %s")
    return (
        f"UPDATE {table} SET {taken} = {taken} + decision.took, "  # noqa: S608 - names only
        f"{column} = {column} + decision.took "
        f"FROM (SELECT CASE WHEN {' AND '.join(room)} THEN 1 ELSE 0 END AS took "
        f"FROM {table} WHERE {quote('event_id')} = %s FOR UPDATE) AS decision "
        f"WHERE {table}.{quote('event_id')} = %s RETURNING decision.took"
    )


def seat_take(*, event: Event, role: str) -> bool:
    """Take a seat for `role` if one is free; True when taken. Either way the event's seat row
    stays locked until the caller commits, so a waiting-list entry made on a False is committed
    before any later promotion looks at the list.

    `event` carries the limits read under the caller's lock on the event row (a key-share lock
    is enough: it keeps the limits from changing until commit). Every registration runs this:
    on PostgreSQL it is one statement, written out once rather than built by the ORM each time.
    """
    if role not in SEAT_ROLES:
        raise ValueError(f"unknown role: {role}")
    quota = event.quota_for(role)
    if connection.vendor == "postgresql":
        params = [event.capacity] if event.capacity is not None else []
        params += [quota] if quota is not None else []
        with connection.cursor() as cursor:
            cursor.execute(
                _take_sql(role, event.capacity is not None, quota is not None),
                [*params, event.pk, event.pk],
            )
            took = cursor.fetchone()
        if took is not None:
            return bool(took[0])
    # No seat row yet (or SQLite, one writer at a time): decide under the row's lock.
    row = seats_lock(event=event)
    if not has_room(event, row.counts(), role):
        return False
    seats_change(row=row, role=role, by=1)
    return True


def seats_change(*, row: EventSeats, role: str, by: int) -> None:
    """Add `by` (negative to free) seats of `role` to a row the caller has locked."""
    column = f"taken_{role}"
    row.taken += by
    setattr(row, column, getattr(row, column) + by)
    EventSeats.objects.filter(pk=row.pk).update(taken=F("taken") + by, **{column: F(column) + by})


@transaction.atomic
def seats_recount(*, event: Event) -> EventSeats:
    """Set the event's seat row to its confirmed registrations (after writes that change many
    at once, such as cancelling the event, and for data written outside the services)."""
    row = seats_lock(event=event)
    values = _row_values(_confirmed_counts(event.pk))
    EventSeats.objects.filter(pk=row.pk).update(**values)
    for name, value in values.items():
        setattr(row, name, value)
    return row

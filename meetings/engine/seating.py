"""Round tables: seat a small invited forum at tables of 4–8.

Each table mixes experts and companies that share topics; nobody sits with an organisation
they have a conflict of interest with (an expert working for a company, or its parent, at the
same table). Every seat records what it shares with whom, the reason it sits there
(meetings/reasons.py words it). A pure function: meetings/services/round_tables.py wires
registrants in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from matching.engine.institutions import organisation_keys


@dataclass(frozen=True)
class Guest:
    id: int
    name: str
    kind: str  # "expert" or "company"
    topic_ids: frozenset[int] = frozenset()
    organisations: tuple[str, ...] = ()  # institutions, or the company and its parent


@dataclass
class Seat:
    guest: Guest
    table: int
    shared_topics: list[int] = field(default_factory=list)
    shared_with: list[int] = field(default_factory=list)  # guest ids


class SeatingError(ValueError):
    pass


def seat_round_tables(
    guests: list[Guest], *, min_size: int = 4, max_size: int = 8, passes: int = 3
) -> list[list[Seat]]:
    """Tables (lists of seats) for everyone; raises SeatingError when no valid seating exists.

    When spreading the experts evenly leaves a company no table (two professors of one
    university at different tables, and a company that university owns), it seats again with
    experts of one organisation at the same table."""
    if not 1 <= min_size <= max_size:
        raise SeatingError("min_size must be at least 1 and at most max_size")
    if not guests:
        return []
    try:
        return _seat(guests, max_size=max_size, passes=passes, group=False)
    except SeatingError:
        return _seat(guests, max_size=max_size, passes=passes, group=True)


def _seat(guests: list[Guest], *, max_size: int, passes: int, group: bool) -> list[list[Seat]]:
    count = max(1, math.ceil(len(guests) / max_size))
    sizes = [len(guests) // count + (1 if t < len(guests) % count else 0) for t in range(count)]
    keys = {g.id: organisation_keys(g.organisations) for g in guests}
    tables: list[list[Guest]] = [[] for _t in range(count)]

    def clash(guest: Guest, table: list[Guest]) -> bool:
        return any(other.kind != guest.kind and keys[guest.id] & keys[other.id] for other in table)

    def fit(guest: Guest, table: list[Guest]) -> int:
        return sum(len(guest.topic_ids & o.topic_ids) for o in table if o.kind != guest.kind)

    experts = sorted(
        (g for g in guests if g.kind == "expert"), key=lambda g: (-len(g.topic_ids), g.id)
    )
    others = sorted(
        (g for g in guests if g.kind != "expert"), key=lambda g: (-len(g.topic_ids), g.id)
    )
    # Experts spread evenly (each table gets its share), then companies where they fit best.
    for guest in experts + others:
        candidates = [
            t for t in range(count) if len(tables[t]) < sizes[t] and not clash(guest, tables[t])
        ]
        if not candidates:
            raise SeatingError(f"no table without a conflict of interest for guest {guest.id}")
        experts_at = [sum(1 for o in tables[t] if o.kind == "expert") for t in range(count)]
        if guest.kind == "expert":
            best = min(
                candidates,
                key=lambda t: (
                    -_same_organisation(guest, tables[t], keys) if group else 0,
                    experts_at[t],
                    -fit(guest, tables[t]),
                    t,
                ),
            )
        else:
            best = max(candidates, key=lambda t: (fit(guest, tables[t]), -len(tables[t]), -t))
        tables[best].append(guest)

    # Local improvement: swap two guests of the same kind between tables when it helps.
    for _pass in range(passes):
        improved = False
        for t in range(count):
            for u in range(t + 1, count):
                for i, g in enumerate(tables[t]):
                    for j, h in enumerate(tables[u]):
                        if g.kind != h.kind:
                            continue
                        rest_t = tables[t][:i] + tables[t][i + 1 :]
                        rest_u = tables[u][:j] + tables[u][j + 1 :]
                        now = fit(g, rest_t) + fit(h, rest_u)
                        then = fit(h, rest_t) + fit(g, rest_u)
                        if then > now and not clash(h, rest_t) and not clash(g, rest_u):
                            tables[t][i], tables[u][j] = h, g
                            improved = True
                            # g has left table t: looking further with it would seat it twice.
                            break
        if not improved:
            break

    seating = []
    for t, table in enumerate(tables):
        seats = []
        for guest in table:
            shared: set[int] = set()
            mates = []
            for other in table:
                common = guest.topic_ids & other.topic_ids
                if other.id != guest.id and other.kind != guest.kind and common:
                    shared |= common
                    mates.append(other.id)
            seats.append(Seat(guest, t, sorted(shared), mates))
        seating.append(seats)
    return seating


def _same_organisation(guest: Guest, table: list[Guest], keys: dict[int, set[str]]) -> int:
    return sum(1 for o in table if o.kind == guest.kind and keys[guest.id] & keys[o.id])

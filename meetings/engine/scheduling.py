"""Meetings at events: who meets whom, in which slot, at which table.

A request is a pair of people who should meet, with a priority. A person is busy in the
slots they marked unavailable and in those of the agenda sessions they attend. Nobody and no
table is used twice in one slot; a slot holds at most as many meetings as there are tables.

The scheduler is a greedy pass (requests by priority, then the least demanded slot) followed by
local improvement: for one person at a time, all their requests are re-assigned to slots by an
optimal assignment (the others' meetings fixed), which moves meetings around to place more.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment


@dataclass(frozen=True, slots=True)
class MeetingRequest:
    id: int
    a: int  # person ids (in the bench and the events wiring: expert first)
    b: int
    priority: float = 1.0


@dataclass
class ScheduleProblem:
    slots: int
    tables: int
    requests: list[MeetingRequest]
    # Slots a person cannot meet in: marked unavailable, or an agenda session they attend.
    busy: dict[int, set[int]] = field(default_factory=dict)

    def free(self, person: int) -> set[int]:
        return set(range(self.slots)) - self.busy.get(person, set())


@dataclass(frozen=True, slots=True)
class Meeting:
    request: int
    slot: int
    table: int


@dataclass
class Schedule:
    meetings: list[Meeting]
    unplaced: list[int]


class _State:
    """Who is where: person → {slot: request}, slot → meeting count, request → slot."""

    def __init__(self, problem: ScheduleProblem):
        self.p = problem
        self.by_id = {r.id: r for r in problem.requests}
        self.at: dict[int, dict[int, int]] = defaultdict(dict)
        self.load = np.zeros(problem.slots, dtype=np.int64)
        self.slot_of: dict[int, int] = {}
        self.free = {}
        for r in problem.requests:
            for person in (r.a, r.b):
                if person not in self.free:
                    self.free[person] = problem.free(person)

    def can(self, r: MeetingRequest, s: int) -> bool:
        return (
            self.load[s] < self.p.tables
            and s in self.free[r.a]
            and s in self.free[r.b]
            and s not in self.at[r.a]
            and s not in self.at[r.b]
        )

    def place(self, r: MeetingRequest, s: int) -> None:
        self.at[r.a][s] = r.id
        self.at[r.b][s] = r.id
        self.load[s] += 1
        self.slot_of[r.id] = s

    def remove(self, r: MeetingRequest) -> None:
        s = self.slot_of.pop(r.id)
        del self.at[r.a][s]
        del self.at[r.b][s]
        self.load[s] -= 1


def schedule(problem: ScheduleProblem, *, rounds: int = 4) -> Schedule:
    """Place as many requests as possible (higher priority first); see the module docstring."""
    state = _State(problem)
    _greedy(state)
    people = defaultdict(list)
    for r in problem.requests:
        people[r.a].append(r)
        people[r.b].append(r)
    for _round in range(rounds):
        gained = 0
        # The most demanded people first: they are where placements are lost.
        order = sorted(people, key=lambda p: -len(people[p]))
        for person in order:
            requests = people[person]
            if all(r.id in state.slot_of for r in requests):
                continue
            gained += _reassign(state, person, requests)
        if gained == 0:
            break
    return _tables(state, problem)


def _greedy(state: _State) -> None:
    problem = state.p
    demand: dict[int, np.ndarray] = defaultdict(lambda: np.zeros(problem.slots))
    for r in problem.requests:
        common = state.free[r.a] & state.free[r.b]
        for person in (r.a, r.b):
            for s in common:
                demand[person][s] += 1.0 / max(len(common), 1)
    degree = defaultdict(int)
    for r in problem.requests:
        degree[r.a] += 1
        degree[r.b] += 1
    # Priority first; then requests of the least flexible pairs.
    ordered = sorted(
        problem.requests,
        key=lambda r: (
            -r.priority,
            len(state.free[r.a] & state.free[r.b]),
            -(degree[r.a] + degree[r.b]),
            r.id,
        ),
    )
    for r in ordered:
        best, best_cost = None, None
        for s in sorted(state.free[r.a] & state.free[r.b]):
            if not state.can(r, s):
                continue
            cost = demand[r.a][s] + demand[r.b][s] + state.load[s] / max(problem.tables, 1)
            if best_cost is None or cost < best_cost:
                best, best_cost = s, cost
        if best is not None:
            state.place(r, best)


def _reassign(state: _State, person: int, requests: list[MeetingRequest]) -> int:
    """Best assignment of one person's requests to slots, everyone else fixed. Returns gain."""
    before = sum(1 for r in requests if r.id in state.slot_of)
    for r in requests:
        if r.id in state.slot_of:
            state.remove(r)
    slots = sorted(state.free[person])
    weight = np.zeros((len(requests), len(slots)))
    for i, r in enumerate(requests):
        for j, s in enumerate(slots):
            if state.can(r, s):
                weight[i, j] = 1000.0 + r.priority
    rows, cols = linear_sum_assignment(weight, maximize=True)
    placed = 0
    for i, j in zip(rows, cols, strict=True):
        if weight[i, j] > 0 and state.can(requests[i], slots[j]):
            state.place(requests[i], slots[j])
            placed += 1
    return placed - before


def _tables(state: _State, problem: ScheduleProblem) -> Schedule:
    """Number the tables within each slot; the same person keeps a table when they can."""
    meetings = []
    by_slot = defaultdict(list)
    for request_id, s in state.slot_of.items():
        by_slot[s].append(state.by_id[request_id])
    home: dict[int, int] = {}
    for s in sorted(by_slot):
        taken: set[int] = set()
        pending = []
        for r in sorted(by_slot[s], key=lambda r: r.id):
            table = home.get(r.a)
            if table is not None and table not in taken:
                taken.add(table)
                meetings.append(Meeting(r.id, s, table))
            else:
                pending.append(r)
        free_tables = (t for t in range(problem.tables) if t not in taken)
        for r in pending:
            table = next(free_tables)
            taken.add(table)
            home.setdefault(r.a, table)
            meetings.append(Meeting(r.id, s, table))
    placed = {m.request for m in meetings}
    unplaced = [r.id for r in problem.requests if r.id not in placed]
    return Schedule(sorted(meetings, key=lambda m: (m.slot, m.table)), unplaced)


def conflicts(problem: ScheduleProblem, meetings: list[Meeting]) -> list[str]:
    """Every broken rule in a schedule (empty when it is valid)."""
    by_id = {r.id: r for r in problem.requests}
    found = []
    seen_person: dict[tuple[int, int], int] = {}
    seen_table: dict[tuple[int, int], int] = {}
    seen_request: set[int] = set()
    for m in meetings:
        r = by_id[m.request]
        if m.request in seen_request:
            found.append(f"request {m.request} placed twice")
        seen_request.add(m.request)
        if not 0 <= m.slot < problem.slots or not 0 <= m.table < problem.tables:
            found.append(f"request {m.request} outside the slots or tables")
        key = (m.slot, m.table)
        if key in seen_table:
            found.append(f"table {m.table} twice in slot {m.slot}")
        seen_table[key] = m.request
        for person in (r.a, r.b):
            if m.slot in problem.busy.get(person, ()):
                found.append(f"person {person} busy in slot {m.slot}")
            if (person, m.slot) in seen_person:
                found.append(f"person {person} twice in slot {m.slot}")
            seen_person[(person, m.slot)] = m.request
    return found


def upper_bound(problem: ScheduleProblem) -> int:
    """A valid upper bound on how many requests can be placed.

    Dropping every constraint but one person's own, each person can hold at most a maximum
    matching of their requests to the common free slots; summing over the people on one side
    of the requests (the `a` side, experts in the bench) bounds the total, and so does the
    other side, and so do slots × tables. The smallest of the three is returned.
    """
    free = {}
    for r in problem.requests:
        for person in (r.a, r.b):
            if person not in free:
                free[person] = problem.free(person)
    sides = []
    for side in ("a", "b"):
        groups = defaultdict(list)
        for r in problem.requests:
            groups[getattr(r, side)].append(r)
        total = 0
        for requests in groups.values():
            slots = sorted({s for r in requests for s in free[r.a] & free[r.b]})
            if not slots:
                continue
            col = {s: j for j, s in enumerate(slots)}
            weight = np.zeros((len(requests), len(slots)))
            for i, r in enumerate(requests):
                for s in free[r.a] & free[r.b]:
                    weight[i, col[s]] = 1
            rows, cols = linear_sum_assignment(weight, maximize=True)
            total += int(weight[rows, cols].sum())
        sides.append(total)
    return min(*sides, problem.slots * problem.tables)


def solve_exact(problem: ScheduleProblem) -> int:
    """The largest number of requests that can be placed (an integer program, HiGHS)."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    variables = []
    for r in problem.requests:
        for s in sorted(problem.free(r.a) & problem.free(r.b)):
            variables.append((r, s))
    if not variables:
        return 0
    rows, cols = [], []
    row_of: dict[tuple, int] = {}

    def row(key) -> int:
        if key not in row_of:
            row_of[key] = len(row_of)
        return row_of[key]

    upper = []
    for v, (r, s) in enumerate(variables):
        for key in (("request", r.id), ("person", r.a, s), ("person", r.b, s), ("slot", s)):
            rows.append(row(key))
            cols.append(v)
    for key in row_of:
        upper.append(problem.tables if key[0] == "slot" else 1)
    matrix = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(row_of), len(variables)))
    result = milp(
        c=-np.ones(len(variables)),
        constraints=LinearConstraint(matrix.tocsr(), -np.inf, np.array(upper, dtype=float)),
        integrality=np.ones(len(variables)),
        bounds=Bounds(0, 1),
    )
    return int(round(-result.fun)) if result.success else 0

import json
import random

import pytest
from django.core.management import call_command

from meetings.engine.bench import generate_day
from meetings.engine.scheduling import (
    Meeting,
    MeetingRequest,
    ScheduleProblem,
    conflicts,
    schedule,
    solve_exact,
    upper_bound,
)
from meetings.engine.seating import Guest, SeatingError, seat_round_tables
from meetings.reasons import seat_reason


def test_schedule_books_nobody_and_no_table_twice_in_a_slot():
    problem = generate_day(experts=40, companies=120, requests=500, tables=30, seed=1)
    result = schedule(problem)
    assert conflicts(problem, result.meetings) == []
    assert len(result.meetings) + len(result.unplaced) == 500
    assert len(result.meetings) == upper_bound(problem)


def test_schedule_respects_busy_slots_and_agenda_sessions():
    problem = ScheduleProblem(
        slots=3,
        tables=5,
        requests=[MeetingRequest(1, 10, 20), MeetingRequest(2, 10, 21)],
        busy={10: {0}, 20: {1}, 21: {2}},
    )
    result = schedule(problem)
    assert sorted((m.request, m.slot) for m in result.meetings) == [(1, 2), (2, 1)]


def test_schedule_leaves_a_request_unplaced_when_tables_run_out():
    problem = ScheduleProblem(
        slots=1, tables=1, requests=[MeetingRequest(1, 1, 2, 1.0), MeetingRequest(2, 3, 4, 3.0)]
    )
    result = schedule(problem)
    assert [m.request for m in result.meetings] == [2]  # the higher priority one
    assert result.unplaced == [1]


def test_conflicts_reports_double_booking():
    problem = ScheduleProblem(
        slots=2, tables=2, requests=[MeetingRequest(1, 1, 2), MeetingRequest(2, 1, 3)]
    )
    meetings = [Meeting(1, 0, 0), Meeting(2, 0, 0)]
    assert conflicts(problem, meetings) == [
        "table 0 twice in slot 0",
        "person 1 twice in slot 0",
    ]


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_schedule_reaches_the_optimum_on_small_cases(seed):
    problem = generate_day(experts=6, companies=18, requests=70, tables=5, seed=seed)
    optimum = solve_exact(problem)
    assert upper_bound(problem) >= optimum
    assert len(schedule(problem).meetings) >= 0.98 * optimum


def test_bench_scheduler_prints_one_json_line(capsys):
    call_command(
        "bench_scheduler",
        experts=20,
        companies=60,
        requests=240,
        tables=16,
        exact=40,
        exact_cases=2,
    )
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert list(result) == [
        "people",
        "requests",
        "placed",
        "unplaced",
        "conflicts",
        "seconds",
        "bound",
        "exact_cases",
        "exact_ratio",
    ]
    assert result["conflicts"] == 0
    assert result["placed"] + result["unplaced"] == 240
    assert result["placed"] <= result["bound"]
    assert result["exact_cases"] == 2


def _guests(seed=0, experts=8, companies=14):
    rng = random.Random(seed)
    guests = [
        Guest(i, f"专家{i}", "expert", frozenset(rng.sample(range(6), 2)), (f"大学{i % 3}",))
        for i in range(experts)
    ]
    guests += [
        Guest(
            100 + i,
            f"企业{i}",
            "company",
            frozenset(rng.sample(range(6), 1)),
            (f"企业{i}有限公司", f"大学{i % 3}" if i < 3 else ""),
        )
        for i in range(companies)
    ]
    return guests


def test_seating_puts_everyone_at_tables_of_four_to_eight():
    tables = seat_round_tables(_guests())
    assert sorted(s.guest.id for t in tables for s in t) == sorted(g.id for g in _guests())
    assert all(4 <= len(t) <= 8 for t in tables)
    assert all(any(s.guest.kind == "expert" for s in t) for t in tables)


def test_seating_has_no_conflict_of_interest_at_a_table():
    for seed in range(5):
        for table in seat_round_tables(_guests(seed)):
            ids = {s.guest.id for s in table}
            for i in range(3):  # company i belongs to 大学{i}; experts k with k % 3 == i work there
                if 100 + i in ids:
                    assert not any(k in ids for k in range(8) if k % 3 == i)


def test_seating_groups_guests_who_share_topics():
    guests = [
        Guest(1, "A", "expert", frozenset({1})),
        Guest(2, "B", "expert", frozenset({2})),
        Guest(11, "X1", "company", frozenset({1})),
        Guest(12, "X2", "company", frozenset({1})),
        Guest(13, "X3", "company", frozenset({1})),
        Guest(21, "Y1", "company", frozenset({2})),
        Guest(22, "Y2", "company", frozenset({2})),
        Guest(23, "Y3", "company", frozenset({2})),
    ]
    tables = seat_round_tables(guests, min_size=4, max_size=4)
    assert sorted(sorted(s.guest.id for s in t) for t in tables) == [
        [1, 11, 12, 13],
        [2, 21, 22, 23],
    ]
    seat = next(s for t in tables for s in t if s.guest.id == 11)
    names = {g.id: g.name for g in guests}
    assert seat_reason(seat, lang="en", topic_names={1: "rubber"}, names=names) == (
        "Shares rubber with A"
    )
    assert (
        seat_reason(seat, lang="zh-hans", topic_names={1: "橡胶"}, names=names) == "与A都关注橡胶"
    )


def test_seating_refuses_when_every_table_has_a_conflict():
    guests = [
        Guest(1, "A", "expert", organisations=("青岛大学",)),
        Guest(2, "B", "company", organisations=("青岛大学资产经营有限公司",)),
    ]
    with pytest.raises(SeatingError):
        seat_round_tables(guests, min_size=1, max_size=8)


def test_seating_sizes_stay_even_between_four_and_eight():
    guests = [Guest(i, f"E{i}", "expert" if i < 3 else "company") for i in range(9)]
    tables = seat_round_tables(guests)
    assert sorted(len(t) for t in tables) == [4, 5]


def test_schedule_keeps_an_expert_at_one_table_when_possible():
    problem = ScheduleProblem(
        slots=3, tables=3, requests=[MeetingRequest(i, 1, 10 + i) for i in range(3)]
    )
    result = schedule(problem)
    assert len({m.table for m in result.meetings}) == 1
    assert sorted(m.slot for m in result.meetings) == [0, 1, 2]

import random

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from events.tests.factories import EventFactory
from meetings.engine.seating import Guest, seat_round_tables
from meetings.models import RoundTableSeat
from meetings.selectors import round_table_view
from meetings.services.round_tables import round_table_move, round_tables_seat
from meetings.tests.factories import registered_expert, registered_member
from needs.tests.factories import NeedFactory
from profiles.models import Topic
from profiles.tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def _topic(slug, zh, en):
    return Topic.objects.create(slug=slug, name_zh=zh, name_en=en)


@pytest.fixture
def forum():
    """Ten people: four experts (one from 山东大学) and six company members, one company
    owned by 山东大学."""
    event = EventFactory()
    water, bearing = (
        _topic("t-water", "测试废水", "test wastewater"),
        _topic("bearing", "测试轴承", "test bearings"),
    )
    experts = []
    for i, (institution, topic) in enumerate(
        [
            ("山东大学", water),
            ("哈尔滨工程大学", bearing),
            ("中国海洋大学", water),
            ("青岛大学", bearing),
        ]
    ):
        user = registered_expert(event, institution=institution, name=f"专家{i}")
        user.expert_profile.topics.add(topic)
        experts.append(user)
    campus = CompanyFactory(name="山东大学科技园有限公司", parent_name="山东大学")
    members = []
    for i in range(6):
        company = campus if i == 0 else CompanyFactory()
        user = registered_member(event, company=company)
        NeedFactory(company=company).topics.add(water if i % 2 == 0 else bearing)
        members.append(user)
    return event, experts, members


def test_seat_mixes_sides_without_conflicts_of_interest(forum):
    event, experts, members = forum
    plan = round_tables_seat(event=event, table_size=5, by=None)
    seats = {s.person_id: s for s in plan.seats.all()}
    assert len(seats) == 10
    tables = {s.table for s in seats.values()}
    assert tables == {0, 1}
    for t in tables:
        kinds = {s.kind for s in seats.values() if s.table == t}
        assert kinds == {"expert", "company"}
    campus_table = seats[members[0].pk].table
    assert seats[experts[0].pk].table != campus_table


def test_seating_reason_names_the_shared_topic(forum):
    event, experts, members = forum
    plan = round_tables_seat(event=event, table_size=5, by=None)
    with translation.override("en"):
        tables = round_table_view(plan=plan)
    reasons = [row.reason for table in tables for row in table]
    assert len(reasons) == 10
    assert any(r.startswith("Shares test wastewater with ") for r in reasons)


def test_move_refuses_a_conflict_of_interest(forum):
    event, experts, members = forum
    plan = round_tables_seat(event=event, table_size=6, by=None)
    seat = plan.seats.get(person=members[0])
    target = plan.seats.get(person=experts[0]).table
    with pytest.raises(ValidationError) as exc:
        round_table_move(seat=seat, table=target)
    assert exc.value.code == "roundtable_conflict_of_interest"
    seat.refresh_from_db()
    assert seat.table != target


def test_move_refuses_a_full_table_and_updates_reasons(forum):
    event, experts, members = forum
    plan = round_tables_seat(event=event, table_size=6, by=None)
    # 10 people at tables of at most 6: two tables of 5.
    seat = plan.seats.get(person=members[1])
    other = 1 - seat.table
    moved = round_table_move(seat=seat, table=other)
    assert (moved.table, moved.moved_by_hand) == (other, True)
    assert plan.seats.filter(table=other).count() == 6
    another = plan.seats.filter(table=1 - other).exclude(kind="expert").first()
    with pytest.raises(ValidationError) as exc:
        round_table_move(seat=another, table=other)
    assert exc.value.code == "roundtable_full"
    for s in plan.seats.filter(table=other):
        assert set(s.shared_with) <= set(
            plan.seats.filter(table=other).values_list("person_id", flat=True)
        )


def test_seat_again_replaces_the_plan(forum):
    event, _experts, _members = forum
    round_tables_seat(event=event, table_size=5, by=None)
    plan = round_tables_seat(event=event, table_size=8, by=None)
    assert RoundTableSeat.objects.filter(plan__event=event).count() == 10
    assert plan.table_size == 8


def test_seat_refuses_sizes_outside_4_to_8(forum):
    with pytest.raises(ValidationError) as exc:
        round_tables_seat(event=forum[0], table_size=9, by=None)
    assert exc.value.code == "roundtable_size"


def test_seating_seats_everyone_exactly_once_after_swaps():
    rng = random.Random(7)
    for _case in range(200):
        guests = [
            Guest(
                i,
                str(i),
                "expert" if i < 6 else "company",
                frozenset(rng.sample(range(6), 2)),
            )
            for i in range(16)
        ]
        tables = seat_round_tables(guests, min_size=4, max_size=6)
        seated = sorted(seat.guest.id for table in tables for seat in table)
        assert seated == list(range(16))


def test_seat_groups_colleagues_when_spreading_them_leaves_a_company_no_table():
    guests = [
        Guest(1, "a", "expert", frozenset({1}), ("山东大学",)),
        Guest(2, "b", "expert", frozenset({2}), ("山东大学",)),
        Guest(3, "c", "expert", frozenset({1}), ("中国海洋大学",)),
        Guest(4, "d", "expert", frozenset({2}), ("青岛大学",)),
        Guest(5, "e", "company", frozenset({1}), ("山东大学科技园有限公司", "山东大学")),
        *(Guest(i, str(i), "company", frozenset({i % 2 + 1}), (f"公司{i}",)) for i in range(6, 11)),
    ]
    tables = seat_round_tables(guests, min_size=4, max_size=5)
    table_of = {seat.guest.id: t for t, table in enumerate(tables) for seat in table}
    assert table_of[1] == table_of[2] != table_of[5]
    assert sorted(table_of) == list(range(1, 11))

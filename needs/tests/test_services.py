import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.tests.factories import UserFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostFactory, HostMembershipFactory
from needs.models import TRANSITIONS, Need, NeedRating, NeedTransition
from needs.selectors import desk_figures
from needs.services import (
    need_assign,
    need_create,
    need_note,
    need_rate,
    need_topics_suggest,
    need_transition,
    need_update,
)
from needs.tests.factories import submitted_need
from profiles.models import Company, Topic
from profiles.tests.factories import (
    CompanyFactory,
    CompanyMembershipFactory,
    ExpertProfileFactory,
)

S = Need.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    host = HostFactory()
    staff = HostMembershipFactory(host=host, role=HostMembership.Role.STAFF).user
    return host, staff


@pytest.fixture
def member():
    return CompanyMembershipFactory().user


def _need_in(status, *, staff, company=None):
    """A need walked through the lifecycle to `status` by `staff`."""
    need = submitted_need(company=company) if company else submitted_need()
    path = {
        S.SUBMITTED: [],
        S.ACKNOWLEDGED: [S.ACKNOWLEDGED],
        S.IN_PROGRESS: [S.ACKNOWLEDGED, S.IN_PROGRESS],
        S.RESOLVED: [S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED],
        S.CLOSED: [S.CLOSED],
    }[status]
    for step in path:
        need = need_transition(need=need, to=step, by=staff, comment="理由")
    return need


def test_need_create_records_submitted_entry(member):
    need = need_create(company=member.companies.get(), title=" 冷链温控 ", created_by=member)
    assert need.title == "冷链温控"
    assert list(need.transitions.values_list("from_status", "to_status", "by", "at")) == [
        ("", S.SUBMITTED, member.pk, need.created_at)
    ]


ALL_PAIRS = [(a, b) for a in S.values for b in S.values if a != b]


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_need_transition_follows_table(desk, source, target):
    _, staff = desk
    need = _need_in(source, staff=staff)
    if target in TRANSITIONS[source]:
        need = need_transition(need=need, to=target, by=staff, comment="说明")
        need.refresh_from_db()
        assert need.status == target
        last = need.transitions.last()
        assert (last.from_status, last.to_status, last.by, last.comment) == (
            source,
            target,
            staff,
            "说明",
        )
    else:
        count = NeedTransition.objects.filter(need=need).count()
        with pytest.raises(ValidationError) as error:
            need_transition(need=need, to=target, by=staff, comment="说明")
        assert error.value.code == "transition_not_allowed"
        need.refresh_from_db()
        assert need.status == source
        assert NeedTransition.objects.filter(need=need).count() == count


def test_need_transition_unknown_status_is_refused(desk):
    need = submitted_need()
    with pytest.raises(ValidationError) as error:
        need_transition(need=need, to="lost", by=desk[1])
    assert error.value.code == "unknown_status"


@pytest.mark.parametrize("source", [S.SUBMITTED, S.ACKNOWLEDGED, S.IN_PROGRESS])
def test_need_close_requires_reason(desk, source):
    need = _need_in(source, staff=desk[1])
    with pytest.raises(ValidationError) as error:
        need_transition(need=need, to=S.CLOSED, by=desk[1], comment="  ")
    assert error.value.code == "comment_required"


def test_need_reopen_requires_comment_and_clears_resolution(desk):
    need = _need_in(S.RESOLVED, staff=desk[1])
    with pytest.raises(ValidationError) as error:
        need_transition(need=need, to=S.IN_PROGRESS, by=desk[1])
    assert error.value.code == "comment_required"
    need = need_transition(need=need, to=S.IN_PROGRESS, by=desk[1], comment="问题复现")
    assert (need.status, need.resolved_at) == (S.IN_PROGRESS, None)


def test_need_reopen_refused_after_rating(desk, member):
    need = _need_in(S.RESOLVED, staff=desk[1], company=member.companies.get())
    need_rate(need=need, by=member, score=4)
    with pytest.raises(ValidationError) as error:
        need_transition(need=need, to=S.IN_PROGRESS, by=member, comment="还有问题")
    assert error.value.code == "already_rated"


def test_need_times_are_exact(desk):
    host, staff = desk
    need = submitted_need()
    need = need_transition(need=need, to=S.ACKNOWLEDGED, by=staff)
    acknowledged = need.transitions.get(to_status=S.ACKNOWLEDGED).at
    need = need_transition(need=need, to=S.IN_PROGRESS, by=staff)
    need = need_transition(need=need, to=S.RESOLVED, by=staff)
    resolved = need.transitions.get(to_status=S.RESOLVED).at
    assert need.responded_at == acknowledged
    assert need.resolved_at == resolved
    assert need.response_time == acknowledged - need.created_at
    assert need.resolution_time == resolved - need.created_at
    assert need.host == host


def test_need_withdrawn_by_company_is_no_response(member):
    need = submitted_need(company=member.companies.get())
    need = need_transition(need=need, to=S.CLOSED, by=member, comment="已自行解决")
    assert (need.status, need.responded_at, need.host) == (S.CLOSED, None, None)


def test_need_closed_by_desk_counts_as_response(desk):
    need = need_transition(need=submitted_need(), to=S.CLOSED, by=desk[1], comment="不属于受理范围")
    assert need.responded_at == need.transitions.last().at


def test_need_assign_sets_host_deadline_and_mails(
    desk, django_capture_on_commit_callbacks, mailoutbox
):
    host, staff = desk
    owner = HostMembershipFactory(host=host, role=HostMembership.Role.OWNER).user
    need = submitted_need()
    deadline = timezone.now() + dt.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        need = need_assign(need=need, assignee=staff, by=owner, response_deadline=deadline)
    assert (need.host, need.assignee, need.response_deadline) == (host, staff, deadline)
    assert [m.to for m in mailoutbox] == [[staff.email]]
    assert need.title in mailoutbox[0].body


def test_need_assign_defaults_deadline_to_three_days(desk):
    host, staff = desk
    before = timezone.now()
    need = need_assign(need=submitted_need(), assignee=staff, by=staff)
    assert before + dt.timedelta(days=3) <= need.response_deadline
    assert need.response_deadline <= timezone.now() + dt.timedelta(days=3)


def test_need_assign_refuses_someone_outside_the_host(desk):
    host, staff = desk
    outsider = HostMembershipFactory().user
    need = submitted_need(host=host)
    with pytest.raises(ValidationError) as error:
        need_assign(need=need, assignee=outsider, by=staff)
    assert error.value.code == "assignee_not_staff"


def test_need_assign_refuses_past_deadline_and_closed_need(desk):
    host, staff = desk
    need = submitted_need()
    with pytest.raises(ValidationError) as error:
        need_assign(
            need=need, assignee=staff, by=staff, response_deadline=timezone.now() - dt.timedelta(1)
        )
    assert error.value.code == "deadline_in_past"
    need = need_transition(need=need, to=S.CLOSED, by=staff, comment="重复提交")
    with pytest.raises(ValidationError) as error:
        need_assign(need=need, assignee=staff, by=staff)
    assert error.value.code == "need_not_open"


def test_need_rate_once_after_resolution(desk, member):
    need = _need_in(S.IN_PROGRESS, staff=desk[1], company=member.companies.get())
    with pytest.raises(ValidationError) as error:
        need_rate(need=need, by=member, score=5)
    assert error.value.code == "need_not_resolved"
    need = need_transition(need=need, to=S.RESOLVED, by=desk[1])
    rating = need_rate(need=need, by=member, score=5, comment=" 很满意 ")
    assert (rating.score, rating.comment, rating.by) == (5, "很满意", member)
    with pytest.raises(ValidationError) as error:
        need_rate(need=need, by=member, score=1)
    assert error.value.code == "already_rated"
    assert NeedRating.objects.get(need=need).score == 5


@pytest.mark.parametrize("score", [0, 6, "5", True])
def test_need_rate_refuses_bad_score(desk, member, score):
    need = _need_in(S.RESOLVED, staff=desk[1], company=member.companies.get())
    with pytest.raises(ValidationError) as error:
        need_rate(need=need, by=member, score=score)
    assert error.value.code == "invalid_score"


def test_need_acknowledged_by_superuser_without_host_keeps_no_host():
    admin = UserFactory(is_superuser=True)
    need = need_transition(need=submitted_need(), to=S.ACKNOWLEDGED, by=admin)
    assert (need.host, need.responded_at is not None) == (None, True)


def test_need_poster_is_mailed_when_desk_moves_it(
    desk, member, django_capture_on_commit_callbacks, mailoutbox
):
    need = need_create(company=member.companies.get(), title="温控", created_by=member)
    with django_capture_on_commit_callbacks(execute=True):
        need = need_transition(need=need, to=S.ACKNOWLEDGED, by=desk[1], comment="三日内联系")
        need = need_transition(need=need, to=S.IN_PROGRESS, by=desk[1])
        need = need_transition(need=need, to=S.RESOLVED, by=desk[1])
        need = need_transition(need=need, to=S.IN_PROGRESS, by=member, comment="仍有问题")
    assert [m.to for m in mailoutbox] == [[member.email], [member.email]]
    assert "三日内联系" in mailoutbox[0].body
    assert "/profiles/needs/" in mailoutbox[1].body


def test_need_closed_by_desk_sets_its_host(desk):
    host, staff = desk
    need = need_transition(need=submitted_need(), to=S.CLOSED, by=staff, comment="重复")
    assert need.host == host


def test_need_update_refreshes_the_stored_tokens(db):
    from needs.services import need_update
    from needs.tests.factories import NeedFactory

    need = NeedFactory(title="冷链温控", description="")
    need_update(need=need, data={"title": "高氨氮废水处理", "description": "膜分离"})
    need.refresh_from_db()
    assert "膜分离" in need.tokens


def test_need_create_maps_tags_and_text_to_topics(db):
    need = need_create(
        company=CompanyFactory(),
        title="储能电池柜热管理",
        description="夏季温升明显",
        tags=["Energy storage", "预算紧张"],
        cooperation_forms=["joint_rd"],
        budget_min=10000,
        budget_max=50000,
    )
    assert set(need.topics.values_list("slug", flat=True)) >= {
        "energy-storage",
        "battery-thermal-management",
    }
    assert need.keywords == ["预算紧张"] and "储能电池柜热管理" in need.tokens


def test_need_create_refuses_an_upside_down_budget(db):
    with pytest.raises(ValidationError) as excinfo:
        need_create(company=CompanyFactory(), title="x", budget_min=9, budget_max=1)
    assert excinfo.value.messages == ["预算下限高于上限。"]
    assert Need.objects.count() == 0 and Company.objects.count() == 1


def test_need_note_adds_to_the_history_without_a_step(desk, member):
    host, _staff = desk
    need = submitted_need(host=host, company=member.companies.get())
    note = need_note(need=need, by=member, comment=" 六个月回访：已达成协议 ")
    need.refresh_from_db()
    assert (note.from_status, note.to_status, note.comment) == (
        "submitted",
        "submitted",
        "六个月回访：已达成协议",
    )
    assert (need.status, need.responded_at) == (Need.Status.SUBMITTED, None)
    with pytest.raises(ValidationError) as caught:
        need_note(need=need, by=member, comment="  ")
    assert caught.value.code == "comment_required"


def test_need_topics_suggest_names_the_topics_of_the_text_in_order(db):
    topics = need_topics_suggest(text="储能电池柜热管理\n夏季储能电池柜温度过高。")
    assert [t.slug for t in topics] == ["battery-thermal-management", "energy-storage"]
    assert need_topics_suggest(text="") == []


def test_need_create_with_confirmed_topics_keeps_exactly_those(db):
    storage = Topic.objects.get(slug="energy-storage")
    need = need_create(company=CompanyFactory(), title="储能电池柜热管理", topics=[storage])
    assert list(need.topics.values_list("slug", flat=True)) == ["energy-storage"]
    assert "储能电池柜热管理" in need.tokens


def test_need_update_changes_the_new_fields_and_topics(db, member):
    need = submitted_need(company=member.companies.get(), title="储能电池柜热管理")
    wanted = timezone.localdate() + dt.timedelta(days=30)
    need = need_update(
        need=need,
        data={
            "budget_min": 1,
            "budget_max": 2,
            "wanted_by": wanted,
            "visibility": "restricted",
            "cooperation_forms": ["training"],
            "topics": [],
        },
    )
    need.refresh_from_db()
    assert (need.budget_min, need.budget_max, need.wanted_by, need.visibility) == (
        1,
        2,
        wanted,
        "restricted",
    )
    assert (need.cooperation_forms, list(need.topics.all())) == (["training"], [])


@pytest.mark.parametrize("days", [-1, 5 * 366 + 1])
def test_need_create_refuses_a_wanted_by_date_out_of_range(db, days):
    wanted = timezone.localdate() + dt.timedelta(days=days)
    with pytest.raises(ValidationError) as excinfo:
        need_create(company=CompanyFactory(), title="x", wanted_by=wanted)
    assert excinfo.value.message_dict == {"wanted_by": ["请选择从今天起五年内的日期。"]}
    assert Need.objects.count() == 0


def test_need_create_refuses_an_unknown_visibility(db):
    with pytest.raises(ValidationError) as excinfo:
        need_create(company=CompanyFactory(), title="x", visibility="secret")
    assert list(excinfo.value.message_dict) == ["visibility"]


def test_a_step_by_someone_outside_the_desk_is_no_response(desk, member):
    """Only the desk's own steps count: not an expert's (were a caller to let them)."""
    host, _staff = desk
    need = submitted_need(company=member.companies.get(), host=host)
    expert = ExpertProfileFactory(user=UserFactory()).user
    need = need_transition(need=need, to=S.ACKNOWLEDGED, by=expert)
    assert (need.responded_at, need.host) == (None, host)
    assert desk_figures(host=host).responded == 0

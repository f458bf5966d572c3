import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from hosts.models import HostMembership
from hosts.tests.factories import HostFactory, HostMembershipFactory
from needs.models import Need
from needs.services import need_assign, need_rate, need_transition
from needs.tests.factories import NeedFactory, submitted_need
from profiles.models import Topic
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
    return host, HostMembershipFactory(host=host, role=HostMembership.Role.STAFF).user


def _titles(response):
    return [need.title for need in response.context["page"]]


@pytest.mark.parametrize("size", [1, 3])
def test_need_board_constant_queries(client, desk, django_assert_num_queries, size):
    host, staff = desk
    for n in range(size):
        need = submitted_need(title=f"需求{n}", company=CompanyFactory(district=f"区{n}"))
        need_assign(need=need, assignee=staff, by=staff)
    # 6, and the topic filter's two: the topics needs carry, the tree above them
    with django_assert_num_queries(8):
        response = client.get(reverse("needs:need_board"))
    assert len(_titles(response)) == size


def test_need_board_lists_open_needs_most_urgent_first(client, desk):
    submitted_need(title="一般", urgency="normal")
    submitted_need(title="紧急", urgency="high")
    closed = submitted_need(title="已关闭")
    need_transition(need=closed, to=S.CLOSED, by=desk[1], comment="重复")
    response = client.get(reverse("needs:need_board"))
    assert _titles(response) == ["紧急", "一般"]
    response = client.get(reverse("needs:need_board"), {"status": "closed"})
    assert _titles(response) == ["已关闭"]


def test_need_board_filters(client, desk):
    host, staff = desk
    a = submitted_need(
        title="冷链温控", category="technology", company=CompanyFactory(district="黄岛区")
    )
    submitted_need(title="引进博士", category="talent", company=CompanyFactory(district="市南区"))
    need_assign(need=a, assignee=staff, by=staff)
    url = reverse("needs:need_board")
    assert _titles(client.get(url, {"category": "talent"})) == ["引进博士"]
    assert _titles(client.get(url, {"district": "黄岛区"})) == ["冷链温控"]
    assert _titles(client.get(url, {"assignee": staff.pk})) == ["冷链温控"]
    assert _titles(client.get(url, {"q": "博士"})) == ["引进博士"]
    assert _titles(client.get(url, {"urgency": "high"})) == []


def test_need_board_paginates(client, settings):
    for n in range(21):
        submitted_need(title=f"需求{n:02d}")
    response = client.get(reverse("needs:need_board"), {"page": 2, "category": ""})
    assert len(_titles(response)) == 1
    assert "category=&amp;page=1" in response.content.decode()


def test_need_detail_shows_history_and_allowed_buttons(client, desk):
    host, staff = desk
    need = submitted_need(host=host)
    need_transition(need=need, to=S.ACKNOWLEDGED, by=staff, comment="已受理，三日内联系")
    client.force_login(staff)
    response = client.get(reverse("needs:need_detail", args=[need.pk]))
    html = response.content.decode()
    assert [t.to_status for t in response.context["history"]] == [S.SUBMITTED, S.ACKNOWLEDGED]
    assert "已受理，三日内联系" in html
    assert [t.value for t in response.context["transitions"]] == [S.IN_PROGRESS, S.CLOSED]
    assert "assign_form" in response.context


def test_need_transition_page_shows_service_error(client, desk):
    host, staff = desk
    need = submitted_need(host=host)
    client.force_login(staff)
    response = client.post(
        reverse("needs:need_transition", args=[need.pk]),
        {"to": "closed", "comment": ""},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Please give the reason for closing the need."
    ]
    need.refresh_from_db()
    assert need.status == S.SUBMITTED


def test_need_forbidden_step_is_an_error_not_a_403(client, desk):
    host, staff = desk
    need = submitted_need(host=host)
    client.force_login(staff)
    response = client.post(
        reverse("needs:need_transition", args=[need.pk]),
        {"to": "resolved"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert [str(m) for m in response.context["messages"]] == [
        "A need that is “Submitted” cannot become “Resolved”."
    ]


def test_company_member_posts_and_edits_a_need(client):
    member = CompanyMembershipFactory().user
    client.force_login(member)
    response = client.post(
        reverse("needs:need_create"),
        {
            "title": "海水淡化膜污染",
            "description": "膜通量下降",
            "category": "technology",
            "urgency": "high",
            "visibility": "public",
            "topics_reviewed": "1",
        },
    )
    need = Need.objects.get(title="海水淡化膜污染")
    assert response["Location"] == reverse("needs:need_detail", args=[need.pk])
    assert (need.company, need.created_by, need.status) == (
        member.companies.get(),
        member,
        S.SUBMITTED,
    )
    client.post(
        reverse("needs:need_edit", args=[need.pk]),
        {
            "title": "海水淡化膜污染控制",
            "description": "膜通量下降",
            "category": "technology",
            "urgency": "normal",
            "visibility": "public",
        },
    )
    need.refresh_from_db()
    assert (need.title, need.urgency) == ("海水淡化膜污染控制", "normal")


def test_company_rates_resolved_need_and_staff_see_it(client, desk):
    host, staff = desk
    member = CompanyMembershipFactory().user
    need = submitted_need(company=member.companies.get(), host=host)
    for step in (S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED):
        need_transition(need=need, to=step, by=staff)
    client.force_login(member)
    client.post(reverse("needs:need_rate", args=[need.pk]), {"score": "5", "comment": "及时"})
    client.force_login(staff)
    response = client.get(reverse("needs:need_detail", args=[need.pk]))
    assert "及时" in response.content.decode()
    assert response.context["show_rating"] is True


def test_desk_overdue_lists_only_late_unanswered_needs(client, desk):
    host, staff = desk
    late = submitted_need(host=host, title="逾期")
    need_assign(need=late, assignee=staff, by=staff)
    Need.objects.filter(pk=late.pk).update(response_deadline=timezone.now() - dt.timedelta(hours=1))
    on_time = submitted_need(host=host, title="未到期")
    need_assign(need=on_time, assignee=staff, by=staff)
    client.force_login(staff)
    response = client.get(reverse("needs:desk_overdue", args=[host.slug]))
    assert [n.title for n in response.context["needs"]] == ["逾期"]


@pytest.mark.parametrize("size", [1, 3])
def test_desk_overdue_constant_queries(client, desk, django_assert_num_queries, size):
    host, staff = desk
    for n in range(size):
        need = submitted_need(host=host, title=f"逾期{n}")
        need_assign(need=need, assignee=staff, by=staff)
    Need.objects.update(response_deadline=timezone.now() - dt.timedelta(hours=1))
    client.force_login(staff)
    with django_assert_num_queries(6):
        response = client.get(reverse("needs:desk_overdue", args=[host.slug]))
    assert len(response.context["needs"]) == size


def test_desk_dashboard_shows_figures(client, desk):
    host, staff = desk
    member = CompanyMembershipFactory().user
    company = member.companies.get()
    resolved = submitted_need(host=host, company=company, title="已解决")
    for step in (S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED):
        need_transition(need=resolved, to=step, by=staff)
    need_rate(need=resolved, by=member, score=4)
    submitted_need(host=host, title="待响应")
    client.force_login(staff)
    response = client.get(reverse("needs:desk_dashboard", args=[host.slug]), {"period": "30"})
    figures = response.context["figures"]
    assert (figures.total, figures.responded, figures.resolved, figures.average_satisfaction) == (
        2,
        1,
        1,
        4.0,
    )
    html = response.content.decode()
    assert "50%" in html


def test_need_assign_page_takes_a_local_deadline(client, desk):
    host, staff = desk
    need = submitted_need(host=host)
    client.force_login(staff)
    client.post(
        reverse("needs:need_assign", args=[need.pk]),
        {"assignee": staff.pk, "response_deadline": "2030-01-02T09:30"},
    )
    need.refresh_from_db()
    assert need.assignee == staff
    assert need.response_deadline == dt.datetime(2030, 1, 2, 1, 30, tzinfo=dt.UTC)


def test_need_board_mine_for_member_and_staff(client, desk):
    host, staff = desk
    member = CompanyMembershipFactory().user
    own = submitted_need(company=member.companies.get(), title="本企业需求")
    other = submitted_need(title="他人需求")
    need_assign(need=other, assignee=staff, by=staff)
    url = reverse("needs:need_board")
    client.force_login(member)
    assert _titles(client.get(url, {"mine": "on"})) == [own.title]
    client.force_login(staff)
    assert _titles(client.get(url, {"mine": "on"})) == ["他人需求"]
    client.logout()
    assert _titles(client.get(url, {"mine": "on"})) == []


def test_board_topic_filter_includes_sub_topics(client, db):
    from needs.tests.factories import NeedFactory
    from profiles.models import Topic

    parent = Topic.objects.create(slug="t-water", name_zh="水处理测试", name_en="Water test")
    child = Topic.objects.create(
        slug="t-waste", name_zh="废水测试", name_en="Wastewater test", parent=parent
    )
    inside = NeedFactory(title="废水深度处理")
    inside.topics.add(child)
    NeedFactory(title="冷链温控")
    response = client.get("/profiles/needs/", {"topic": "t-water"})
    titles = [n.title for n in response.context["page"].object_list]
    assert titles == ["废水深度处理"]


@pytest.mark.parametrize("size", [1, 3])
def test_expert_directory_ignores_needs_of_the_same_topic(
    db, client, django_assert_num_queries, size
):
    """The profiles directory's query guard, with needs on the same topic around."""
    wastewater = Topic.objects.get(slug="wastewater-treatment")
    for _ in range(size):
        ExpertProfileFactory().topics.add(wastewater)
        NeedFactory().topics.add(wastewater)
    url = reverse("profiles:expert_directory") + "?topic=water-treatment&institution=山东"
    # count, page, topics of the page, topic filter tree, topic choices (the topics experts
    # carry, the tree above them, the choices)
    with django_assert_num_queries(7):
        response = client.get(url)
    assert len(response.context["page"]) == size


@pytest.mark.parametrize("size", [1, 3])
def test_desk_dashboard_constant_queries(client, desk, django_assert_num_queries, size):
    host, staff = desk
    member = CompanyMembershipFactory().user
    company = member.companies.get()
    for n in range(size):
        need = submitted_need(host=host, company=company, title=f"已解决{n}")
        for step in (S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED):
            need_transition(need=need, to=step, by=staff)
        need_rate(need=need, by=member, score=5 - n)
        overdue = submitted_need(host=host, title=f"逾期{n}")
        need_assign(need=overdue, assignee=staff, by=staff)
    Need.objects.filter(title__startswith="逾期").update(
        response_deadline=timezone.now() - dt.timedelta(hours=1)
    )
    client.force_login(staff)
    url = reverse("needs:desk_dashboard", args=[host.slug])
    # host, session, user, staff check, figures (1), overdue count, the menu's hosts
    with django_assert_num_queries(7):
        response = client.get(url, {"period": "all"}, HTTP_ACCEPT_LANGUAGE="en")
    figures = response.context["figures"]
    assert (figures.total, figures.responded, figures.resolved, figures.rated) == (
        2 * size,
        size,
        size,
        size,
    )
    assert response.context["overdue_count"] == size
    html = response.content.decode()
    assert f"{size} of {2 * size} needs resolved" in html
    assert f"{size} overdue need" in html
    assert "50%" in html


def test_company_page_lists_its_public_needs_only(client):
    company = CompanyFactory()
    submitted_need(company=company, title="公开需求")
    submitted_need(company=company, title="内部需求", visibility=Need.Visibility.RESTRICTED)
    response = client.get(reverse("profiles:company_page", args=[company.pk]))
    html = response.content.decode()
    assert ("公开需求" in html, "内部需求" in html) == (True, False)
    empty = client.get(
        reverse("profiles:company_page", args=[CompanyFactory().pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "No public needs." in empty.content.decode()


def test_need_board_assignee_filter_offers_exactly_the_people_with_assigned_needs(client, desk):
    host, staff = desk
    HostMembershipFactory(host=host)  # staff without needs of their own
    for n in range(2):
        need_assign(need=submitted_need(title=f"需求{n}"), assignee=staff, by=staff)
    response = client.get(reverse("needs:need_board"))
    field = response.context["form"].fields["assignee"]
    assert list(field.queryset) == [staff]

"""The need form (topics confirmed by the company, forms of cooperation, budget, wanted-by date,
visibility) and what the need's page shows of them, to whom."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from hosts.models import HostMembership
from hosts.tests.factories import HostFactory, HostMembershipFactory
from needs.models import Need
from needs.tests.factories import submitted_need
from profiles.models import Topic
from profiles.tests.factories import CompanyMembershipFactory

pytestmark = pytest.mark.django_db

# 储能 and 电池热管理 are topics of the starter taxonomy; the text names both.
TEXT = {"title": "储能电池柜热管理", "description": "夏季储能电池柜温度过高。"}


@pytest.fixture
def member(client):
    user = CompanyMembershipFactory().user
    client.force_login(user)
    return user


def _post(client, **extra):
    data = {"category": "technology", "urgency": "normal", "visibility": "public", **TEXT}
    return client.post(reverse("needs:need_create"), {**data, **extra})


def _slugs(pks) -> list[str]:
    return sorted(Topic.objects.filter(pk__in=pks).values_list("slug", flat=True))


def test_first_post_without_topics_ticks_those_the_text_names_for_confirmation(client, member):
    response = _post(client)
    assert response.status_code == 200
    assert Need.objects.count() == 0
    form = response.context["form"]
    assert _slugs(form.data.getlist("topics")) == ["battery-thermal-management", "energy-storage"]
    assert form.data["topics_reviewed"] == "1"
    # The company confirms one and unticks the other.
    storage = Topic.objects.get(slug="energy-storage")
    response = _post(client, topics=[storage.pk], topics_reviewed="1")
    need = Need.objects.get()
    assert response["Location"] == reverse("needs:need_detail", args=[need.pk])
    assert list(need.topics.values_list("slug", flat=True)) == ["energy-storage"]


def test_a_company_may_post_with_no_topic_once_it_saw_the_suggestions(client, member):
    _post(client, topics_reviewed="1")
    assert list(Need.objects.get().topics.all()) == []


def test_suggest_button_shows_the_form_again_and_stores_nothing(client, member):
    response = _post(client, suggest_topics="1", topics_reviewed="1")
    assert response.status_code == 200
    assert Need.objects.count() == 0
    assert _slugs(response.context["form"].data.getlist("topics")) == [
        "battery-thermal-management",
        "energy-storage",
    ]


def test_form_stores_forms_budget_date_and_visibility(client, member):
    wanted = timezone.localdate() + dt.timedelta(days=90)
    _post(
        client,
        topics_reviewed="1",
        cooperation_forms=["joint_rd", "consulting"],
        budget_min="100000",
        budget_max="500000",
        wanted_by=wanted.isoformat(),
        visibility="members",
    )
    need = Need.objects.get()
    assert (
        need.cooperation_forms,
        need.budget_min,
        need.budget_max,
        need.wanted_by,
        need.visibility,
    ) == (["joint_rd", "consulting"], 100000, 500000, wanted, "members")


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"budget_min": "9", "budget_max": "1"}, "budget_max", "预算下限高于上限。"),
        ({"budget_min": "-1"}, "budget_min", "确保该值大于或等于0。"),
        ({"wanted_by": "2001-01-01"}, "wanted_by", "请选择从今天起五年内的日期。"),
        ({"wanted_by": "2999-01-01"}, "wanted_by", "请选择从今天起五年内的日期。"),
        ({"wanted_by": "明天"}, "wanted_by", "输入一个有效的日期。"),
        ({"visibility": "secret"}, "visibility", "选择一个有效的选项。 secret 不在可用的选项中。"),
        ({"cooperation_forms": ["lunch"]}, "cooperation_forms", None),
        ({"topics": ["999999"]}, "topics", None),
    ],
)
def test_bad_input_is_a_form_error(client, member, extra, field, message):
    response = _post(client, topics_reviewed="1", **extra)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert len(errors) == 1
    if message is not None:
        assert errors == [message]
    assert Need.objects.count() == 0


def test_need_page_shows_topics_forms_budget_date_and_visibility(client, member):
    need = submitted_need(
        company=member.companies.get(),
        title="储能电池柜热管理",
        cooperation_forms=["joint_rd"],
        budget_min=100000,
        budget_max=500000,
        wanted_by=dt.date(2030, 6, 1),
        visibility="members",
        topics=list(Topic.objects.filter(slug="energy-storage")),
    )
    response = client.get(reverse("needs:need_detail", args=[need.pk]))
    text = response.content.decode()
    assert [t.slug for t in response.context["need"].topics.all()] == ["energy-storage"]
    assert response.context["cooperation_forms"] == ["联合研发"]
    assert "<dd>100000 至 500000 元" in text
    assert '<time datetime="2030-06-01">2030-06-01</time>' in text
    assert "已登录的会员" in text


def test_company_sees_its_need_without_the_desks_controls(client, member):
    need = submitted_need(company=member.companies.get())
    response = client.get(reverse("needs:need_detail", args=[need.pk]))
    assert (response.context["transitions"], response.context["company_steps"]) == (
        [],
        [Need.Status.CLOSED],
    )
    text = response.content.decode()
    assert 'id="act-heading"' not in text and "need-withdraw" in text


def test_desk_sees_its_controls(client):
    host = HostFactory()
    staff = HostMembershipFactory(host=host, role=HostMembership.Role.STAFF).user
    need = submitted_need(host=host)
    client.force_login(staff)
    response = client.get(reverse("needs:need_detail", args=[need.pk]))
    assert (response.context["transitions"], response.context["company_steps"]) == (
        [Need.Status.ACKNOWLEDGED, Need.Status.CLOSED],
        [],
    )
    assert 'id="act-heading"' in response.content.decode()


@pytest.mark.parametrize("size", [1, 3])
def test_need_page_constant_queries(client, member, django_assert_num_queries, size):
    need = submitted_need(
        company=member.companies.get(),
        topics=list(Topic.objects.order_by("slug")[:size]),
    )
    # 17, and matching's block of the best three suggestions (7)
    with django_assert_num_queries(24):
        response = client.get(reverse("needs:need_detail", args=[need.pk]))
    assert len(response.context["need"].topics.all()) == size


@pytest.mark.parametrize("size", [1, 3])
def test_need_form_constant_queries(client, member, django_assert_num_queries, size):
    need = submitted_need(
        company=member.companies.get(), topics=list(Topic.objects.order_by("slug")[:size])
    )
    with django_assert_num_queries(8):
        response = client.get(reverse("needs:need_edit", args=[need.pk]))
    assert len(response.context["form"].initial["topics"]) == size


def test_members_need_is_hidden_from_the_anonymous(client):
    need = submitted_need(title="会员可见", visibility="members")
    assert client.get(reverse("needs:need_detail", args=[need.pk])).status_code == 404
    assert "会员可见" not in client.get(reverse("needs:need_board")).content.decode()
    client.force_login(CompanyMembershipFactory().user)
    assert client.get(reverse("needs:need_detail", args=[need.pk])).status_code == 200
    assert "会员可见" in client.get(reverse("needs:need_board")).content.decode()

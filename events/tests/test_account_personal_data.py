import json

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse
from django.utils import translation

from accounts.models import AccountDeletion, User
from accounts.services import user_data_export, user_delete
from accounts.tests.factories import PASSWORD, UserFactory
from conftest import ACTORS
from events.models import Registration
from events.tests.factories import EventFactory, RegistrationFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostMembershipFactory
from needs.models import Need, NeedTransition
from needs.services import need_assign, need_rate, need_transition
from needs.tests.factories import submitted_need
from profiles.models import CompanyMembership, ExpertProfile
from profiles.tests.factories import CompanyMembershipFactory, ExpertProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    """Someone with a bit of everything: an expert profile, a company, a need they posted and
    rated, a registration with answers."""
    user = UserFactory(name="张三")
    ExpertProfileFactory(user=user, email="zhang@example.edu.cn", phone="13800000000")
    company = CompanyMembershipFactory(user=user).company
    staff = HostMembershipFactory(role=HostMembership.Role.STAFF).user
    need = submitted_need(company=company, created_by=user, title="膜污染控制")
    for step in ("acknowledged", "in_progress", "resolved"):
        need = need_transition(need=need, to=step, by=staff)
    need_rate(need=need, by=user, score=5, comment="很好")
    need_transition(
        need=submitted_need(company=company, created_by=user, title="撤回的需求"),
        to="closed",
        by=user,
        comment="已解决",
    )
    RegistrationFactory(event=EventFactory(), user=user, answers={"phone": "13800000000"})
    return user


def test_export_contains_every_part(person):
    data = json.loads(json.dumps(user_data_export(user=person), default=str))
    assert data["format"] == "yizhan-personal-data/1"
    assert data["account"]["email"] == person.email
    assert data["profiles"]["expert_profile"]["phone"] == "13800000000"
    assert [m["company__name"] for m in data["profiles"]["company_memberships"]] == [
        person.companies.get().name
    ]
    assert {n["title"] for n in data["needs"]["needs_created"]} == {"膜污染控制", "撤回的需求"}
    assert [(t["to_status"], t["comment"]) for t in data["needs"]["need_transitions"]] == [
        ("submitted", ""),
        ("submitted", ""),
        ("closed", "已解决"),
    ]
    assert [r["score"] for r in data["needs"]["need_ratings"]] == [5]
    assert [r["answers"] for r in data["events"]["registrations"]] == [{"phone": "13800000000"}]
    assert data["hosts"] == {"host_memberships": [], "host_invitations": []}
    assert data["profiles"]["expert_profile"]["wechat"] == person.expert_profile.wechat != ""
    assert set(data) >= {"matching", "meetings", "chat", "outcomes"}


def test_delete_removes_profile_and_contact_details(person):
    pk, email = person.pk, person.email
    deletion = user_delete(user=person)
    user = User.objects.get(pk=pk)
    assert (user.email, user.name, user.is_active, user.has_usable_password()) == (
        f"deleted-{pk}@deleted.invalid",
        "",
        False,
        False,
    )
    assert ExpertProfile.objects.filter(email="zhang@example.edu.cn").exists() is False
    assert CompanyMembership.objects.filter(user=user).exists() is False
    assert Registration.objects.get(user=user).answers == {}
    assert authenticate(email=email, password=PASSWORD) is None
    assert AccountDeletion.objects.get() == deletion
    assert deletion.erased["profiles"] == {"expert_profile": 1, "company_memberships": 1}
    assert deletion.erased["needs"] == {"needs_unassigned": 0}
    assert deletion.erased["email_addresses"] == 1


def test_delete_keeps_history_as_deleted_user(person, client):
    need = Need.objects.get(title="膜污染控制")
    user_delete(user=person)
    need.refresh_from_db()
    closed = NeedTransition.objects.get(to_status="closed")
    with translation.override("en"):
        assert need.created_by.display_name == "deleted user"
        assert str(need.rating.by) == "deleted user"
        assert (closed.by.display_name, closed.comment) == ("deleted user", "已解决")
    with translation.override("zh-hans"):
        assert closed.by.display_name == "已注销用户"
    body = client.get(
        f"/api/v1/needs/{Need.objects.get(title='撤回的需求').pk}/?status=closed",
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()
    assert [t["by"] for t in body["transitions"]] == ["deleted user", "deleted user"]


def test_delete_takes_staff_off_open_needs():
    staff = HostMembershipFactory().user
    need = need_assign(need=submitted_need(), assignee=staff, by=staff)
    deletion = user_delete(user=staff)
    need.refresh_from_db()
    assert (need.assignee, need.response_deadline) == (None, None)
    assert deletion.erased["hosts"] == {"host_memberships": 1, "host_invitations": 0}
    assert deletion.erased["needs"]["needs_unassigned"] == 1


def test_delete_twice_is_refused(person):
    from django.core.exceptions import ValidationError

    user_delete(user=person)
    with pytest.raises(ValidationError) as error:
        user_delete(user=User.objects.get(pk=person.pk))
    assert error.value.code == "already_deleted"


def test_delete_page_needs_the_password(client, person):
    client.force_login(person)
    response = client.post(
        reverse("accounts:delete"),
        {"password": "wrong", "confirm": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.context["form"].errors == {"password": ["The password is not correct."]}
    assert User.objects.get(pk=person.pk).deleted_at is None
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})
    assert response["Location"] == reverse("home")
    assert User.objects.get(pk=person.pk).deleted_at is not None
    assert client.get(reverse("accounts:overview"))["Location"].startswith("/accounts/login/")


def test_export_page_downloads_json(client, person):
    client.force_login(person)
    response = client.get(reverse("accounts:data_export"))
    assert response["Content-Disposition"].startswith('attachment; filename="yizhan-my-data-')
    assert json.loads(response.content)["profiles"]["expert_profile"]["name"]


def test_api_export_and_delete(client, person):
    client.force_login(person)
    body = client.get("/api/v1/me/export/").json()
    assert body["account"]["name"] == "张三"
    assert set(body) >= {"account", "profiles", "needs", "events", "hosts", "privacy_consents"}
    response = client.delete("/api/v1/me/", {"password": "nope"}, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "wrong_password")
    response = client.delete("/api/v1/me/", {"password": PASSWORD}, content_type="application/json")
    assert response.status_code == 204
    assert User.objects.get(pk=person.pk).deleted_at is not None


PAGES = {
    "accounts:data_export": ("get", {}),
    "accounts:delete": ("get", {}),
    "api:me-export": ("get", {}),
    "api:me": ("delete", {"password": PASSWORD}),
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", list(PAGES))
def test_personal_data_permission(world, client_for, actor, name):
    """Everyone signed in reaches their own data only; anonymous people are refused."""
    method, body = PAGES[name]
    user = world.actor(actor)
    client = client_for(user)
    url = reverse(name)
    if method == "get":
        response = client.get(url)
    else:
        response = client.delete(url, body, content_type="application/json")
    if user is None:
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "/accounts/login/" in response["Location"]
        return
    if name == "api:me":
        assert response.status_code == 204
        assert User.objects.get(pk=user.pk).deleted_at is not None
    elif name == "accounts:delete":
        assert response.status_code == 200
        assert response.context["form"].user == user
    else:
        payload = response.json() if name == "api:me-export" else json.loads(response.content)
        assert payload["account"]["id"] == user.pk

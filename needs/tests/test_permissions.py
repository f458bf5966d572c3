"""The needs desk's permission matrix: every page over every actor (STYLE.md, rule 18)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import get_resolver, reverse

from conftest import ACTORS
from needs import permissions as perms
from needs import urls as needs_urls
from needs.models import Need
from needs.selectors import visible_needs
from needs.services import need_transition
from needs.tests.factories import submitted_need

S = Need.Status
DESK = {"host_staff", "host_owner", "superuser"}
ALL = set(ACTORS)


def _resolved(world):
    need = submitted_need(company=world.company, host=world.host)
    staff = world.actor("host_staff")
    for step in (S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED):
        need = need_transition(need=need, to=step, by=staff)
    return need


def _open(world):
    return submitted_need(company=world.company, host=world.host)


def _ok_get(response):
    return response.status_code == 200


def _denied(response):
    """Refused: 403/404, or anonymous sent to log in."""
    if response.status_code == 302:
        return "/accounts/login/" in response["Location"]
    return response.status_code in (403, 404)


# url name -> (method, make object, url args, data, who may, effect check)
MATRIX = {
    "need_board": ("get", None, lambda w, o: [], {}, ALL),
    "need_detail": ("get", _open, lambda w, o: [o.pk], {}, ALL),
    "need_create": ("get", None, lambda w, o: [], {}, {"enterprise"}),
    "need_edit": ("get", _open, lambda w, o: [o.pk], {}, {"enterprise", "superuser"}),
    "need_transition": (
        "post",
        _open,
        lambda w, o: [o.pk],
        {"to": "acknowledged", "comment": ""},
        DESK,
    ),
    "need_assign": (
        "post",
        _open,
        lambda w, o: [o.pk],
        {"assignee": "host_staff"},
        DESK,
    ),
    "need_rate": ("post", _resolved, lambda w, o: [o.pk], {"score": "4"}, {"enterprise"}),
    "desk_dashboard": ("get", None, lambda w, o: [w.host.slug], {}, DESK),
    "desk_overdue": ("get", None, lambda w, o: [w.host.slug], {}, DESK),
}


def _effect(name, obj):
    """What an allowed POST changed."""
    if obj is None:
        return None
    obj.refresh_from_db()
    return {
        "need_transition": lambda: obj.status == S.ACKNOWLEDGED,
        "need_assign": lambda: obj.assignee is not None,
        "need_rate": lambda: Need.objects.filter(pk=obj.pk, rating__score=4).exists(),
    }.get(name, lambda: None)()


def test_matrix_covers_every_needs_desk_url():
    names = {
        name
        for name in get_resolver().namespace_dict["needs"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == set(MATRIX)
    assert {p.name for p in needs_urls.urlpatterns} == set(MATRIX)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", list(MATRIX))
def test_needs_desk_page_permission(world, client_for, actor, name):
    (
        method,
        make,
        args,
        data,
        allowed,
    ) = MATRIX[name]
    obj = make(world) if make else None
    data = {
        key: (world.actor(value).pk if key == "assignee" else value) for key, value in data.items()
    }
    client = client_for(world.actor(actor))
    url = reverse(f"needs:{name}", args=args(world, obj))
    response = getattr(client, method)(url, data)
    if actor in allowed:
        if method == "get":
            assert response.status_code == 200
        else:
            assert response.status_code == 302
            assert _effect(name, obj) is True
    else:
        if name == "need_create" and actor != "anonymous":
            # People without a company are sent to register one first.
            assert response["Location"] == reverse("profiles:company_edit")
        else:
            assert _denied(response)
        if method == "post":
            assert _effect(name, obj) is False


PREDICATES = {
    # predicate name -> actors for whom it holds, on an open need of world.company at world.host
    "can_view_need_public": ALL,
    "can_view_need_members": ALL - {"anonymous"},
    "can_view_need_private": {"enterprise", *DESK},
    "can_edit_need": {"enterprise", "superuser"},
    "can_close": {"enterprise", *DESK},
    "can_acknowledge": DESK,
    "can_assign_need": DESK,
    "can_view_need_rating": {"enterprise", *DESK},
    "can_view_desk": DESK,
}


def _check(name, user, need, world):
    if name == "can_view_need_public":
        return perms.can_view_need(user, need)
    if name == "can_view_need_members":
        need.visibility = Need.Visibility.MEMBERS
        return perms.can_view_need(user, need)
    if name == "can_view_need_private":
        need.visibility = Need.Visibility.RESTRICTED
        return perms.can_view_need(user, need)
    if name == "can_close":
        return perms.can_transition_need(user, need, S.CLOSED)
    if name == "can_acknowledge":
        return perms.can_transition_need(user, need, S.ACKNOWLEDGED)
    if name == "can_view_desk":
        return perms.can_view_desk(user, world.host)
    return getattr(perms, name)(user, need)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", list(PREDICATES))
def test_needs_desk_predicate(world, actor, name):
    need = _open(world)
    assert _check(name, world.actor(actor), need, world) is (actor in PREDICATES[name])


@pytest.mark.parametrize("actor", ACTORS)
def test_unowned_need_is_open_to_every_desk(world, actor):
    need = submitted_need(company=world.company)
    expected = actor in {*DESK, "other_host_staff"}
    assert perms.can_transition_need(world.actor(actor), need, S.ACKNOWLEDGED) is expected


@pytest.mark.parametrize("actor", ACTORS)
def test_rate_and_reopen_on_resolved_need(world, actor):
    need = _resolved(world)
    user = world.actor(actor)
    assert perms.can_rate_need(user, need) is (actor == "enterprise")
    assert perms.can_transition_need(user, need, S.IN_PROGRESS) is (actor in {"enterprise", *DESK})
    assert perms.can_transition_need(user, need, S.CLOSED) is False


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("visibility", Need.Visibility.values)
def test_visible_needs_follows_can_view_need(world, actor, visibility):
    """The board's query and the predicate give the same answer for every visibility."""
    need = submitted_need(company=world.company, host=world.host, visibility=visibility)
    user = world.actor(actor)
    if user is None:
        user = AnonymousUser()
    listed = visible_needs(user=user).filter(pk=need.pk).exists()
    assert listed is perms.can_view_need(user, need)
    expected = {
        "public": ALL,
        "members": ALL - {"anonymous"},
        "restricted": {"enterprise", *DESK},
    }[visibility]
    assert listed is (actor in expected)

"""Who may use each registration page and API endpoint: every URL over every actor."""

import pytest
from django.urls import get_resolver, reverse

from conftest import ACTORS
from events import permissions
from events.models import Registration

STAFF = {"host_staff", "host_owner", "superuser"}
SIGNED_IN = set(ACTORS) - {"anonymous"}


def login_redirect(response):
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def attendee_registration(world):
    return Registration.objects.get(event=world.event, user=world.actor("attendee"))


# url name -> (method, kwargs(world), data, {actor: expected status}); 302 "login" is anonymous.
def page_matrix():
    def slug(w):
        return {"slug": w.event.slug}

    def cancel(w):
        return {"slug": w.event.slug, "pk": attendee_registration(w).pk}

    def ticket(w):
        return {"token": attendee_registration(w).ticket_token}

    owner_or_staff = {a: (200 if a in STAFF or a == "attendee" else 404) for a in SIGNED_IN}
    staff_only = {a: (200 if a in STAFF else 404) for a in SIGNED_IN}
    walk_in = {"name": "门口", "email": "door@example.com", "role": "guest"}
    return {
        "register": ("get", slug, None, {a: 302 if a == "attendee" else 200 for a in SIGNED_IN}),
        "registration_cancel": (
            "post",
            cancel,
            {},
            {a: 302 if owner_or_staff[a] == 200 else 404 for a in SIGNED_IN},
        ),
        "my_events": ("get", lambda w: {}, None, dict.fromkeys(SIGNED_IN, 200)),
        "ticket": ("get", ticket, None, owner_or_staff),
        # moved to the organizer area: staff are sent there for good
        "manage_registrations": (
            "get",
            slug,
            None,
            {a: (301 if a in STAFF else 404) for a in SIGNED_IN},
        ),
        "check_in": ("get", slug, None, staff_only),
        "check_in_counts": ("get", slug, None, staff_only),
        "walk_in": ("post", slug, walk_in, {a: 302 if a in STAFF else 404 for a in SIGNED_IN}),
    }


PAGES = page_matrix()


def test_page_matrix_covers_every_registration_url():
    names = {
        pattern.name
        for pattern in get_resolver().url_patterns
        for pattern in getattr(pattern, "url_patterns", [pattern])
        if getattr(pattern, "callback", None)
        and pattern.callback.__module__ in ("events.views.registrations", "events.views.checkin")
    }
    assert names == set(PAGES)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_registration_page_permissions(world, client_for, actor, name):
    method, kwargs, data, expected = PAGES[name]
    client = client_for(world.actor(actor))
    url = reverse(f"events:{name}", kwargs=kwargs(world))
    response = getattr(client, method)(url, data) if data is not None else client.get(url)
    if actor == "anonymous":
        assert login_redirect(response)
        return
    assert response.status_code == expected[actor]
    if name == "registration_cancel":
        status = attendee_registration(world).status
        assert status == ("cancelled" if expected[actor] == 302 else "confirmed")
    if name == "walk_in":
        made = Registration.objects.filter(event=world.event, user__email="door@example.com")
        assert made.exists() == (expected[actor] == 302)


def api_matrix():
    def reg(w):
        return {"event_pk": w.event.pk, "pk": attendee_registration(w).pk}

    def event(w):
        return {"event_pk": w.event.pk}

    staff = {a: 200 if a in STAFF else 403 for a in SIGNED_IN}
    owner_or_staff = {a: 200 if a in STAFF or a == "attendee" else 404 for a in SIGNED_IN}
    staff_only = {a: 200 if a in STAFF else 404 for a in SIGNED_IN}
    return {
        ("event-registration-list", "get"): (event, None, staff),
        ("event-registration-list", "post"): (
            event,
            {"role": "guest"},
            {a: 400 if a == "attendee" else 201 for a in SIGNED_IN},
        ),
        ("event-registration-detail", "get"): (reg, None, owner_or_staff),
        ("event-registration-detail", "delete"): (reg, None, owner_or_staff),
        ("event-registration-approve", "post"): (
            reg,
            {},
            {a: 400 if a in STAFF else 403 for a in SIGNED_IN},  # confirmed: not pending
        ),
        ("event-registration-reject", "post"): (reg, {"reason": "x"}, staff),
        ("event-registration-approve-many", "post"): (
            event,
            lambda w: {"ids": [attendee_registration(w).pk]},
            staff,
        ),
        ("event-check-in", "post"): (
            event,
            lambda w: {"code": attendee_registration(w).ticket_token},
            staff,
        ),
        # The set-up is the staff's own: 404 for everyone else, as for an event not there.
        ("event-registration-setup", "get"): (event, None, staff_only),
        ("event-registration-setup", "patch"): (event, {"capacity": 40}, staff_only),
    }


API = api_matrix()


def test_api_matrix_covers_every_registration_endpoint():
    from events.api_urls import urlpatterns

    names = {
        p.name
        for p in urlpatterns
        if p.name and p.name.startswith(("event-registration", "event-check-in"))
    }
    assert names == {name for name, _method in API}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("name", "method"), sorted(API))
def test_registration_api_permissions(world, client_for, actor, name, method):
    kwargs, data, expected = API[(name, method)]
    client = client_for(world.actor(actor))
    url = reverse(f"api:{name}", kwargs=kwargs(world))
    if callable(data):
        data = data(world)
    response = getattr(client, method)(url, data, content_type="application/json")
    body = response.json()
    if actor == "anonymous":
        assert (response.status_code, body["code"]) == (403, "not_authenticated")
        return
    assert response.status_code == expected[actor]
    if response.status_code >= 400:
        assert set(body) >= {"detail", "code"}


PREDICATES = {
    "can_register_for_event": SIGNED_IN,
    "can_manage_registrations": STAFF,
}
REGISTRATION_PREDICATES = {
    "can_view_registration": STAFF | {"attendee"},
    "can_cancel_registration": STAFF | {"attendee"},
    "can_view_ticket": STAFF | {"attendee"},
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("predicate", sorted(PREDICATES))
def test_event_predicates(world, actor, predicate):
    allowed = getattr(permissions, predicate)(world.actor(actor), world.event)
    assert allowed == (actor in PREDICATES[predicate])


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("predicate", sorted(REGISTRATION_PREDICATES))
def test_registration_predicates(world, actor, predicate):
    registration = attendee_registration(world)
    allowed = getattr(permissions, predicate)(world.actor(actor), registration)
    assert allowed == (actor in REGISTRATION_PREDICATES[predicate])

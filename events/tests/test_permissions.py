"""The permission matrix (STYLE.md rule 18): every organizer page, every page and API endpoint
of the events app, and every hosts page, for every actor in conftest.ACTORS."""

import pytest
from django.db import transaction
from django.urls import reverse

import events.api_urls
import events.organizer_urls
import events.urls
import hosts.urls
from conftest import ACTORS
from events import permissions
from events.models import Event
from events.tests.factories import (
    EventFactory,
    MaterialFactory,
    SeriesFactory,
    SessionFactory,
    VenueFactory,
)
from events.tests.test_registration_permissions import API as REGISTRATION_API
from events.tests.test_registration_permissions import PAGES as REGISTRATION_PAGES
from hosts.models import HostMembership

STAFF = {"host_staff", "host_owner", "superuser"}
OWNERS = {"host_owner", "superuser"}
SIGNED_IN = set(ACTORS) - {"anonymous"}
EVERYONE = set(ACTORS)


def _event(w):
    return {"host_slug": w.host.slug, "slug": w.event.slug}


# name → (method, kwargs(world), allowed actors, status when allowed)
MATRIX = {
    # organizer area (events.organizer_urls, under /hosts/<host_slug>/)
    "organizer:host": ("get", lambda w: {"host_slug": w.host.slug}, STAFF, 200),
    "organizer:event_create": ("get", lambda w: {"host_slug": w.host.slug}, STAFF, 200),
    "organizer:event": ("get", _event, STAFF, 200),
    "organizer:event_edit": ("get", _event, STAFF, 200),
    "organizer:event_publish": ("post", _event, STAFF, 302),
    "organizer:event_finish": ("post", _event, STAFF, 302),
    "organizer:event_cancel": ("get", _event, STAFF, 200),
    "organizer:event_duplicate": ("get", _event, STAFF, 200),
    "organizer:session_create": ("get", _event, STAFF, 200),
    "organizer:speaker_search": ("get", _event, STAFF, 200),
    "organizer:session_edit": ("get", lambda w: {**_event(w), "pk": w.session.pk}, STAFF, 200),
    "organizer:session_delete": (
        "post",
        lambda w: {**_event(w), "pk": w.session.pk},
        STAFF,
        302,
    ),
    "organizer:material_add": ("get", lambda w: {**_event(w), "pk": w.session.pk}, STAFF, 200),
    "organizer:material_delete": (
        "post",
        lambda w: {**_event(w), "pk": w.material.pk},
        STAFF,
        302,
    ),
    "organizer:registrations": ("get", _event, STAFF, 200),
    "organizer:registrations_csv": ("get", _event, STAFF, 200),
    "organizer:registrations_xlsx": ("get", _event, STAFF, 200),
    "organizer:sign_in_sheet": ("get", _event, STAFF, 200),
    "organizer:badges": ("get", _event, STAFF, 200),
    "organizer:series_create": ("get", lambda w: {"host_slug": w.host.slug}, STAFF, 200),
    "organizer:series_edit": (
        "get",
        lambda w: {"host_slug": w.host.slug, "slug": w.series.slug},
        STAFF,
        200,
    ),
    "organizer:venue_create": ("get", lambda w: {"host_slug": w.host.slug}, STAFF, 200),
    "organizer:venue_edit": (
        "get",
        lambda w: {"host_slug": w.host.slug, "pk": w.venue.pk},
        STAFF,
        200,
    ),
    # hosts pages
    "hosts:apply": ("get", lambda w: {}, SIGNED_IN, 200),
    "hosts:mine": ("get", lambda w: {}, SIGNED_IN, 200),
    "hosts:members": ("get", lambda w: {"slug": w.host.slug}, STAFF, 200),
    "hosts:invite": ("post", lambda w: {"slug": w.host.slug}, OWNERS, 302),
    "hosts:member_remove": (
        "post",
        lambda w: {"slug": w.host.slug, "pk": w.staff_membership.pk},
        OWNERS,
        302,
    ),
    "hosts:invitation_withdraw": (
        "post",
        lambda w: {"slug": w.host.slug, "pk": w.invitation.pk},
        OWNERS,
        302,
    ),
    # The invitation is for the "user" actor's address; everyone else signed in is told the
    # link was sent to another address (403).
    "hosts:invitation_accept": ("get", lambda w: {"token": w.invitation.token}, {"user"}, 200),
    # public event pages
    "events:list": ("get", lambda w: {}, EVERYONE, 200),
    "events:detail": ("get", lambda w: {"slug": w.event.slug}, EVERYONE, 200),
    "events:ics": ("get", lambda w: {"slug": w.event.slug}, EVERYONE, 200),
    "events:series": ("get", lambda w: {"slug": w.series.slug}, EVERYONE, 200),
    "events:material": (
        "get",
        lambda w: {"slug": w.event.slug, "pk": w.material.pk},
        STAFF | {"attendee"},
        302,  # a link material redirects to its address
    ),
    "events:calendar_feed": ("get", lambda w: {}, SIGNED_IN, 200),
    "events:calendar_feed_reset": ("post", lambda w: {}, SIGNED_IN, 302),
    "events:calendar_feed_ics": ("get", lambda w: {"token": w.feed_token}, EVERYONE, 200),
    # API
    "api:event-list": ("get", lambda w: {}, EVERYONE, 200),
    "api:event-detail": ("get", lambda w: {"pk": w.event.pk}, EVERYONE, 200),
    "api:host-events": ("get", lambda w: {"host_slug": w.host.slug}, STAFF, 200),
}
# What an anonymous visitor gets where it is not "login" (a redirect to the login page).
ANONYMOUS = {"api:host-events": 403}
# What signed-in actors outside `allowed` meet, where it is not 404.
REFUSED = {"hosts:invitation_accept": 403}

POST_DATA = {
    "hosts:invite": {"email": "new.staff@example.com"},
}


@pytest.fixture
def organizer_world(world):
    from events.services.calendar import calendar_feed_get
    from hosts.models import HostInvitation

    w = world
    w.series = SeriesFactory(host=w.host)
    w.venue = VenueFactory(host=w.host)
    w.event.series = w.series
    w.event.save()
    w.session = SessionFactory(event=w.event)
    w.material = MaterialFactory(session=w.session)
    w.staff_membership = HostMembership.objects.get(host=w.host, user=w.actor("host_staff"))
    w.invitation = HostInvitation.objects.create(host=w.host, email=w.actor("user").email)
    w.feed_token = calendar_feed_get(user=w.actor("attendee")).token
    return w


def _names(module, namespace):
    return {f"{namespace}:{p.name}" for p in module.urlpatterns}


def test_matrix_covers_every_url_name():
    named = (
        _names(events.organizer_urls, "organizer")
        | _names(hosts.urls, "hosts")
        | _names(events.urls, "events")
        | _names(events.api_urls, "api")
    )
    # Registration, tickets and check-in have their own matrix in test_registration_permissions.
    registration = {f"events:{name}" for name in REGISTRATION_PAGES} | {
        f"api:{name}" for name, _method in REGISTRATION_API
    }
    assert named - set(MATRIX) - registration == set()
    assert set(MATRIX) - named == set()


def _answer(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
        return "login"
    return response.status_code


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_by_actor(organizer_world, client, name):
    """Each actor in turn, each inside a rolled-back savepoint so that one actor's POST
    (a deletion, a cancellation) does not change what the next one meets."""
    method, kwargs, allowed, ok_status = MATRIX[name]
    url = reverse(name, kwargs=kwargs(organizer_world))
    expected, answers = {}, {}
    for actor in ACTORS:
        if actor in allowed:
            expected[actor] = ok_status
        else:
            expected[actor] = (
                ANONYMOUS.get(name, "login") if actor == "anonymous" else REFUSED.get(name, 404)
            )
        with transaction.atomic():
            client.logout()
            if (user := organizer_world.actor(actor)) is not None:
                client.force_login(user)
            answers[actor] = _answer(getattr(client, method)(url, POST_DATA.get(name, {})))
            transaction.set_rollback(True)
    assert answers == expected


PREDICATES = {
    "can_manage_event": STAFF,
    "can_view_materials": STAFF | {"attendee"},
    "can_view_event": EVERYONE,
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("predicate", sorted(PREDICATES))
def test_event_predicate_by_actor(world, predicate, actor):
    allowed = getattr(permissions, predicate)(world.actor(actor), world.event)
    assert allowed == (actor in PREDICATES[predicate])


@pytest.mark.parametrize("actor", ACTORS)
def test_draft_is_visible_to_staff_only(world, actor):
    world.event.status = Event.Status.DRAFT
    world.event.save()
    assert permissions.can_view_event(world.actor(actor), world.event) == (actor in STAFF)


@pytest.mark.parametrize("actor", ACTORS)
def test_invite_only_event_needs_code_or_registration(world, actor):
    world.event.visibility = Event.Visibility.INVITE
    world.event.invitation_code = "secret-code"
    world.event.save()
    user = world.actor(actor)
    assert permissions.can_view_event(user, world.event) == (actor in STAFF | {"attendee"})
    assert permissions.can_view_event(user, world.event, code="secret-code") is True
    assert permissions.can_view_event(user, world.event, code="wrong") == (
        actor in STAFF | {"attendee"}
    )


@pytest.mark.parametrize("actor", ACTORS)
def test_host_predicates_by_actor(world, actor):
    from hosts import permissions as host_permissions

    user = world.actor(actor)
    assert host_permissions.can_manage_host(user, world.host) == (actor in STAFF)
    assert host_permissions.can_manage_members(user, world.host) == (actor in OWNERS)
    assert host_permissions.can_manage_host(user, world.other_host) == (
        actor in {"other_host_staff", "superuser"}
    )


@pytest.mark.parametrize("actor", ACTORS)
def test_access_event_by_actor(organizer_world, actor):
    """The fetch-and-check helpers answer 404 to whoever the predicate refuses, and for
    another host's event named under this host, alike."""
    from django.http import Http404

    w, user = organizer_world, organizer_world.actor(actor)

    def answer(call):
        try:
            return call().pk
        except Http404:
            return 404

    draft = EventFactory(host=w.host, status=Event.Status.DRAFT)
    foreign = EventFactory(host=w.other_host)
    answers = {
        "view": answer(lambda: permissions.access_event(user, w.event.slug)),
        "view_draft": answer(lambda: permissions.access_event(user, draft.slug)),
        "manage": answer(lambda: permissions.access_event(user, w.event.slug, manage=True)),
        "manage_by_id": answer(
            lambda: permissions.access_event_by_id(user, w.event.pk, manage=True)
        ),
        "foreign_under_host": answer(
            lambda: permissions.access_event(user, foreign.slug, manage=True, host_slug=w.host.slug)
        ),
        "missing": answer(lambda: permissions.access_event(user, "no-such-event")),
    }
    staff = actor in STAFF
    assert answers == {
        "view": w.event.pk,
        "view_draft": draft.pk if staff else 404,
        "manage": w.event.pk if staff else 404,
        "manage_by_id": w.event.pk if staff else 404,
        "foreign_under_host": 404,
        "missing": 404,
    }

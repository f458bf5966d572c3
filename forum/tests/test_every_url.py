"""The probe: every URL pattern of the project, admin included, with its parameters filled
with *another tenant's* objects, requested by eight kinds of people, GET and POST.

It fails on
- a 500 (for every actor, the two controls included);
- a successful answer (2xx) showing the other tenant's private marker text (MARK below);
- a write to the other tenant's rows: every row built for tenant B is fingerprinted, and the
  rows that point at B are counted, before and after each actor's requests.

Tenant A is the actors' own world; tenant B (host B, its published event with a session, a
material, registrations, chat messages, a mute, meetings, a round table, surveys; company B
with a restricted need, its history and an introduction; an expert imported by host B and not
claimed yet; invitations and an import batch) is the one they probe. Its public face (the
event's title and programme, the host's and company's names) is not marked: what every
visitor may see carries no MARK. What only B's people may see carries it.

The eight actors (STYLE.md rule 18's list, narrowed to who matters across tenants):
- anonymous;
- attendee: confirmed for host A's event;
- expert: a claimed expert of tenant A (the `expert` of the POST bodies, so offers of help on
  B's need are tried);
- company_member: a member of company A, which has needs of its own;
- other_host_staff: staff of host A (the POST bodies name host A), i.e. staff of another host
  than the objects';
- platform_staff: `is_staff` without permissions (reaches the admin's door, nothing inside);
- own_host_staff: staff of host B — a control: B's objects are theirs, so only 500s are
  checked, and the probe asserts that they do see the marker (the probe is not blind);
- superuser: a control too — the platform's administrator sees and may change everything
  (the admin included); only 500s are checked.
The controls run against a fresh copy of the data like every other actor (one test each).
"""

import hashlib
import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from accounts.tests.factories import UserFactory
from chat.models import Mute
from chat.tests.factories import MessageFactory
from events.models import CalendarFeed
from events.tests.factories import (
    EventFactory,
    MaterialFactory,
    RegistrationFactory,
    SeriesFactory,
    SessionFactory,
    VenueFactory,
)
from hosts.models import HostInvitation, HostMembership
from hosts.tests.factories import HostFactory, HostMembershipFactory
from matching.tests.factories import IntroductionFactory
from meetings.models import RoundTablePlan, RoundTableSeat
from meetings.tests.factories import make_meeting, make_slots, make_tables
from needs.services import need_create
from outcomes.models import PlannedForum
from outcomes.permissions import survey_token
from outcomes.tests.factories import FeedbackRequestFactory, FollowUpFactory
from profiles.models import CompanyInvitation, ImportBatch
from profiles.tests.factories import CompanyMembershipFactory, ExpertProfileFactory

MARK = "ZZMARK"
OUR_APPS = {
    "accounts",
    "hosts",
    "profiles",
    "needs",
    "events",
    "matching",
    "meetings",
    "chat",
    "outcomes",
}
ACTORS = [
    "anonymous",
    "attendee",
    "expert",
    "company_member",
    "other_host_staff",
    "platform_staff",
    "own_host_staff",
    "superuser",
]
CONTROLS = {"own_host_staff", "superuser"}

# Legitimate answers, each with why: (url name, actor or "*") → the marker may show.
MAY_SHOW = {
    # Links that are the key themselves: whoever holds a ticket, a calendar feed or a survey
    # link is the person it was sent to (the probe fills in B's real secrets on purpose).
    ("events:ticket", "*"),
    ("events:calendar_feed_ics", "*"),
    ("outcomes:feedback", "*"),
    ("outcomes:followup", "*"),
}
# Legitimate writes to B's rows, each with why: (url name, actor or "*").
MAY_WRITE = {
    # Anyone signed in may register for B's published, open event (their own registration;
    # the event's seat count moves with it).
    ("events:register", "*"),
    # A survey link writes the answer of the person it was sent to.
    ("outcomes:feedback", "*"),
    ("outcomes:followup", "*"),
}
# Patterns not probed, each with why.
SKIPPED = {
    "set_language",  # changes only the visitor's own language cookie
    "accounts:delete",  # erases the actor themself (accounts/tests cover it)
}


def _patterns(resolver=None, prefix="", ns=()):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            inner_ns = (*ns, p.namespace) if p.namespace else ns
            yield from _patterns(p, prefix + str(p.pattern), inner_ns)
        elif isinstance(p, URLPattern):
            name = ":".join((*ns, p.name)) if p.name else ""
            yield prefix + str(p.pattern), name


PARAM = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


class Tenant:
    """Tenant B's objects (the probed ones) and tenant A's people (the actors)."""


def _build() -> Tenant:
    t = Tenant()
    # Tenant A: the actors' own world.
    t.host_a = HostFactory(name="甲主办方")
    event_a = EventFactory(host=t.host_a, title="甲座谈会")
    company_a = CompanyMembershipFactory().company
    people = {
        "anonymous": None,
        "attendee": RegistrationFactory(event=event_a).user,
        "expert": UserFactory(),
        "company_member": CompanyMembershipFactory(company=company_a).user,
        "other_host_staff": HostMembershipFactory(host=t.host_a).user,
        "platform_staff": UserFactory(is_staff=True),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    t.expert_a = ExpertProfileFactory(user=people["expert"])
    need_create(company=company_a, title="甲需求", description="甲公司的需求。")
    before = {model: set(model.objects.values_list("pk", flat=True)) for model in apps.get_models()}

    # Tenant B: what is probed.
    t.host = HostFactory(name="乙主办方")
    t.staff = HostMembershipFactory(
        host=t.host, role=HostMembership.Role.OWNER, user=UserFactory(name=f"{MARK} 乙负责人")
    )
    people["own_host_staff"] = t.staff.user
    t.series = SeriesFactory(host=t.host)
    t.venue = VenueFactory(host=t.host)
    t.event = EventFactory(host=t.host, series=t.series, venue=t.venue, title="乙座谈会")
    t.session = SessionFactory(event=t.event, title="乙议程")
    t.material = MaterialFactory(session=t.session, title=f"{MARK} 内部资料")
    t.attendee = UserFactory(name=f"{MARK} 乙参会者", email="zzmark-attendee@example.com")
    t.registration = RegistrationFactory(event=t.event, user=t.attendee)
    t.feed = CalendarFeed.objects.create(user=t.attendee)
    t.message = MessageFactory(session=t.session, author=t.attendee, body=f"{MARK} 聊天")
    t.mute = Mute.objects.create(
        event=t.event, user=t.attendee, until=timezone.now() + timezone.timedelta(hours=1)
    )
    t.company_member = CompanyMembershipFactory(user=UserFactory(name=f"{MARK} 乙企业成员"))
    t.company = t.company_member.company
    t.need = need_create(
        company=t.company,
        title=f"{MARK} 乙受限需求",
        description=f"{MARK} 不公开的需求。",
        visibility="restricted",
        host=t.host,
    )
    t.expert = ExpertProfileFactory(
        name=f"{MARK} 乙未认领专家",
        user=None,
        claimed_at=None,
        imported_by=t.host,
        claim_token="b" * 43,
        email="zzmark-expert@example.edu.cn",
    )
    t.introduction = IntroductionFactory(
        need=t.need, expert=t.expert, host=t.host, initiator="staff", message=f"{MARK} 引荐"
    )
    slots, tables = make_slots(t.event, 2), make_tables(t.event, 2)
    t.meeting = make_meeting(t.event, slots[0], tables[0])
    t.meeting.request.message = f"{MARK} 约见"
    t.meeting.request.save(update_fields=["message"])
    plan = RoundTablePlan.objects.create(event=t.event, table_size=4, created_by=t.staff.user)
    t.seat = RoundTableSeat.objects.create(plan=plan, table=1, person=t.attendee)
    t.invitation = HostInvitation.objects.create(
        host=t.host, email="zzmark-invitee@example.com", invited_by=t.staff.user
    )
    t.company_invitation = CompanyInvitation.objects.create(
        company=t.company, email="zzmark-colleague@example.com", token="c" * 43
    )
    t.batch = ImportBatch.objects.create(
        token="d" * 43, kind="experts", host=t.host, filename=f"{MARK}.csv"
    )
    t.feedback = FeedbackRequestFactory(event=t.event, user=t.attendee)
    t.followup = FollowUpFactory(user=t.company_member.user, introduction=t.introduction)
    draft = EventFactory(host=t.host, status="draft", title="乙计划座谈会")
    t.planned = PlannedForum.objects.create(event=draft, host=t.host, key="water")
    t.people = people
    _fingerprint_rows(t, before)
    return t


def _admin_object(t: Tenant, app_label: str, model_name: str):
    """B's object of that model, when the probe built one."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    for value in vars(t).values():
        if isinstance(value, model):
            return value
    return None


def _pk_of(t: Tenant, name: str, path: str):
    """What `pk` means in the pattern `name`."""
    table = [
        ("material", t.material),
        ("registration", t.registration),
        ("member_remove", t.staff),
        ("invitation", t.invitation),
        ("session_", t.session),
        ("venue", t.venue),
        ("planned_forum", t.planned),
        ("expert", t.expert),
        ("company", t.company),
        ("enterprise", t.company),
        ("need", t.need),
        ("introduction", t.introduction),
        ("meeting", t.meeting),
        ("roundtable", t.seat),
        ("event", t.event),
    ]
    for word, obj in table:
        if word in name:
            return obj.pk
    raise AssertionError(f"the probe does not know what pk means in {name} ({path})")


def _token_of(t: Tenant, name: str):
    return {
        "events:ticket": lambda: t.registration.ticket_token,
        "events:calendar_feed_ics": lambda: t.feed.token,
        "hosts:invitation_accept": lambda: t.invitation.token,
        "profiles:expert_claim": lambda: t.expert.claim_token,
        "profiles:company_join": lambda: t.company_invitation.token,
        "profiles:import_preview": lambda: t.batch.token,
        "outcomes:feedback": lambda: survey_token(t.feedback),
        "outcomes:followup": lambda: survey_token(t.followup),
    }.get(name, lambda: "nosuchtoken")()


def _fill(t: Tenant, path: str, name: str) -> str | None:
    def value(param: str, before: str):
        if param == "slug":
            if before.endswith("series/"):
                return t.series.slug
            if before.endswith(("hosts/", "desk/")):
                return t.host.slug
            return t.event.slug
        simple = {
            "host_slug": t.host.slug,
            "session_id": t.session.pk,
            "mute_id": t.mute.pk,
            "need_id": t.need.pk,
            "event_id": t.event.pk,
            "event_pk": t.event.pk,
            "fmt": "csv",
            "kind": "experts",
            "key": "needs",
            "app_label": "needs",
            "content_type_id": ContentType.objects.get_for_model(t.need).pk,
            "uidb36": "1",
        }
        if param in simple:
            return simple[param]
        if param == "token":
            return _token_of(t, name)
        if param == "pk":
            return _pk_of(t, name, path)
        if param == "object_id":
            parts = name.split(":")
            for app_label in OUR_APPS:
                if parts[-1].startswith(app_label + "_"):
                    model_name = parts[-1][len(app_label) + 1 :].rsplit("_", 1)[0]
                    obj = _admin_object(t, app_label, model_name)
                    return obj.pk if obj else 1
            return t.need.pk
        return None

    out = path
    for match in PARAM.finditer(path):
        param = match.group(2) or match.group(3)
        filled = value(param, path[: match.start()])
        if filled is None:
            return None
        out = out.replace(match.group(0), str(filled), 1)
    out = out.replace("^", "").replace("$", "").replace("\\", "")
    return "/" + out


def _body(t: Tenant, path: str) -> dict:
    """A plausible body: tenant A's host and expert proposing on B's need and people."""
    return {
        "title": "probe",
        "name": "probe",
        "email": "probe@example.com",
        "message": "probe",
        "reason": "probe",
        "comment": "probe",
        "need": t.need.pk,
        "expert": t.expert_a.pk,
        "host": t.host_a.slug,
        "assignee": t.staff.user.pk,
        "to": "closed",
        "score": 5,
        "consent": "on",
        "ids": [t.registration.pk],
        "registration": t.registration.pk,
        "registrations": [t.registration.pk],
        "session": t.session.pk,
        "event": t.event.pk,
        "role": "guest",
        "start": "2030-01-01T10:00",
        "until": "2030-01-01T10:00",
        "minutes": 5,
        "seconds": 5,
        "user": t.attendee.pk,
        "person": t.attendee.pk,
        "table": 2,
        "slot": t.meeting.slot_id,
        "action": "approve",
        "q": "ZZ",
    }


def _foreign_rows(t: Tenant) -> dict:
    """Fingerprints of B's rows and counts of the rows pointing at B."""
    from chat.models import Message
    from events.models import Registration, Session
    from matching.models import Introduction
    from meetings.models import MeetingRequest
    from needs.models import Need, NeedTransition
    from profiles.models import CompanyMembership, ExpertProfile

    counts = {
        "registrations": Registration.objects.filter(event=t.event).count(),
        "sessions": Session.objects.filter(event__host=t.host).count(),
        "host members": HostMembership.objects.filter(host=t.host).count(),
        "company members": CompanyMembership.objects.filter(company=t.company).count(),
        "needs": Need.objects.filter(company=t.company).count(),
        "need history": NeedTransition.objects.filter(need__company=t.company).count(),
        "introductions": Introduction.objects.filter(need__company=t.company).count(),
        "messages": Message.objects.filter(event=t.event).count(),
        "meeting requests": MeetingRequest.objects.filter(event=t.event).count(),
        "experts of B": ExpertProfile.objects.filter(imported_by=t.host).count(),
    }
    prints = {}
    for label, model, pks in t.rows:
        rows = list(model.objects.filter(pk__in=pks).order_by("pk").values())
        prints[label] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return {**counts, **prints}


def _fingerprint_rows(t: Tenant, before: dict) -> None:
    """Remember every row created while building tenant B (by model)."""
    t.rows = []
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS | {"account"}:
            continue
        pks = set(model.objects.values_list("pk", flat=True)) - before.get(model, set())
        if pks:
            t.rows.append((model._meta.label, model, pks))


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the probe runs once per CI run, on SQLite: its minutes are spent on the views, "
    "which are the same on PostgreSQL",
)
@pytest.mark.parametrize("actor", ACTORS)
def test_every_url_with_another_tenants_objects(db, actor, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    t = _build()
    user = t.people[actor]
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    problems, seen_marker, probed = [], 0, 0
    # B's rows as they stand; after each request they are compared with this and it moves on
    # (one fingerprint per request: only the requests change the database).
    before = _foreign_rows(t) if actor not in CONTROLS else None
    for path, name in _patterns():
        if name in SKIPPED or "<path:path>" in path:  # media files: served by nginx
            continue
        url = _fill(t, path, name)
        if url is None:
            continue
        for method in ("get", "post"):
            if user is not None and "_auth_user_id" not in client.session:
                client.force_login(user)  # a logout or a failed step signed them out
            if method == "get":
                response = client.get(url)
            elif url.startswith("/api/"):
                response = client.post(url, _body(t, path), content_type="application/json")
            else:
                response = client.post(url, _body(t, path))
            probed += 1
            where = f"{method.upper()} {url} ({name or path})"
            if response.status_code >= 500:
                problems.append(f"{where}: {response.status_code}")
                if before is not None:
                    before = _foreign_rows(t)
                continue
            content = b"".join(response) if response.streaming else response.content
            shows = 200 <= response.status_code < 300 and MARK.encode() in content
            seen_marker += shows
            allowed = (name, "*") in MAY_SHOW or (name, actor) in MAY_SHOW
            if shows and actor not in CONTROLS and not allowed:
                problems.append(f"{where}: {response.status_code} shows tenant B's data")
            if before is not None:
                after = _foreign_rows(t)
                changed = sorted(k for k in before if before[k] != after[k])
                may = (name, "*") in MAY_WRITE or (name, actor) in MAY_WRITE
                if changed and not may:
                    problems.append(f"{where}: wrote tenant B's {', '.join(changed)}")
                before = after
    assert probed > 500
    assert problems == []
    if actor in CONTROLS:
        assert seen_marker > 0  # the probe is not blind: B's own people do see B's data

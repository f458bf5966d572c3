import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from hosts.models import HostMembership
from hosts.tests.factories import HostFactory, HostMembershipFactory
from needs.models import Need
from needs.services import need_assign, need_transition
from needs.tests.factories import submitted_need

pytestmark = pytest.mark.django_db


def _late(host, assignee, title):
    need = submitted_need(host=host, title=title)
    need_assign(need=need, assignee=assignee, by=assignee)
    Need.objects.filter(pk=need.pk).update(response_deadline=timezone.now() - dt.timedelta(hours=2))
    return need


def _run():
    out = StringIO()
    call_command("remind_overdue_needs", stdout=out)
    return json.loads(out.getvalue().strip().splitlines()[-1])


def test_remind_overdue_mails_each_assignee_once_a_day(
    django_capture_on_commit_callbacks, mailoutbox
):
    host = HostFactory()
    a = HostMembershipFactory(host=host, role=HostMembership.Role.STAFF).user
    b = HostMembershipFactory(host=host, role=HostMembership.Role.STAFF).user
    _late(host, a, "逾期一")
    _late(host, a, "逾期二")
    _late(host, b, "逾期三")
    answered = _late(host, b, "已受理")
    need_transition(need=answered, to="acknowledged", by=b)
    not_due = submitted_need(host=host, title="未到期")
    need_assign(need=not_due, assignee=b, by=b)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _run() == {"assignees": 2, "needs": 3}
    bodies = {m.to[0]: m.body for m in mailoutbox}
    assert set(bodies) == {a.email, b.email}
    assert "逾期一" in bodies[a.email] and "逾期二" in bodies[a.email]
    assert "逾期三" in bodies[b.email] and "已受理" not in bodies[b.email]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _run() == {"assignees": 0, "needs": 0}
    assert mailoutbox == []


def test_remind_overdue_again_next_day(django_capture_on_commit_callbacks, mailoutbox):
    host = HostFactory()
    a = HostMembershipFactory(host=host).user
    need = _late(host, a, "逾期")
    Need.objects.filter(pk=need.pk).update(reminded_on=timezone.localdate() - dt.timedelta(days=1))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _run() == {"assignees": 1, "needs": 1}
    assert [m.to for m in mailoutbox] == [[a.email]]

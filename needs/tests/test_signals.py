"""Higher apps hear about changed needs once per transaction, after commit, and may let more
people see restricted needs."""

import pytest
from django.db import transaction
from django.db.models import Q

from accounts.tests.factories import UserFactory
from needs.models import Need
from needs.permissions import can_view_need
from needs.selectors import visible_needs
from needs.services import need_update
from needs.signals import needs_changed, restricted_need_viewers
from needs.tests.factories import submitted_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    calls = []

    def listener(sender, *, pks, **kwargs):
        calls.append((sender, pks))

    needs_changed.connect(listener, weak=False, dispatch_uid="test_needs_listener")
    yield calls
    needs_changed.disconnect(dispatch_uid="test_needs_listener")


def test_needs_changed_in_one_transaction_are_heard_once_after_commit(
    heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            first = submitted_need(title="甲")
            second = submitted_need(title="乙")
            need_update(need=first, data={"description": "改过的说明"})
        assert heard == []
    # One send, in order, each once. (Ids of rows written by earlier rolled-back transactions
    # on this connection may come along: receivers accept them, see core.signals.)
    assert [sender for sender, _pks in heard] == [Need]
    pks = heard[0][1]
    assert (pks.index(first.pk) < pks.index(second.pk), pks.count(first.pk)) == (True, 1)
    assert len(pks) == len(set(pks))


def test_a_rolled_back_need_is_not_heard(heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                submitted_need(title="甲")
                raise RuntimeError
        except RuntimeError:
            pass
    assert heard == []


def test_a_receiver_lets_more_people_see_restricted_needs():
    need = submitted_need(visibility=Need.Visibility.RESTRICTED)
    reader = UserFactory()
    assert (can_view_need(reader, need), list(visible_needs(user=reader))) == (False, [])

    def rule(sender, *, user, **kwargs):
        return Q(pk=need.pk) if user == reader else Q(pk__in=[])

    restricted_need_viewers.connect(rule, weak=False, dispatch_uid="test_rule")
    try:
        assert (can_view_need(reader, need), list(visible_needs(user=reader))) == (True, [need])
        assert can_view_need(UserFactory(), need) is False
    finally:
        restricted_need_viewers.disconnect(dispatch_uid="test_rule")

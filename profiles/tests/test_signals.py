"""Higher apps hear about changed profiles once per transaction, after commit (a signal sent
by core.signals.send_after_commit)."""

import pytest
from django.db import transaction

from accounts.tests.factories import UserFactory
from profiles.services import expert_profile_save
from profiles.signals import experts_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    calls = []

    def listener(sender, *, pks, **kwargs):
        calls.append(pks)

    experts_changed.connect(listener, weak=False, dispatch_uid="test_listener")
    yield calls
    experts_changed.disconnect(dispatch_uid="test_listener")


def _save(name):
    return expert_profile_save(user=UserFactory(), data={"name": name, "fields_text": "摩擦学"})


def test_changes_of_one_transaction_are_heard_once_after_commit(
    heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            first = _save("甲")
            try:
                with transaction.atomic():  # a failed import row: its savepoint rolls back
                    _save("乙")
                    raise RuntimeError
            except RuntimeError:
                pass
            third = _save("丙")
            expert_profile_save(user=first.user, data={"title": "教授"})
        assert heard == []  # nothing before commit
    assert len(heard) == 1
    assert heard[0].index(first.pk) < heard[0].index(third.pk)
    assert heard[0].count(first.pk) == 1


def test_a_rolled_back_transaction_is_not_heard(heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                _save("甲")
                raise RuntimeError
        except RuntimeError:
            pass
    assert heard == []

"""Accounts made with a mobile number or WeChat have no email address (NULL): mail skips them,
and the pages and profiles that showed or copied the address cope."""

import pytest
from django.core import mail

from accounts.models import User
from accounts.tests.factories import UserFactory
from core.mail import mail_queue

NUMBER = "+8613800138000"


@pytest.fixture
def phone_only(db):
    return UserFactory(email=None, name="", phone=NUMBER, phone_verified=True, verified=False)


def test_mail_to_nobody_sends_nothing(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_queue(to=None, template="account/email/unknown_account", context={})
        mail_queue(to=[None, ""], template="account/email/unknown_account", context={})
    assert mail.outbox == []


def test_several_accounts_may_have_no_email(db):
    UserFactory(email=None, phone="+8613800138001", verified=False)
    UserFactory(email=None, phone="+8613800138002", verified=False)
    assert User.objects.filter(email__isnull=True).count() == 2


def test_an_account_without_email_is_shown_by_its_masked_number(phone_only):
    assert (str(phone_only), phone_only.display_name, phone_only.contact) == (
        "138****8000",
        "138****8000",
        "138 0013 8000",
    )

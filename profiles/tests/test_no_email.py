"""An account made with a mobile number or WeChat has no email address: it can still have an
expert profile."""

from accounts.tests.factories import UserFactory
from profiles.services import expert_profile_save


def test_an_account_without_email_can_make_an_expert_profile(db):
    phone_only = UserFactory(
        email=None, name="", phone="+8613800138000", phone_verified=True, verified=False
    )
    profile = expert_profile_save(user=phone_only, data={"name": "李雷"})
    assert (profile.email, profile.user_id) == ("", phone_only.pk)

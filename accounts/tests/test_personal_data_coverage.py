"""Every model that holds a key to a person (the user or their expert profile) is exported or
erased by some app's part in accounts.personal_data, or exempted here with the reason."""

from django.apps import apps
from django.contrib.auth import get_user_model

from accounts import personal_data

# Covered by accounts.services.user_data_export / user_delete themselves.
ACCOUNTS_OWN = {
    "account.EmailAddress",
    "socialaccount.SocialAccount",
    "accounts.PrivacyConsent",
}
EXEMPT = {
    # The evidence of the deletion itself (what was erased, when); it holds no personal text.
    "accounts.AccountDeletion": "evidence of the deletion",
    # Django admin's log of staff edits: the staff member's work record, not about them.
    "admin.LogEntry": "staff audit trail",
    # Membership through HostMembership / CompanyMembership, which are covered.
    "hosts.Host": "members through HostMembership",
    "profiles.Company": "members through CompanyMembership",
    # Records of staff work for a host (who sent, uploaded, changed, planned); SET_NULL keys.
    "profiles.CompanyInvitation": "invited_by: staff work record",
    "profiles.ImportBatch": "uploaded_by: staff work record",
    "events.EventChange": "changed_by: staff audit of an event",
    "meetings.RoundTablePlan": "created_by: staff work record",
    "outcomes.PlannedForum": "created_by: staff work record",
    "outcomes.ForumInvitation": "sent_by: staff work record",
    # Computed from the expert profile; deleted with it (CASCADE) by the profiles part.
    "matching.Suggestion": "derived from the profile, deleted with it",
}


def _personal_models() -> set[str]:
    user = get_user_model()
    profile = apps.get_model("profiles", "ExpertProfile")
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model in (user, profile):
                found.add(model._meta.label)
    return found - {user._meta.label}


def test_every_model_with_a_personal_key_has_an_export_or_erase_part():
    covered = {label for part in personal_data.parts() for label in part.models}
    missing = _personal_models() - covered - ACCOUNTS_OWN - set(EXEMPT)
    assert missing == set()


def test_parts_name_only_real_models_and_exemptions_are_needed():
    covered = {label for part in personal_data.parts() for label in part.models}
    personal = _personal_models()
    assert covered - personal == set()
    assert set(EXEMPT) - personal == set()
    assert set(EXEMPT) & covered == set()


def test_every_app_with_personal_data_registers_a_part():
    labels = [part.label for part in personal_data.parts()]
    assert labels == [
        "hosts",
        "profiles",
        "needs",
        "events",
        "matching",
        "meetings",
        "chat",
        "outcomes",
    ]

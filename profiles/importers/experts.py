"""Expert rows: name,title,institution,department,fields,research_summary,email,phone.

Upserted by email (case-insensitive). A profile its expert has claimed is theirs: the import
leaves it as it is. New profiles are unclaimed and their experts get a claim link by email.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from profiles.models import ExpertProfile
from profiles.services import expert_claim_invite
from profiles.terms import expert_terms_refresh
from profiles.text import split_labels

COLUMNS = [
    "name",
    "title",
    "institution",
    "department",
    "fields",
    "research_summary",
    "email",
    "phone",
]
LIMITS = {"name": 150, "title": 100, "institution": 200, "department": 200, "phone": 40}


def check(row: dict) -> tuple[dict, list[str]]:
    """(values for the profile, reasons to reject the row)."""
    errors = []
    email = row["email"].strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        errors.append(_("A valid email address is required."))
    if not row["name"]:
        errors.append(_("The name is missing."))
    for column, limit in LIMITS.items():
        if len(row[column]) > limit:
            errors.append(
                _("%(column)s is longer than %(limit)d characters.")
                % {"column": column, "limit": limit}
            )
    fields_text = "、".join(split_labels(row["fields"]))
    if len(fields_text) > 500:
        errors.append(_("fields is longer than 500 characters."))
    values = {
        "name": row["name"],
        "title": row["title"],
        "institution": row["institution"],
        "department": row["department"],
        "fields_text": fields_text,
        "research_summary": row["research_summary"],
        "email": email,
        "phone": row["phone"],
    }
    return values, errors


def label(row: dict) -> str:
    return f"{row['name']} <{row['email']}>"


def write(values: dict, host) -> str:
    """Create or update one expert; returns created, updated or unchanged."""
    profile = ExpertProfile.objects.filter(email__iexact=values["email"]).first()
    if profile is None:
        profile = ExpertProfile.objects.create(imported_by=host, **values)
        expert_terms_refresh(profile)
        expert_claim_invite(profile=profile)
        return "created"
    if profile.is_claimed:
        return "unchanged"
    changed = [k for k, v in values.items() if k != "email" and getattr(profile, k) != v]
    if profile.imported_by_id is None and host is not None:
        profile.imported_by = host
        changed.append("imported_by")
    if not changed:
        return "unchanged"
    for key in changed:
        if key != "imported_by":
            setattr(profile, key, values[key])
    profile.save()
    expert_terms_refresh(profile)
    return "updated"

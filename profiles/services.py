import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import PrivacyConsent
from accounts.services import privacy_consent_record
from core.mail import mail_queue
from core.sites import absolute_url
from profiles.credit_code import normalize_credit_code
from profiles.models import (
    Company,
    CompanyInvitation,
    CompanyMembership,
    CooperationForm,
    ExpertProfile,
    Topic,
)
from profiles.signals import expert_changed
from profiles.terms import expert_terms_refresh

EXPERT_EDITABLE = [
    "name",
    "title",
    "institution",
    "department",
    "highest_degree",
    "fields_text",
    "research_summary",
    "achievements",
    "cooperation_forms",
    "availability",
    "max_active_engagements",
    "languages",
    "matching_opt_out",
    "visibility",
    "email",
    "phone",
    "wechat",
]
COMPANY_EDITABLE = [
    "name",
    "credit_code",
    "industry",
    "size",
    "district",
    "district_en",
    "parent_name",
    "description",
    "stage",
]


def cooperation_forms_clean(values) -> list[str]:
    values = list(values or [])
    wrong = [v for v in values if v not in CooperationForm.values]
    if wrong:
        raise ValidationError(
            _("Unknown form of cooperation: %(value)s."),
            code="invalid_cooperation_form",
            params={"value": ", ".join(map(str, wrong))},
        )
    return values


@transaction.atomic
def expert_profile_save(*, user, data: dict) -> ExpertProfile:
    """Create or update the signed-in person's own expert profile from form data.

    A profile a person makes for themself counts as claimed from the start.
    """
    profile = ExpertProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        profile = ExpertProfile(user=user, email=user.email or "", claimed_at=timezone.now())
    for field in EXPERT_EDITABLE:
        if field in data:
            setattr(profile, field, data[field])
    profile.cooperation_forms = cooperation_forms_clean(profile.cooperation_forms)
    profile.full_clean()
    profile.save()
    return expert_terms_refresh(profile)


def expert_claim_url(profile: ExpertProfile) -> str:
    return absolute_url(reverse("profiles:expert_claim", args=[profile.claim_token]))


@transaction.atomic
def expert_claim_invite(*, profile: ExpertProfile) -> ExpertProfile:
    """Give an unclaimed profile an unguessable claim token and email the link to the expert.

    The email leaves after commit. A profile without an email or already claimed is left alone.
    """
    if profile.is_claimed or not profile.email:
        return profile
    if not profile.claim_token:
        profile.claim_token = secrets.token_urlsafe(32)
        profile.save(update_fields=["claim_token", "updated_at"])
    host = profile.imported_by
    mail_queue(
        to=profile.email,
        template="profiles/email/expert_claim",
        context={
            "name": profile.name,
            "host": host.name if host else "",
            "url": expert_claim_url(profile),
        },
    )
    return profile


@transaction.atomic
def expert_profile_claim(*, token: str, user, consent: bool) -> ExpertProfile:
    """Attach the unclaimed profile with this token to `user`, recording their consent to the
    privacy notice (context profile_claim). Until then the profile is hidden from the public.
    """
    profile = (
        ExpertProfile.objects.select_for_update()
        .filter(claim_token=token, claimed_at__isnull=True)
        .first()
    )
    if profile is None:
        raise ValidationError(
            _("This claim link is no longer valid. Ask the organizers for a new one."),
            code="claim_invalid",
        )
    if not consent:
        raise ValidationError(
            _("To claim your profile, please agree to the privacy notice."),
            code="consent_required",
        )
    if ExpertProfile.objects.filter(user=user).exclude(pk=profile.pk).exists():
        raise ValidationError(
            _("Your account already has an expert profile."), code="profile_exists"
        )
    profile.user = user
    profile.claimed_at = timezone.now()
    profile.claim_token = None
    profile.save(update_fields=["user", "claimed_at", "claim_token", "updated_at"])
    privacy_consent_record(user=user, context=PrivacyConsent.Context.PROFILE_CLAIM)
    expert_changed(profile)
    return profile


@transaction.atomic
def company_save_for_member(*, user, company: Company | None, data: dict) -> Company:
    """Create a company with `user` as its administering member, or update one they belong to."""
    created = company is None
    if created:
        company = Company()
    for field in COMPANY_EDITABLE:
        if field in data:
            setattr(company, field, data[field])
    company.credit_code = normalize_credit_code(company.credit_code)
    company.parent_name = company.parent_name.strip()
    if company.parent_name:
        # Link the parent when it is a company we know; the name alone still counts for the
        # matcher's conflict-of-interest check.
        company.parent = (
            Company.objects.filter(name=company.parent_name).exclude(pk=company.pk).first()
        )
    else:
        company.parent = None
    company.full_clean()
    company.save()
    if created:
        CompanyMembership.objects.create(company=company, user=user, is_admin=True)
    return company


@transaction.atomic
def company_verify(*, company: Company, host, verified: bool = True) -> Company:
    """Mark the company verified by `host` (a badge), or take the mark away.

    The caller checks that the acting person is staff of `host`.
    """
    company.verified_at = timezone.now() if verified else None
    company.verified_by = host if verified else None
    company.save(update_fields=["verified_at", "verified_by", "updated_at"])
    return company


@transaction.atomic
def company_invitation_create(*, company: Company, email: str, by) -> CompanyInvitation:
    """Invite a colleague by email to join the company (the caller checks `by` administers it)."""
    email = (email or "").strip().lower()
    if company.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s is already a member of this company."),
            code="already_member",
            params={"email": email},
        )
    invitation = CompanyInvitation.objects.create(
        company=company, email=email, token=secrets.token_urlsafe(32), invited_by=by
    )
    mail_queue(
        to=email,
        template="profiles/email/company_invitation",
        context={
            "company": company.name,
            "inviter": by.display_name if by else "",
            "url": absolute_url(reverse("profiles:company_join", args=[invitation.token])),
        },
    )
    return invitation


@transaction.atomic
def company_invitation_accept(*, token: str, user) -> CompanyMembership:
    """Make `user` a (non-administering) member of the inviting company; a link works once."""
    invitation = (
        CompanyInvitation.objects.select_for_update()
        .filter(token=token, accepted_at__isnull=True)
        .select_related("company")
        .first()
    )
    if invitation is None:
        raise ValidationError(
            _("This invitation link is no longer valid."), code="invitation_invalid"
        )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    membership, _created = CompanyMembership.objects.get_or_create(
        company=invitation.company, user=user
    )
    return membership


SYNONYM_MAX_LENGTH = 100


@transaction.atomic
def topic_synonym_add(*, topic: Topic, term: str, language: str) -> Topic:
    """Add `term` to the Chinese (`language` "zh") or English ("en") synonyms of `topic`.

    Saving the topic bumps the taxonomy's version (profiles.apps), so every process rebuilds
    its segmenter and the matcher its taxonomy on next use. Refused: an empty or too long term,
    an unknown language, and a term that already names or is a synonym of any topic.
    """
    term = " ".join((term or "").split())
    if language not in ("zh", "en"):
        raise ValidationError(_("Choose Chinese or English."), code="invalid_language")
    if not term or len(term) > SYNONYM_MAX_LENGTH:
        raise ValidationError(
            _("A synonym has from 1 to %(max)d characters.") % {"max": SYNONYM_MAX_LENGTH},
            code="invalid_term",
        )
    folded = term.casefold()
    for other in Topic.objects.select_for_update().order_by("pk"):
        if folded in {t.casefold() for t in other.terms if t}:
            raise ValidationError(
                _("“%(term)s” already names the topic “%(topic)s”.")
                % {"term": term, "topic": other.label},
                code="duplicate_term",
            )
    topic = Topic.objects.get(pk=topic.pk)
    field = "synonyms_zh" if language == "zh" else "synonyms_en"
    setattr(topic, field, [*(getattr(topic, field) or []), term])
    topic.save(update_fields=[field, "updated_at"])
    return topic

"""What a registration must satisfy: the roles a person may take and the answers to the
organizer's questions."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from events.models import Event, Registration
from events.selectors import SEAT_ROLES
from profiles.models import ExpertProfile

Role = Registration.Role
MAX_ANSWER_LENGTH = 1000


def validate_answers(event: Event, answers: dict | None) -> dict:
    """The answers to the event's questions, cleaned: only known keys, required ones present,
    choices among the offered ones. Raises ValidationError (code "answers")."""
    answers = answers or {}
    if not isinstance(answers, dict):
        raise ValidationError(_("Answers must be given as an object."), code="answers")
    cleaned = {}
    for question in event.questions or []:
        key = question.get("key")
        value = answers.get(key, "")
        value = "" if value is None else str(value).strip()
        label = question.get("label") or key
        if not value:
            if question.get("required"):
                raise ValidationError(
                    _("Please answer “%(question)s”."), code="answers", params={"question": label}
                )
            continue
        if question.get("type") == "choice" and value not in (question.get("choices") or []):
            raise ValidationError(
                _("“%(value)s” is not one of the choices for “%(question)s”."),
                code="answers",
                params={"value": value, "question": label},
            )
        if len(value) > MAX_ANSWER_LENGTH:
            raise ValidationError(
                _("The answer to “%(question)s” is too long (at most %(max)s characters)."),
                code="answers",
                params={"question": label, "max": MAX_ANSWER_LENGTH},
            )
        cleaned[key] = value
    return cleaned


def check_role_allowed(user, role: str) -> None:
    """Guests may be anyone; experts need an expert profile, enterprises a company."""
    if role not in SEAT_ROLES:
        raise ValidationError(_("Choose expert, enterprise or guest."), code="role")
    if role == Role.EXPERT and not _has_expert_profile(user):
        raise ValidationError(
            _("Registering as an expert needs an expert profile. Fill in yours first."),
            code="role_needs_profile",
        )
    if role == Role.ENTERPRISE and not user.company_memberships.exists():
        raise ValidationError(
            _("Registering as an enterprise needs a company. Join or add your company first."),
            code="role_needs_company",
        )


def _has_expert_profile(user) -> bool:
    return ExpertProfile.objects.filter(user=user).exists()


def allowed_roles(user) -> list[str]:
    """The roles `user` may register in: guest always, expert with an expert profile,
    enterprise with a company."""
    roles = []
    if _has_expert_profile(user):
        roles.append(Role.EXPERT)
    if user.company_memberships.exists():
        roles.append(Role.ENTERPRISE)
    return [*roles, Role.GUEST]

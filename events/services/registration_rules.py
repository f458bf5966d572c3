"""What a registration must satisfy: the roles a person may take and the answers to the
organizer's questions."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from events.models import Event, Registration
from events.selectors import SEAT_ROLES
from profiles.models import ExpertProfile

Role = Registration.Role
MAX_ANSWER_LENGTH = 1000


YES_NO = ("yes", "no")


def _values(value) -> list[str]:
    """An answer as a list of stripped, non-empty texts (a multiple choice comes as a list)."""
    items = value if isinstance(value, list | tuple) else [value]
    texts = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, bool):
            item = "yes" if item else "no"
        text = str(item).strip()
        if text:
            texts.append(text)
    return texts


def validate_answers(event: Event, answers: dict | None) -> dict:
    """The answers to the event's questions, cleaned: only known keys, required ones present,
    choices among the offered ones ("yes" or "no" for yes/no questions; a list of choices for
    multiple choice, kept in the offered order). Raises ValidationError (code "answers")."""
    answers = answers or {}
    if not isinstance(answers, dict):
        raise ValidationError(_("Answers must be given as an object."), code="answers")
    cleaned = {}
    for question in event.questions or []:
        key = question.get("key")
        kind = question.get("type", "text")
        values = _values(answers.get(key))
        label = question.get("label") or key
        if not values:
            if question.get("required"):
                raise ValidationError(
                    _("Please answer “%(question)s”."), code="answers", params={"question": label}
                )
            continue
        if kind != "multiple" and len(values) > 1:
            raise ValidationError(
                _("Give one answer to “%(question)s”."),
                code="answers",
                params={"question": label},
            )
        offered = YES_NO if kind == "yesno" else question.get("choices") or []
        if kind in ("choice", "multiple", "yesno"):
            for value in values:
                if value not in offered:
                    raise ValidationError(
                        _("“%(value)s” is not one of the choices for “%(question)s”."),
                        code="answers",
                        params={"value": value[:100], "question": label},
                    )
        if kind == "multiple":
            cleaned[key] = [choice for choice in offered if choice in values]
            continue
        value = values[0]
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

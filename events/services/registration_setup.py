"""The registration set-up of an event, as its organizers change it: seats per role, the
questions registrants answer, and the window. `event_create` and `event_update`
(events/services/events.py) call these checks inside their transaction, after locking the
event row and before saving.

Rules:
- A role's quota is at most the overall capacity (when there is one); the quotas together may
  exceed it, because a quota caps a role rather than reserving seats for it.
- Neither the capacity nor a quota may drop below the registrations already confirmed for it
  (code `below_confirmed`): people with a seat keep it, so lower it after cancelling some.
- Questions get a random key when new, and keep it: a registrant's answers are stored by key.
  A question that registrants answered keeps its type, and a choice somebody picked stays
  (code `answered`). A removed question is no longer asked; answers already given stay on
  their registrations (API and personal-data download).
- The window closes after it opens, and opens before the event ends.
"""

import secrets

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from events.models import Event, Registration, validate_questions
from events.selectors import SEAT_ROLES, confirmed_counts

QUOTA_FIELDS = {
    "expert": "quota_experts",
    "enterprise": "quota_enterprises",
    "guest": "quota_guests",
}
MAX_QUESTIONS = 30
MAX_CHOICES = 30
MAX_LABEL = 200


def new_question_key() -> str:
    return f"q{secrets.token_hex(4)}"


def questions_normalise(questions) -> list[dict]:
    """Organizer questions in their stored shape, in the order given: {key, label, label_en,
    type, required, choices}; a key is made for new questions, labels and choices stripped,
    blank and repeated choices dropped. Raises ValidationError (field `questions`) for a shape
    the model refuses."""
    if not isinstance(questions, list):
        raise ValidationError(
            {"questions": ValidationError(_("Questions must be a list."), code="questions")}
        )
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError(
            {
                "questions": ValidationError(
                    _("Ask at most %(max)s questions."),
                    code="questions",
                    params={"max": MAX_QUESTIONS},
                )
            }
        )
    cleaned = []
    for question in questions:
        if not isinstance(question, dict):
            raise ValidationError(
                {"questions": ValidationError(_("Every question needs a label."), code="questions")}
            )
        kind = question.get("type") or "text"
        choices = []
        if kind in ("choice", "multiple"):
            for choice in question.get("choices") or []:
                choice = str(choice).strip()[:MAX_LABEL]
                if choice and choice not in choices:
                    choices.append(choice)
        cleaned.append(
            {
                "key": str(question.get("key") or "").strip() or new_question_key(),
                "label": str(question.get("label") or "").strip()[:MAX_LABEL],
                "label_en": str(question.get("label_en") or "").strip()[:MAX_LABEL],
                "type": kind,
                "required": bool(question.get("required")),
                "choices": choices[:MAX_CHOICES],
            }
        )
    try:
        validate_questions(cleaned)
    except ValidationError as exc:
        raise ValidationError({"questions": exc}) from exc
    return cleaned


def _answered(event: Event) -> dict[str, set[str]]:
    """What active registrants answered, per question key: the set of values given."""
    given: dict[str, set[str]] = {}
    rows = Registration.objects.filter(
        event=event, status__in=Registration.ACTIVE_STATUSES
    ).values_list("answers", flat=True)
    for answers in rows:
        for key, value in (answers or {}).items():
            values = value if isinstance(value, list) else [value]
            given.setdefault(key, set()).update(str(v) for v in values if v not in ("", None))
    return given


def check_questions_change(*, event: Event, old: list[dict], new: list[dict]) -> None:
    """Refuse a change of the questions that would orphan answers already given: a new type for
    an answered question, or the removal of a choice somebody picked."""
    if not event.pk or not old:
        return
    before = {q.get("key"): q for q in old}
    changed = [q for q in new if q["key"] in before and q != before[q["key"]]]
    if not changed:
        return
    given = _answered(event)
    for question in changed:
        previous = before[question["key"]]
        values = given.get(question["key"])
        if not values:
            continue
        label = question["label"] or previous.get("label", "")
        if question["type"] != previous.get("type", "text"):
            raise ValidationError(
                {
                    "questions": ValidationError(
                        _(
                            "Registrants have answered “%(question)s”: its type can no longer "
                            "change. Add a new question instead."
                        ),
                        code="answered",
                        params={"question": label},
                    )
                }
            )
        if question["type"] in ("choice", "multiple"):
            lost = sorted(values - set(question["choices"]))
            if lost:
                raise ValidationError(
                    {
                        "questions": ValidationError(
                            _(
                                "Registrants chose %(choices)s in “%(question)s”: keep these "
                                "choices."
                            ),
                            code="answered",
                            params={"choices": "、".join(lost), "question": label},
                        )
                    }
                )


def check_seats(*, event: Event, before: dict[str, int | None]) -> None:
    """Quotas within the capacity, and neither lowered below the seats confirmed for it.

    `before` holds the capacity and quotas the event had (empty for a new event): a figure that
    did not change is not held against the registrations, so an event already over a limit can
    still be edited. Call with the event's seat row locked (events.services.seats.seats_lock)."""
    for role in SEAT_ROLES:
        field = QUOTA_FIELDS[role]
        quota = getattr(event, field)
        if quota is not None and event.capacity is not None and quota > event.capacity:
            raise ValidationError(
                {
                    field: ValidationError(
                        _("A role's seats cannot exceed the capacity (%(capacity)s)."),
                        code="quota_above_capacity",
                        params={"capacity": event.capacity},
                    )
                }
            )
    if not event.pk:
        return
    limits = {"capacity": ("total", event.capacity)}
    limits |= {
        QUOTA_FIELDS[role]: (role, getattr(event, QUOTA_FIELDS[role])) for role in SEAT_ROLES
    }
    lowered = {
        field: (key, value)
        for field, (key, value) in limits.items()
        if value is not None and value != before.get(field)
    }
    if not lowered:
        return
    counts = confirmed_counts(event)
    for field, (key, value) in lowered.items():
        if value < counts[key]:
            raise ValidationError(
                {
                    field: ValidationError(
                        _(
                            "Seats already confirmed here: %(confirmed)s. This figure cannot go "
                            "below that; cancel registrations first to lower it."
                        ),
                        code="below_confirmed",
                        params={"confirmed": counts[key]},
                    )
                }
            )


def check_window(*, event: Event) -> None:
    """The registration window closes after it opens and opens before the event ends."""
    opens, closes = event.registration_opens, event.registration_closes
    if opens is not None and closes is not None and closes <= opens:
        raise ValidationError(
            {
                "registration_closes": ValidationError(
                    _("Registration must close after it opens."), code="window"
                )
            }
        )
    if opens is not None and opens >= event.end:
        raise ValidationError(
            {
                "registration_opens": ValidationError(
                    _("Registration must open before the event ends."), code="window"
                )
            }
        )


def seat_limits(event: Event) -> dict[str, int | None]:
    """The event's capacity and quotas by field name, to pass back as `before`."""
    return {"capacity": event.capacity} | {
        field: getattr(event, field) for field in QUOTA_FIELDS.values()
    }

"""The needs desk (like a 12345 citizen-request office): lifecycle, assignment, rating.

Lifecycle — the only transitions that succeed:

    from \\ to     acknowledged  in_progress   resolved  closed
    submitted     desk          —             —         desk, company
    acknowledged  —             desk          —         desk, company
    in_progress   —             —             desk      desk, company
    resolved      —             desk, company —         —
    closed        (final: nothing)

"desk" is the responsible host's staff (any approved host's staff while no host is
responsible yet) and superusers; "company" is a member of the company that posted the need.
Closing needs a reason (the comment). resolved → in_progress reopens a need the company is not
satisfied with; it needs a comment and is refused once the company has rated the resolution.

Times: `responded_at` is the first transition out of "submitted" by someone other than the
company (a company withdrawing its own need is no response); `resolved_at` the latest
resolution. The host whose staff first acts on an unowned need becomes responsible for it
(the first by name, should they work for several). The member who posted the need is emailed
when the desk acknowledges, resolves or closes it.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.mail import mail_queue
from hosts.models import Host
from needs.models import (
    COMMENT_REQUIRED,
    NEED_EDITABLE,
    TRANSITIONS,
    WANTED_BY_HORIZON,
    Need,
    NeedRating,
    NeedTransition,
)
from needs.permissions import desk_hosts_of, is_need_desk
from needs.signals import need_changed
from profiles.models import Company, Topic
from profiles.services import cooperation_forms_clean
from profiles.taxonomy import topic_ids_in_text
from profiles.terms import terms_refresh
from profiles.text import tokenize

S = Need.Status
NOTIFY_COMPANY = (S.ACKNOWLEDGED, S.RESOLVED, S.CLOSED)
DEFAULT_RESPONSE_TIME = dt.timedelta(days=3)


def wanted_by_clean(value: dt.date | None, *, today: dt.date | None = None) -> dt.date | None:
    """A wanted-by date from today up to five years ahead; raises ValidationError
    (wanted_by_range) on the `wanted_by` field otherwise."""
    if value is None:
        return None
    today = today or timezone.localdate()
    if not today <= value <= today + WANTED_BY_HORIZON:
        raise ValidationError(
            {
                "wanted_by": ValidationError(
                    _("Choose a date from today up to five years ahead."), code="wanted_by_range"
                )
            }
        )
    return value


def record_submission(*, need: Need, by=None) -> NeedTransition:
    """The first history entry of a new need (called by `need_create`)."""
    return NeedTransition.objects.create(
        need=need, from_status="", to_status=S.SUBMITTED, by=by, at=need.created_at
    )


def need_terms_refresh(
    need: Need, *, labels: list[str] | None = None, topics: list[Topic] | None = None
) -> Need:
    """Recompute a need's topics, keywords and stored tokens from its tags and text.

    `labels` (tags) map to topics or become keywords; None keeps the current keywords as tags.
    `topics`, when given, are the topics the company confirmed: the need gets exactly those
    (topics named in the text are only suggested on the form, never forced back in).
    """
    if labels is None:
        current = [] if topics is not None else need.topics.values_list("name_zh", flat=True)
        labels = [*current, *need.keywords]
    if topics is not None:
        labels = [*(t.name_zh for t in topics), *labels]
    terms_refresh(need, labels=labels, text="\n".join([need.title, need.description, *labels]))
    if topics is not None:
        need.topics.set(topics)
    need_changed(need)
    return need


@transaction.atomic
def need_create(
    *,
    company: Company,
    title: str,
    description: str = "",
    category: str = Need.Category.OTHER,
    urgency: str = Need.Urgency.NORMAL,
    created_by=None,
    tags: list[str] | None = None,
    cooperation_forms: list[str] | None = None,
    budget_min: int | None = None,
    budget_max: int | None = None,
    visibility: str = Need.Visibility.PUBLIC,
    wanted_by: dt.date | None = None,
    topics: list[Topic] | None = None,
    host=None,
) -> Need:
    """Post a company's need; it starts as submitted, with that first step in its history.

    `tags` are free labels mapped to topics (unmatched ones kept as keywords); topics named in
    the title or description are added — unless `topics` is given: then the need has exactly
    the topics the company confirmed (see `need_topics_suggest`). `wanted_by` runs from today
    to five years ahead; the budget range is ordered. Raises ValidationError. `host` makes a
    host's desk responsible from the start (e.g. an organizer posting for a company);
    otherwise the host whose staff first acknowledges it becomes responsible.
    """
    need = Need(
        company=company,
        title=title.strip(),
        description=description,
        category=category,
        urgency=urgency,
        created_by=created_by,
        cooperation_forms=cooperation_forms_clean(cooperation_forms),
        budget_min=budget_min,
        budget_max=budget_max,
        visibility=visibility,
        wanted_by=wanted_by_clean(wanted_by),
        host=host,
    )
    need.full_clean()
    need.save()
    record_submission(need=need, by=created_by)
    return need_terms_refresh(need, labels=list(tags or []), topics=topics)


def need_topics_suggest(*, text: str) -> list[Topic]:
    """The taxonomy's topics named in `text` (a need's title and description), in the order
    they appear: what the need form pre-selects for the company to confirm or change. Uses the
    one tokenizer and taxonomy index (profiles.text, profiles.taxonomy); reads, writes nothing.
    """
    ids = topic_ids_in_text(tokenize(text or ""))
    by_id = Topic.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


@transaction.atomic
def need_transition(*, need: Need, to: str, by, comment: str = "") -> Need:
    """Move `need` to status `to`, store who did it, when and why, and return the need.

    Preconditions: the caller checked `can_transition_need(by, need, to)`. Raises
    ValidationError (codes: unknown_status, transition_not_allowed, comment_required,
    already_rated) and changes nothing when the step is not allowed.
    """
    need = Need.objects.select_for_update().get(pk=need.pk)
    comment = (comment or "").strip()
    if to not in S.values:
        raise ValidationError(
            _("“%(status)s” is not a status of a need.") % {"status": to}, code="unknown_status"
        )
    source = need.status
    if to not in TRANSITIONS.get(source, ()):
        raise ValidationError(
            _("A need that is “%(from)s” cannot become “%(to)s”.")
            % {"from": S(source).label, "to": S(to).label},
            code="transition_not_allowed",
        )
    if (source, to) in COMMENT_REQUIRED and not comment:
        message = (
            _("Please give the reason for closing the need.")
            if to == S.CLOSED
            else _("Please say why the need is reopened.")
        )
        raise ValidationError(message, code="comment_required")
    if source == S.RESOLVED and NeedRating.objects.filter(need=need).exists():
        raise ValidationError(
            _("The company has rated the resolution; the need can no longer be reopened."),
            code="already_rated",
        )
    now = timezone.now()
    NeedTransition.objects.create(
        need=need, from_status=source, to_status=to, by=by, at=now, comment=comment
    )
    need.status = to
    # Only the desk's own steps are responses: not the company's, nor an expert's.
    by_desk = by is not None and is_need_desk(by, need)
    if source == S.SUBMITTED and need.responded_at is None and by_desk:
        need.responded_at = now
    if need.host_id is None and by_desk:
        need.host = desk_hosts_of(by).first()
    need.resolved_at = now if to == S.RESOLVED else None
    need.save(update_fields=["status", "responded_at", "host", "resolved_at", "updated_at"])
    need_changed(need)
    poster = need.created_by
    if by_desk and to in NOTIFY_COMPANY and poster and poster.is_active and poster != by:
        mail_queue(
            to=poster.email,
            template="needs/email/need_status",
            context={**need_mail_context(need), "status": to, "comment": comment},
        )
    return need


@transaction.atomic
def need_assign(*, need: Need, assignee, by, response_deadline: dt.datetime | None = None) -> Need:
    """Make `assignee` (a staff member of the responsible host) answer for `need` (派单).

    Without a responsible host, the first approved host that `by` and `assignee` both work for
    becomes responsible. The deadline defaults to three days from now (or stays as it was).
    Raises ValidationError (need_not_open, assignee_not_staff, deadline_in_past).
    """
    need = Need.objects.select_for_update().get(pk=need.pk)
    if not need.is_open:
        raise ValidationError(_("Only an open need can be assigned."), code="need_not_open")
    host = need.host or _shared_host(by, assignee)
    if host is None or not host.memberships.filter(user=assignee).exists():
        raise ValidationError(
            _("%(name)s is not on the staff of the host responsible for this need.")
            % {"name": getattr(assignee, "display_name", "—")},
            code="assignee_not_staff",
        )
    now = timezone.now()
    if response_deadline is not None and response_deadline <= now:
        raise ValidationError(_("The deadline must be in the future."), code="deadline_in_past")
    need.host = host
    need.assignee = assignee
    need.response_deadline = (
        response_deadline or need.response_deadline or now + DEFAULT_RESPONSE_TIME
    )
    need.reminded_on = None
    need.save(update_fields=["host", "assignee", "response_deadline", "reminded_on", "updated_at"])
    if assignee != by:
        mail_queue(
            to=assignee.email,
            template="needs/email/need_assigned",
            context=need_mail_context(need),
        )
    return need


def _shared_host(by, assignee) -> Host | None:
    hosts = desk_hosts_of(assignee)
    if not getattr(by, "is_superuser", False):
        hosts = hosts.filter(memberships__user=by)
    return hosts.first()


def need_mail_context(need: Need) -> dict:
    """Plain values that need emails show."""
    return {
        "title": need.title,
        "company": need.company.name,
        "url": reverse("needs:need_detail", args=[need.pk]),
        "deadline": need.response_deadline.isoformat() if need.response_deadline else "",
        "deadline_local": (
            timezone.localtime(need.response_deadline).strftime("%Y-%m-%d %H:%M")
            if need.response_deadline
            else ""
        ),
    }


@transaction.atomic
def need_rate(*, need: Need, by, score: int, comment: str = "") -> NeedRating:
    """Store the company's satisfaction (1–5) with a resolved need; once, and final.

    Preconditions: the caller checked `can_rate_need(by, need)`. Raises ValidationError
    (need_not_resolved, already_rated, invalid_score).
    """
    need = Need.objects.select_for_update().get(pk=need.pk)
    if need.status != S.RESOLVED:
        raise ValidationError(
            _("A need can be rated once it is resolved."), code="need_not_resolved"
        )
    if NeedRating.objects.filter(need=need).exists():
        raise ValidationError(_("This need is already rated."), code="already_rated")
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
        raise ValidationError(_("Rate your satisfaction from 1 to 5."), code="invalid_score")
    return NeedRating.objects.create(need=need, by=by, score=score, comment=(comment or "").strip())


@transaction.atomic
def need_update(*, need: Need, data: dict) -> Need:
    """Change an open need's text, category, urgency, forms of cooperation, budget, wanted-by
    date, visibility and, with `data["topics"]`, its confirmed topics (its company's members
    do). Raises ValidationError (need_not_open, field errors)."""
    need = Need.objects.select_for_update().get(pk=need.pk)
    if not need.is_open:
        raise ValidationError(_("Only an open need can be edited."), code="need_not_open")
    if data.get("wanted_by") not in (None, need.wanted_by):
        wanted_by_clean(data["wanted_by"])  # an unchanged date may have passed meanwhile
    for field in NEED_EDITABLE:
        if field in data:
            setattr(need, field, data[field].strip() if field == "title" else data[field])
    need.cooperation_forms = cooperation_forms_clean(need.cooperation_forms)
    need.full_clean()
    need.save()
    # New words in the title or description must reach the stored tokens the matcher reads.
    topics = data.get("topics")
    need_terms_refresh(need, topics=list(topics) if topics is not None else None)
    return need


@transaction.atomic
def needs_remind_overdue(*, now: dt.datetime | None = None) -> dict:
    """Email each assignee the list of their overdue needs, once a day.

    Overdue: still "submitted" after the response deadline. A need reminded today (in the
    site's time zone) is skipped, so running this again the same day sends nothing. Returns
    {"assignees": how many were mailed, "needs": how many needs were in the mails}.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    needs = list(
        Need.objects.select_for_update(of=("self",))
        .filter(
            status=S.SUBMITTED,
            response_deadline__lt=now,
            assignee__isnull=False,
            assignee__is_active=True,
        )
        .exclude(reminded_on=today)
        .select_related("assignee", "company")
        .order_by("assignee_id", "response_deadline", "id")
    )
    by_assignee: dict = {}
    for need in needs:
        by_assignee.setdefault(need.assignee, []).append(need)
    for assignee, items in by_assignee.items():
        mail_queue(
            to=assignee.email,
            template="needs/email/needs_overdue",
            context={"needs": [need_mail_context(need) for need in items]},
        )
    Need.objects.filter(pk__in=[need.pk for need in needs]).update(reminded_on=today)
    return {"assignees": len(by_assignee), "needs": len(needs)}


@transaction.atomic
def need_note(*, need: Need, by, comment: str) -> NeedTransition:
    """Add a note to `need`'s history without changing its status (e.g. what a company said
    in a follow-up survey): an entry whose from and to are both the current status. It is no
    step of the lifecycle and no response of the desk; `responded_at` is left alone.

    Raises ValidationError (comment_required) for an empty note.
    """
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("A note needs some text."), code="comment_required")
    need = Need.objects.select_for_update().get(pk=need.pk)
    return NeedTransition.objects.create(
        need=need, from_status=need.status, to_status=need.status, by=by, comment=comment
    )

"""Introductions with double opt-in: request, offer or proposal → both accept → contacts shared.

Who may propose, answer or withdraw is decided by the caller with `matching/permissions.py`
(`access_introduction_pair`, `answering_side`, `can_withdraw_introduction`); these services
take the side they were given and check only the introduction's own rules.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.mail import mail_queue
from core.sites import absolute_url
from matching.models import Introduction
from matching.selectors import declined_pair_exists, pending_outgoing_count
from needs.models import Need
from needs.services import need_note
from needs.signals import need_changed
from profiles.models import ExpertProfile
from profiles.signals import expert_changed


def _expiry_days() -> int:
    return int(getattr(settings, "INTRODUCTION_EXPIRY_DAYS", 7))


def _pending_cap() -> int:
    return int(getattr(settings, "INTRODUCTION_PENDING_CAP", 10))


def _company_emails(need: Need) -> list[str]:
    return [m.user.email for m in need.company.memberships.select_related("user") if m.user.email]


def _expert_email(expert: ExpertProfile) -> list[str]:
    email = expert.user.email if expert.user_id else expert.email
    return [email] if email else []


def _mail_context(intro: Introduction) -> dict:
    return {
        "need_title": intro.need.title,
        "company": intro.need.company.name,
        "expert": intro.expert.name,
        "institution": intro.expert.institution,
        "message": intro.message,
        "reason": intro.decline_reason,
        "expires": timezone.localtime(intro.expires_at).strftime("%Y-%m-%d %H:%M"),
        "link": absolute_url(reverse("matching:introductions")),
    }


@transaction.atomic
def introduction_create(
    *,
    need: Need,
    expert: ExpertProfile,
    by,
    initiator: str,
    host=None,
    message: str = "",
) -> Introduction:
    """Open an introduction between `need` and `expert`, proposed by `by` as `initiator`:
    the need's company (a request), the expert (an offer of help), or `host`'s staff (a
    proposal). The proposer's own side counts as accepted.

    Precondition: the caller checked that `by` may propose as `initiator`
    (matching.permissions.access_introduction_pair). Refused: a closed or resolved need, an
    expert who opted out, a pair that declined before, an open introduction of the same pair,
    and more pending requests than the cap.
    """
    if need.status not in Need.OPEN_STATUSES:
        raise ValidationError(_("This need is no longer open."), code="need_closed")
    if getattr(expert, "opted_out", False):
        raise ValidationError(_("This expert does not take part in matching."), code="opted_out")
    if declined_pair_exists(need=need, expert=expert):
        raise ValidationError(
            _("This introduction was declined before and cannot be proposed again."),
            code="declined_before",
        )
    if pending_outgoing_count(user=by) >= _pending_cap():
        raise ValidationError(
            ngettext(
                "You have %(count)d request waiting for an answer; wait for it to be answered.",
                "You have %(count)d requests waiting for an answer; wait for some to be answered.",
                _pending_cap(),
            )
            % {"count": _pending_cap()},
            code="too_many_pending",
        )
    now = timezone.now()
    intro = Introduction(
        need=need,
        expert=expert,
        host=host if initiator == Introduction.Initiator.STAFF else None,
        initiator=initiator,
        created_by=by,
        message=(message or "").strip()[:2000],
        expires_at=now + dt.timedelta(days=_expiry_days()),
    )
    if initiator == Introduction.Initiator.COMPANY:
        intro.company_accepted_at, intro.company_accepted_by = now, by
    elif initiator == Introduction.Initiator.EXPERT:
        intro.expert_accepted_at = intro.expert_consent_at = now
    try:
        with transaction.atomic():
            intro.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("An introduction between this need and this expert is already open."),
            code="duplicate",
        ) from exc
    context = _mail_context(intro)
    if intro.company_accepted_at is None:
        mail_queue(
            to=_company_emails(need),
            template="matching/email/introduction_requested",
            context={**context, "side": "company"},
        )
    if intro.expert_accepted_at is None:
        mail_queue(
            to=_expert_email(expert),
            template="matching/email/introduction_requested",
            context={**context, "side": "expert"},
        )
    return intro


def _lock(intro: Introduction) -> Introduction:
    # Lock only the introduction: the expert's account is an outer join, which PostgreSQL
    # refuses to lock.
    return (
        Introduction.objects.select_for_update(of=("self",))
        .select_related("need__company", "expert__user")
        .get(pk=intro.pk)
    )


@transaction.atomic
def introduction_accept(*, introduction: Introduction, by, side: str) -> Introduction:
    """`by` says yes for `side` (the expert or the company; the caller checked it is theirs:
    matching.permissions.answering_side). When both sides have, the introduction is accepted:
    contacts are shared, both are told, and the need's history notes it (no status change:
    that is the desk's)."""
    intro = _lock(introduction)
    if intro.status != Introduction.Status.PENDING:
        raise ValidationError(_("This introduction is no longer open."), code="not_pending")
    now = timezone.now()
    if side == Introduction.Initiator.EXPERT and intro.expert_accepted_at is None:
        # The expert's yes is their separate consent to share contact details (PIPL art. 23).
        intro.expert_accepted_at = intro.expert_consent_at = now
    elif side == Introduction.Initiator.COMPANY and intro.company_accepted_at is None:
        intro.company_accepted_at, intro.company_accepted_by = now, by
    else:
        raise ValidationError(_("You have nothing to accept here."), code="forbidden")
    if intro.company_accepted_at and intro.expert_accepted_at:
        intro.status = Introduction.Status.ACCEPTED
        intro.decided_at = now
        _need_note_accepted(intro.need, by=by, expert=intro.expert)
        expert_changed(intro.expert)  # one more active engagement counts to their cap
        context = {
            **_mail_context(intro),
            "expert_email": intro.expert.email
            or (intro.expert.user.email if intro.expert.user_id else ""),
            "expert_phone": intro.expert.phone,
            "company_emails": _company_emails(intro.need),
        }
        mail_queue(
            to=_company_emails(intro.need) + _expert_email(intro.expert),
            template="matching/email/introduction_accepted",
            context=context,
        )
    intro.save()
    return intro


def _need_note_accepted(need: Need, *, by, expert: ExpertProfile) -> None:
    """An accepted introduction is written on the need's history as a note: it is not the
    desk acknowledging or working on the need, so the status and the desk's response time
    stay as they are (only the desk's own steps count as responses)."""
    comment = _("Introduction to %(expert)s accepted by both sides.") % {"expert": expert.name}
    need_note(need=need, by=by, comment=comment)


@transaction.atomic
def introduction_decline(
    *, introduction: Introduction, by, side: str, reason: str = ""
) -> Introduction:
    """`by` says no for `side`, the side that was asked (the caller checked it is theirs:
    matching.permissions.answering_side), with an optional reason. A declined pair is never
    suggested or proposed again."""
    intro = _lock(introduction)
    if intro.status != Introduction.Status.PENDING:
        raise ValidationError(_("This introduction is no longer open."), code="not_pending")
    answered = {
        Introduction.Initiator.EXPERT: intro.expert_accepted_at,
        Introduction.Initiator.COMPANY: intro.company_accepted_at,
    }
    if side not in answered or answered[side] is not None:
        raise ValidationError(_("You have nothing to decline here."), code="forbidden")
    intro.status = Introduction.Status.DECLINED
    intro.declined_by_side = side
    intro.decline_reason = (reason or "").strip()[:500]
    intro.decided_at = timezone.now()
    intro.save()
    need_changed(intro.need)  # the declined pair leaves the need's suggestions
    recipients = _expert_email(intro.expert) if side == "company" else _company_emails(intro.need)
    mail_queue(
        to=recipients,
        template="matching/email/introduction_declined",
        context={**_mail_context(intro), "side": side},
    )
    return intro


@transaction.atomic
def introduction_withdraw(*, introduction: Introduction, by) -> Introduction:
    """The proposer takes back a pending introduction (the caller checked it is theirs:
    matching.permissions.can_withdraw_introduction)."""
    intro = _lock(introduction)
    if intro.status != Introduction.Status.PENDING:
        raise ValidationError(_("This introduction is no longer open."), code="not_pending")
    intro.status = Introduction.Status.WITHDRAWN
    intro.decided_at = timezone.now()
    intro.save()
    return intro


def introductions_expire(*, now=None) -> int:
    """Expire pending introductions past their date and tell both sides. Returns how many."""
    now = now or timezone.now()
    count = 0
    for intro_id in Introduction.objects.filter(
        status=Introduction.Status.PENDING, expires_at__lte=now
    ).values_list("pk", flat=True):
        with transaction.atomic():
            intro = _lock(Introduction(pk=intro_id))
            if intro.status != Introduction.Status.PENDING:
                continue
            intro.status = Introduction.Status.EXPIRED
            intro.decided_at = now
            intro.save(update_fields=["status", "decided_at"])
            mail_queue(
                to=_company_emails(intro.need) + _expert_email(intro.expert),
                template="matching/email/introduction_expired",
                context=_mail_context(intro),
            )
            count += 1
    return count

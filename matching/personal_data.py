"""Matching's part of a person's data (registered in accounts.personal_data by MatchingConfig).

The export holds the introductions the person is part of — as the expert, as the one who asked
for it, or as the company member who accepted it — with when each side accepted and when the
expert consented to share contact details. Erasing withdraws the open introductions they asked
for and blanks the messages they wrote. (An expert's own introductions and
suggestions go with their expert profile, the profiles part.)
"""

from django.db.models import Q
from django.utils import timezone

from matching.models import Introduction

MODELS = ["matching.Introduction"]


def _theirs(user) -> Q:
    return Q(expert__user=user) | Q(created_by=user) | Q(company_accepted_by=user)


def export(user) -> dict:
    return {
        "introductions": list(
            Introduction.objects.filter(_theirs(user))
            .order_by("created_at", "id")
            .values(
                "id",
                "need__title",
                "need__company__name",
                "expert__name",
                "initiator",
                "message",
                "status",
                "created_at",
                "company_accepted_at",
                "expert_accepted_at",
                "expert_consent_at",
                "declined_by_side",
                "decline_reason",
                "decided_at",
                "expires_at",
            )
            .distinct()
        )
    }


def erase(user) -> dict:
    withdrawn = Introduction.objects.filter(
        created_by=user, status=Introduction.Status.PENDING
    ).update(status=Introduction.Status.WITHDRAWN, decided_at=timezone.now())
    blanked = Introduction.objects.filter(created_by=user).exclude(message="").update(message="")
    return {"introductions_withdrawn": withdrawn, "introduction_texts_blanked": blanked}

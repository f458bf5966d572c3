"""Loading a new taxonomy version, and bringing stored tokens and topics up to it.

It lives here, above profiles and needs, because after the topics change both experts' and
needs' stored tokens and topics are recomputed with the segmenter that knows the new terms.
"""

from __future__ import annotations

from django.db import transaction

from needs.models import Need
from needs.services import need_terms_refresh
from profiles.models import ExpertProfile, Topic
from profiles.taxonomy import taxonomy_changed, topics_merge
from profiles.terms import expert_terms_refresh


def taxonomy_load(*, rows: list[dict], previous: list[dict] | None = None, retokenize=True):
    """Merge `rows` into the topics (profiles.taxonomy.topics_merge: staff edits kept), tell
    every process the taxonomy changed, and (with `retokenize`) recompute every expert's and
    need's tokens and topics. Returns the merge counts plus "experts" and "needs" recomputed.
    """
    with transaction.atomic():
        counts = topics_merge(Topic, rows, previous)
        taxonomy_changed()
    experts = needs = 0
    if retokenize:
        for profile in ExpertProfile.objects.order_by("pk").iterator():
            with transaction.atomic():
                expert_terms_refresh(profile)
            experts += 1
        for need in Need.objects.order_by("pk").prefetch_related("topics").iterator(500):
            with transaction.atomic():
                need_terms_refresh(need)
            needs += 1
    return {**counts, "experts": experts, "needs": needs}

"""Matching's parts of the needs app's pages (connected in MatchingConfig.ready)."""

from django.template.loader import render_to_string

from matching.permissions import can_view_need_introductions
from matching.selectors import accepted_introductions_of_need


def need_introductions_block(sender, *, request, need, **kwargs) -> str:
    """The need's accepted introductions with both sides' contacts, for the need's company and
    its desk (`can_view_need_introductions`); "" for everyone else."""
    if not can_view_need_introductions(request.user, need):
        return ""
    intros = accepted_introductions_of_need(need=need)
    return render_to_string(
        "matching/_need_introductions.html", {"intros": intros, "need": need}, request=request
    )

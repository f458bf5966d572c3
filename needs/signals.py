"""What the apps above needs hear from it, and how they extend who sees a need.

needs may not import them (matching keeps suggestions up to date and knows which experts were
matched with a need), so they connect receivers from their AppConfig.ready():

- `needs_changed`: sent once after the transaction that created or changed needs commits;
  receivers get `pks`, the needs' ids (see core.signals.send_after_commit).
- `restricted_need_viewers`: receivers get `user` (signed in) and return a Q over Need adding
  the restricted needs `user` may see besides their company's and their desk's (e.g. matched
  experts). A receiver answers with a lookup, so lists stay one query.
- `need_page_sections`: receivers get `request` and `need` (the viewer may see it) and return
  a section of the need's page as safe HTML, or "" to add nothing (e.g. the suggested experts).
"""

from django.db.models import Q
from django.dispatch import Signal

from core.signals import send_after_commit
from needs.models import Need

needs_changed = Signal()
restricted_need_viewers = Signal()
need_page_sections = Signal()


def need_changed(need: Need) -> None:
    """Queue `need` for the `needs_changed` sent after this transaction commits."""
    send_after_commit(needs_changed, sender=Need, pk=need.pk)


def restricted_need_filter(user) -> Q | None:
    """The receivers' extra restricted needs for `user` (None when there is none)."""
    if not user or not user.is_authenticated or not restricted_need_viewers.has_listeners(Need):
        return None
    combined = Q(pk__in=[])
    for _receiver, rule in restricted_need_viewers.send(sender=Need, user=user):
        combined |= rule
    return combined


def need_page_sections_html(request, need: Need) -> list:
    """The sections the receivers of `need_page_sections` add to the need's page, in order."""
    sections = need_page_sections.send(sender=Need, request=request, need=need)
    return [html for _receiver, html in sections if html]

"""What the apps above needs hear from it, and how they extend who sees a need.

needs may not import them (matching keeps suggestions up to date and knows which experts were
matched with a need), so they connect receivers from their AppConfig.ready():

- `needs_changed`: sent once after the transaction that created or changed needs commits;
  receivers get `pks`, the needs' ids (see core.signals.send_after_commit).
- `restricted_need_viewers`: receivers get `user` (signed in) and return a Q over Need adding
  the restricted needs `user` may see besides their company's and their desk's (e.g. matched
  experts). A receiver answers with a lookup, so lists stay one query.
- `need_page_blocks_wanted`: receivers get `request` and `need` (which the request's user may
  see) and return HTML (already escaped, e.g. from `render_to_string`) shown on the need's
  page, or "" — e.g. matching's accepted introductions with their contacts. Each receiver
  decides who may see its block.
"""

from django.db.models import Q
from django.dispatch import Signal

from core.signals import send_after_commit
from needs.models import Need

needs_changed = Signal()
restricted_need_viewers = Signal()
need_page_blocks_wanted = Signal()


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


def need_page_blocks(*, request, need: Need) -> list[str]:
    """The higher apps' blocks for `need`'s page, in the receivers' order, empty ones left out."""
    responses = need_page_blocks_wanted.send(sender=Need, request=request, need=need)
    return [html for _receiver, html in responses if html]

"""What the apps above profiles hear from it, and how they extend its rules and pages.

profiles may not import them (events knows registrations, needs knows needs, matching keeps
suggestions and introductions), so they connect receivers from their AppConfig.ready():

- `experts_changed`: sent once after the transaction that created or changed expert profiles
  commits; receivers get `pks`, the profiles' ids (see core.signals.send_after_commit).
- `expert_contact_access`: receivers get `user` (signed in, not a superuser) and `experts` (a
  list of profiles) and return the set of ids among them whose email, phone and WeChat ID
  `user` may see. They run a constant number of queries whatever the list's length
  (directory and API pages ask once per page).
- `company_page_blocks`: receivers get `request` and `company` and return HTML (already
  escaped, e.g. from `render_to_string`) shown on the company's page, or "".
- `import_kinds`: receivers return {kind: importer module} for the organizers' bulk import
  (see profiles.importers.run).
"""

from django.dispatch import Signal

from core.signals import send_after_commit
from profiles.models import ExpertProfile

experts_changed = Signal()
expert_contact_access = Signal()
company_page_blocks = Signal()
import_kinds = Signal()


def expert_changed(profile: ExpertProfile) -> None:
    """Queue `profile` for the `experts_changed` sent after this transaction commits."""
    send_after_commit(experts_changed, sender=ExpertProfile, pk=profile.pk)

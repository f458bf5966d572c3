from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self):
        from matching import tasks
        from matching.contact_access import counterpart_of_accepted_introduction
        from matching.permissions import matched_restricted_needs
        from profiles import contact_access, hooks

        contact_access.register(counterpart_of_accepted_introduction)
        hooks.register(hooks.on_need_changed, tasks.needs_changed)
        hooks.register(hooks.on_expert_changed, tasks.experts_changed)
        hooks.register(hooks.restricted_need_viewers, matched_restricted_needs)

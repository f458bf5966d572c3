from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self):
        from accounts import personal_data
        from matching import personal_data as matching_data
        from matching import receivers, tasks
        from matching.contact_access import counterpart_of_accepted_introduction
        from matching.permissions import matched_restricted_needs
        from matching.views.suggestions import need_page_suggestions
        from needs.signals import need_page_blocks_wanted, needs_changed, restricted_need_viewers
        from profiles.signals import expert_contact_access, experts_changed

        personal_data.register(
            "matching", matching_data.export, matching_data.erase, models=matching_data.MODELS
        )
        expert_contact_access.connect(
            counterpart_of_accepted_introduction, dispatch_uid="matching_contact_access"
        )
        needs_changed.connect(tasks.needs_changed, dispatch_uid="matching_needs_changed")
        experts_changed.connect(tasks.experts_changed, dispatch_uid="matching_experts_changed")
        restricted_need_viewers.connect(
            matched_restricted_needs, dispatch_uid="matching_restricted_needs"
        )
        # The need's page: accepted introductions with their contacts, then the best three
        # suggestions.
        need_page_blocks_wanted.connect(
            receivers.need_introductions_block, dispatch_uid="matching_need_introductions"
        )
        need_page_blocks_wanted.connect(need_page_suggestions, dispatch_uid="matching_need_page")

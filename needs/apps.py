from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "needs"
    verbose_name = _("Needs")

    def ready(self):
        from accounts import personal_data
        from needs import personal_data as needs_data
        from needs import receivers
        from profiles.signals import company_page_blocks, import_kinds

        personal_data.register(
            "needs", needs_data.export, needs_data.erase, models=needs_data.MODELS
        )
        import_kinds.connect(receivers.needs_import_kind, dispatch_uid="needs_import_kind")
        company_page_blocks.connect(receivers.company_needs_block, dispatch_uid="company_needs")

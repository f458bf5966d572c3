from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = _("Outcomes")

    def ready(self):
        from accounts import personal_data
        from outcomes import personal_data as outcomes_data

        personal_data.register(
            "outcomes", outcomes_data.export, outcomes_data.erase, models=outcomes_data.MODELS
        )

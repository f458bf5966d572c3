from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HostsConfig(AppConfig):
    name = "hosts"
    verbose_name = _("Hosts")

    def ready(self):
        from accounts import personal_data
        from hosts import personal_data as hosts_data

        personal_data.register(
            "hosts", hosts_data.export, hosts_data.erase, models=hosts_data.MODELS
        )

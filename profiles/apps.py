from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Profiles and needs")

    def ready(self):
        from accounts import personal_data
        from profiles import personal_data as profiles_data

        personal_data.register("profiles", profiles_data.export, profiles_data.erase)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Profiles")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from profiles.models import Topic
        from profiles.taxonomy import taxonomy_changed

        # Only a cache-version bump: each process rebuilds its segmenter on next use.
        def changed(**kwargs):
            taxonomy_changed()

        post_save.connect(changed, sender=Topic, weak=False, dispatch_uid="topic_saved")
        post_delete.connect(changed, sender=Topic, weak=False, dispatch_uid="topic_deleted")
        from accounts import personal_data
        from profiles import personal_data as profiles_data

        personal_data.register(
            "profiles", profiles_data.export, profiles_data.erase, models=profiles_data.MODELS
        )

from django.apps import AppConfig
from django.db.models.signals import post_migrate

from accounts.links import ProfileLink, add_profile_link
from moderation import checks  # noqa: F401 (registers the system checks)
from moderation.groups import ensure_moderators_group, ensure_recognised_sources, ensure_shipped_model


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        post_migrate.connect(ensure_moderators_group, sender=self, dispatch_uid="moderation.groups")
        post_migrate.connect(ensure_recognised_sources, sender=self, dispatch_uid="moderation.sources")
        post_migrate.connect(ensure_shipped_model, sender=self, dispatch_uid="moderation.shipped_model")
        add_profile_link(ProfileLink("Moderators' decisions about you", "appeals:mine", note="(and appeals)",
                                     position=10))

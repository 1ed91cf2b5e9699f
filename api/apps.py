from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self):
        from accounts.links import ProfileLink, add_profile_link
        from api import webhooks
        from api.models import Webhook
        from core import events

        add_profile_link(ProfileLink("Your API tokens", "api:tokens", note="(for apps that post as you)",
                                     position=25))
        events.occurred.connect(webhooks.record, dispatch_uid="api.webhooks.record")
        post_save.connect(webhooks.forget_endpoints, sender=Webhook, dispatch_uid="api.webhooks.saved")
        post_delete.connect(webhooks.forget_endpoints, sender=Webhook, dispatch_uid="api.webhooks.deleted")

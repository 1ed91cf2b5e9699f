from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self):
        from api import webhooks
        from api.models import Webhook
        from core import events

        events.occurred.connect(webhooks.record, dispatch_uid="api.webhooks.record")
        post_save.connect(webhooks.forget_endpoints, sender=Webhook, dispatch_uid="api.webhooks.saved")
        post_delete.connect(webhooks.forget_endpoints, sender=Webhook, dispatch_uid="api.webhooks.deleted")

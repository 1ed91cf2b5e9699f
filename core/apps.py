from django.apps import AppConfig
from django_tasks.signals import task_finished


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from core import tasks  # it reads task results: importable only once apps are ready

        task_finished.connect(tasks.retry_later, dispatch_uid="core.tasks.retry_later")

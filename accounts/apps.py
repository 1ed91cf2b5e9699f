from django.apps import AppConfig
from django_tasks.signals import task_finished

from accounts import tasks


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Members"  # allauth's e-mail addresses appear as "Accounts" in the admin

    def ready(self):
        task_finished.connect(tasks.retry_later, dispatch_uid="accounts.tasks.retry_later")

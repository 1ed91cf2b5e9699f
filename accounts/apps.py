from django.apps import AppConfig
from django_tasks.signals import task_finished


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Members"  # allauth's e-mail addresses appear as "Accounts" in the admin

    def ready(self):
        from accounts import mail  # it uses models: importable only once apps are ready

        task_finished.connect(mail.forget_sent_mail, dispatch_uid="accounts.mail.forget_sent_mail")

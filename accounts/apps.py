from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Members"  # allauth's e-mail addresses appear as "Accounts" in the admin

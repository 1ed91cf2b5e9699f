from django.apps import AppConfig
from django.db.models.signals import post_migrate

from forum import checks  # noqa: F401 (registers the system checks)
from forum.search_index import ensure_search_index


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Forum"

    def ready(self):
        post_migrate.connect(ensure_search_index, sender=self, dispatch_uid="forum.search_index")
        from forum import notifications  # noqa: F401 (its receiver mails about published comments)

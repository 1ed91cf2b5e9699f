from django.apps import AppConfig
from django.db.models.signals import post_migrate

from accounts.links import ProfileLink, add_profile_link
from forum import checks  # noqa: F401 (registers the system checks)
from forum.search.index import ensure_search_index


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Forum"

    def ready(self):
        post_migrate.connect(ensure_search_index, sender=self, dispatch_uid="forum.search.index")
        # Imported here: these modules need the models loaded.
        from accounts.services import on_profile_changed
        from forum import pagecache
        from forum.models import Comment
        from forum.services.moderated import CommentModeration
        from moderation import interfaces

        interfaces.register(Comment, CommentModeration())
        # A new display name shows on every cached page.
        on_profile_changed(pagecache.site_changed)
        add_profile_link(ProfileLink("Download your data", "forum:my_data", note="(JSON)", position=20))
        add_profile_link(ProfileLink("Delete your account", "forum:delete_account", position=30))

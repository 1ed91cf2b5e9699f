"""The Moderators group and what working the queue needs, the recognised sources and the shipped claim model;
ensured after every migrate."""

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.utils import timezone

MODERATORS = "Moderators"
MODERATOR_PERMISSIONS = [
    "review_case", "view_case", "change_case", "view_report", "view_auditentry", "add_suspension",
    "view_suspension", "view_watchedphrase", "add_watchedphrase", "change_watchedphrase", "delete_watchedphrase",
    "view_recognisedsource", "add_recognisedsource", "change_recognisedsource", "delete_recognisedsource",
]


def ensure_moderators_group(app_config, apps=global_apps, using="default", **kwargs) -> None:
    """post_migrate receiver: create the group if it is missing and give it any
    permission it lacks, so it also comes back after a test flush.

    This app's receivers may run before auth's, so the permissions are made first.
    A flush sends the signal without the migration state's apps; the registry serves then.
    """
    create_permissions(app_config, verbosity=0, using=using, apps=apps)
    group, _ = apps.get_model("auth", "Group").objects.using(using).get_or_create(name=MODERATORS)
    group.permissions.add(
        *apps.get_model("auth", "Permission").objects.using(using).filter(
            content_type__app_label="moderation", codename__in=MODERATOR_PERMISSIONS
        )
    )


def ensure_recognised_sources(app_config, apps=global_apps, using="default", **kwargs) -> None:
    """post_migrate receiver: start an empty list of recognised sources from
    MODERATION_RECOGNISED_SOURCES (a new site, or a test flush). A list that
    has rows is the moderators' own and is left as it is."""
    sources = apps.get_model("moderation", "RecognisedSource").objects.using(using)
    if not sources.exists():
        sources.bulk_create([sources.model(domain=domain, name=name)
                             for domain, name in settings.MODERATION_RECOGNISED_SOURCES])


def ensure_shipped_model(app_config, apps=global_apps, using="default", **kwargs) -> None:
    """post_migrate receiver: the release's claim model is a version of its own (read from its
    files), active on a new site until staff switch to another, and again after a test flush."""
    versions = apps.get_model("moderation", "ClaimModel").objects.using(using)
    if not versions.filter(is_shipped=True).exists():
        versions.create(is_shipped=True, state="ready", is_active=not versions.filter(is_active=True).exists(),
                        finished_at=timezone.now())

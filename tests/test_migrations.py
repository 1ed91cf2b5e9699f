"""Migrations that old code survives: during a release the previous version runs on the new
schema until every server has restarted (docs/operations.md, Releases)."""

from django.db import migrations
from django.db.migrations.loader import MigrationLoader
from django.db.models import NOT_PROVIDED

# Migrations written before this rule; each later one is checked.
CHECKED_AFTER = {"accounts": "0004_notifications", "core": "0000", "forum": "0012_unicode_slugs",
                 "moderation": "0011_claim_model_versions"}
APPS = CHECKED_AFTER.keys()


def later_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app, name), migration in loader.disk_migrations.items():
        if app in APPS and name > CHECKED_AFTER[app]:
            yield app, name, migration


def test_a_new_column_has_a_database_default_or_allows_null():
    """Old code inserts rows without the new column: Django's `default` is applied by the ORM
    only, so without `db_default` or `null=True` those inserts fail."""
    offending = [f"{app}.{name}: {operation.model_name}.{operation.name}"
                 for app, name, migration in later_migrations()
                 for operation in migration.operations
                 if isinstance(operation, migrations.AddField)
                 and not operation.field.null and operation.field.db_default is NOT_PROVIDED
                 and not operation.field.many_to_many]
    assert offending == []


def test_no_column_or_table_is_removed_or_renamed_in_the_release_that_stops_using_it():
    """Removing or renaming takes two releases: first stop using it, then drop it. A drop
    that is the second step is listed here with the release that stopped using it."""
    dropping = (migrations.RemoveField, migrations.RenameField, migrations.DeleteModel, migrations.RenameModel)
    offending = [f"{app}.{name}: {type(operation).__name__}"
                 for app, name, migration in later_migrations()
                 for operation in migration.operations if isinstance(operation, dropping)]
    assert offending == []

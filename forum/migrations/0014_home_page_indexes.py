from django.db import migrations, models

from core.operations import AddIndexOnline


class Migration(migrations.Migration):
    """The home page's newest comments and active discussions are read from these indexes;
    built without locking out posting on PostgreSQL, where the tables are large."""

    atomic = False

    dependencies = [
        ("forum", "0013_comment_submission"),
    ]

    operations = [
        AddIndexOnline(
            model_name="article",
            index=models.Index(fields=["kind", "-last_activity_at", "-id"], name="article_kind_activity"),
        ),
        AddIndexOnline(
            model_name="comment",
            index=models.Index(condition=models.Q(("status", "published")), fields=["-created_at", "-id"],
                               name="comment_published_newest"),
        ),
    ]

from django.db import migrations, models


class Migration(migrations.Migration):
    """The heartbeat model moves here from accounts; its table stays where it is, so workers
    of the release before and of this one beat into the same rows while servers restart."""

    initial = True

    dependencies = [
        ("accounts", "0005_worker_heartbeat"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="WorkerHeartbeat",
                    fields=[
                        ("worker_id", models.CharField(max_length=64, primary_key=True, serialize=False)),
                        ("beat_at", models.DateTimeField()),
                    ],
                    options={"db_table": "accounts_workerheartbeat"},
                ),
            ],
            database_operations=[],
        ),
    ]

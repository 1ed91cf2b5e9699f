from django.db import migrations


class Migration(migrations.Migration):
    """core.WorkerHeartbeat owns the table now (core's 0001); only the model state leaves."""

    dependencies = [
        ("accounts", "0005_worker_heartbeat"),
        ("core", "0001_worker_heartbeat"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="WorkerHeartbeat")],
            database_operations=[],
        ),
    ]

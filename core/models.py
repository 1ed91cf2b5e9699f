"""The task layer's own state."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """A task worker's last sign of life, written every TASKS_HEARTBEAT_SECONDS: the tasks of
    a worker that stopped beating are taken back by the others (run_tasks)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    beat_at = models.DateTimeField()

    class Meta:
        # The table it had when accounts held it: renaming a table takes two releases.
        db_table = "accounts_workerheartbeat"

    def __str__(self):
        return f"{self.worker_id} at {self.beat_at:%Y-%m-%d %H:%M:%S}"

"""The task worker: django-tasks-db's db_worker, which also takes back tasks that a
killed worker left running. Run as many as needed, on any machine that reaches the database."""

import logging
import os
import time
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# How often a worker looks for stalled tasks and old results, at most.
HOUSEKEEPING_SECONDS = 30


class ForumWorker(Worker):
    def run(self) -> None:
        # db_worker's loop in batch mode runs what is ready and returns; between rounds
        # this one looks for stalled tasks, and waits unless it was asked for one batch.
        once, self.batch = self.batch, True
        checked = float("-inf")
        every = min(HOUSEKEEPING_SECONDS, settings.TASKS_STALLED_AFTER_SECONDS / 2)
        while self.running:
            if time.monotonic() - checked >= every:
                requeue_stalled()
                prune_finished()
                checked = time.monotonic()
            super().run()
            self.startup_delay = False
            if once or (self.max_tasks is not None and self._run_tasks >= self.max_tasks):
                return
            time.sleep(self.interval)


class Command(DbWorkerCommand):
    help = "Run queued tasks (member e-mail) from the database; stop with Ctrl+C."

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload,
               max_tasks, worker_id, exclude_queues, **options):
        self.configure_logging(verbosity)
        worker = ForumWorker(
            queue_names=queue_name.split(","), interval=interval, batch=batch, backend_name=backend_name,
            startup_delay=startup_delay, max_tasks=max_tasks, worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        if reload and not batch:  # development: start again when the code changes
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()


def requeue_stalled() -> int:
    """Put back in the queue the tasks whose worker died while running them."""
    cutoff = timezone.now() - timedelta(seconds=settings.TASKS_STALLED_AFTER_SECONDS)
    count = DBTaskResult.objects.running().filter(started_at__lt=cutoff).update(
        status=TaskResultStatus.READY, run_after=timezone.now()
    )
    if count:
        logger.warning("Took up again %d task(s) left running by a worker that stopped", count)
    return count


def prune_finished() -> int:
    """Delete tasks that succeeded more than TASKS_KEEP_FINISHED_DAYS ago: a sent mail's
    task holds its address and text, which the forum does not keep for ever."""
    cutoff = timezone.now() - timedelta(days=settings.TASKS_KEEP_FINISHED_DAYS)
    count, _ = DBTaskResult.objects.successful().filter(finished_at__lt=cutoff).delete()
    return count

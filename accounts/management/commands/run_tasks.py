"""The task worker: django-tasks-db's db_worker, which also takes back tasks that a
killed worker left running. Run as many as needed, on any machine that reaches the database."""

import logging
import os
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# How often a worker looks for stalled tasks and old results, at most.
HOUSEKEEPING_SECONDS = 30
DATABASE_RETRY_SECONDS = 5


class ForumWorker(Worker):
    """db_worker's loop, with housekeeping beside it: a thread that takes back stalled tasks
    and deletes old results every HOUSEKEEPING_SECONDS (once, first, for a --batch run)."""

    def run(self) -> None:
        if self.batch:
            housekeeping()
        else:
            threading.Thread(target=self._keep_house, name="housekeeping", daemon=True).start()
        while True:
            try:
                return super().run()
            except (OperationalError, InterfaceError):
                # The database went away: wait for it rather than exit. A task it was running
                # stays "running" and is taken back by housekeeping once stalled.
                logger.exception("Database unreachable; the worker tries again in %d s", DATABASE_RETRY_SECONDS)
                connection.close()
                time.sleep(DATABASE_RETRY_SECONDS)

    def _keep_house(self) -> None:
        every = min(HOUSEKEEPING_SECONDS, settings.TASKS_STALLED_AFTER_SECONDS / 2)
        while self.running:
            try:
                housekeeping()
            except DatabaseError:
                logger.exception("Housekeeping failed; trying again in %d s", every)
            finally:
                connection.close()  # this thread's own connection, not held while it sleeps
            time.sleep(every)


def housekeeping() -> None:
    requeue_stalled()
    prune_finished()


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
    """Delete tasks that succeeded more than TASKS_KEEP_FINISHED_DAYS ago (sent mails' tasks
    are gone already, accounts.mail.forget_sent_mail): the table does not grow for ever."""
    cutoff = timezone.now() - timedelta(days=settings.TASKS_KEEP_FINISHED_DAYS)
    count, _ = DBTaskResult.objects.successful().filter(finished_at__lt=cutoff).delete()
    return count

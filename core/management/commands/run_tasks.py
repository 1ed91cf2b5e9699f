"""The task worker: django-tasks-db's db_worker, which also takes back the tasks of a worker
that was killed. Run as many as needed, on any machine that reaches the database."""

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

from core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

DATABASE_RETRY_SECONDS = 5


class ForumWorker(Worker):
    """db_worker's loop, with a thread beside it that writes the worker's heartbeat every
    TASKS_HEARTBEAT_SECONDS, takes back the tasks of workers that stopped beating and deletes
    old results (a --batch run beats and keeps house once, first)."""

    def run(self) -> None:
        beat(self.worker_id)  # before the first claim: no task of this worker ever looks orphaned
        if self.batch:  # a run that ends when the queue is empty: tests, one-off runs
            housekeeping()
        else:
            threading.Thread(target=self._keep_house, name="housekeeping", daemon=True).start()
        while True:
            try:
                return super().run()
            except (OperationalError, InterfaceError):
                # The database went away: wait for it rather than exit. A task it was running
                # stays "running" and is taken back if this worker does not come back.
                logger.exception("Database unreachable; the worker tries again in %d s", DATABASE_RETRY_SECONDS)
                connection.close()
                time.sleep(DATABASE_RETRY_SECONDS)

    def _keep_house(self) -> None:
        # Tasks are taken back only once this worker has reached the database for a whole
        # TASKS_WORKER_LOST_AFTER_SECONDS: after an outage every live worker has beaten again by then.
        steady_since = time.monotonic()
        while self.running:
            try:
                beat(self.worker_id)
                if time.monotonic() - steady_since >= settings.TASKS_WORKER_LOST_AFTER_SECONDS:
                    housekeeping()
            except DatabaseError:
                logger.exception("Heartbeat failed; trying again in %s s", settings.TASKS_HEARTBEAT_SECONDS)
                steady_since = float("inf")
            else:
                steady_since = min(steady_since, time.monotonic())
            finally:
                connection.close()  # this thread's own connection, not held while it sleeps
            time.sleep(settings.TASKS_HEARTBEAT_SECONDS)


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={"beat_at": timezone.now()})


def housekeeping() -> None:
    requeue_lost()
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


def requeue_lost() -> int:
    """Put back in the queue the running tasks whose worker stopped beating (it was killed, or
    its machine went away) TASKS_WORKER_LOST_AFTER_SECONDS ago."""
    cutoff = timezone.now() - timedelta(seconds=settings.TASKS_WORKER_LOST_AFTER_SECONDS)
    alive = set(WorkerHeartbeat.objects.filter(beat_at__gte=cutoff).values_list("worker_id", flat=True))
    lost = [task_id for task_id, worker_ids in DBTaskResult.objects.running().values_list("id", "worker_ids")
            if not worker_ids or worker_ids[-1] not in alive]
    count = DBTaskResult.objects.running().filter(id__in=lost).update(
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
    WorkerHeartbeat.objects.filter(beat_at__lt=cutoff).delete()
    return count

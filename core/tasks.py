"""Background work on django-tasks (Django 6's django.tasks, backported) with its
database backend, django-tasks-db.

A task is enqueued by its function (`deliver_mail.enqueue(...)`) and stored in the
same transaction as the change that causes it, on SQLite and PostgreSQL alike: it
exists exactly when the change does. Workers (`manage.py run_tasks`, on any number
of machines) take them. A task that fails is tried again after growing delays,
TASKS_MAX_ATTEMPTS times in all, then kept as failed: the admin lists failed tasks
with a retry action. A task left running by a worker that was killed is taken up
again once that worker has stopped writing its heartbeat for TASKS_WORKER_LOST_AFTER_SECONDS
(the worker, core/management/commands/run_tasks.py).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus

logger = logging.getLogger(__name__)


def retry_later(sender, task_result, **kwargs) -> None:
    """task_finished receiver: a failed attempt goes back to the queue after a delay."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    attempts = len(task_result.worker_ids)
    if attempts >= settings.TASKS_MAX_ATTEMPTS:
        logger.error("Task %s (%s) failed %d times; kept as failed for the admin",
                     task_result.task.name, task_result.id, attempts)
        return
    delay = retry_delay(attempts)
    stored = task_result.db_result  # the database backend's row, claimed by this worker
    stored.status, stored.run_after, stored.finished_at = TaskResultStatus.READY, timezone.now() + delay, None
    stored.save(update_fields=["status", "run_after", "finished_at"])
    logger.warning("Task %s (%s) failed (attempt %d of %d); trying again in %d s",
                   task_result.task.name, task_result.id, attempts, settings.TASKS_MAX_ATTEMPTS,
                   delay.total_seconds())


def retry_delay(attempts: int) -> timedelta:
    """30 s, 2 min, 8 min, 32 min... with the default base: an outage of hours is waited out."""
    return timedelta(seconds=settings.TASKS_RETRY_DELAY_SECONDS * 4 ** (attempts - 1))

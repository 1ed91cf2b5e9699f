"""Run queued tasks (member e-mail) from Redis: the worker for TASKS_BACKEND=redis."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts import tasks


class Command(BaseCommand):
    help = "Take tasks from the Redis queue and run them; stop with Ctrl+C."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, help="Stop after this many tasks, or when the queue is empty.")

    def handle(self, *args, limit=None, **options):
        if not settings.REDIS_URL:
            raise CommandError("Set REDIS_URL (and TASKS_BACKEND=redis on the web servers) to use a worker.")
        done = tasks.work(limit=limit, timeout=1 if limit else 5)
        self.stdout.write(f"Ran {done} task{'s' if done != 1 else ''}.")

"""Queue the daily or weekly digests; run it from cron or a systemd timer (docs/operations.md)."""

from django.core.management.base import BaseCommand

from accounts.digests import PERIODS, send_digests


class Command(BaseCommand):
    help = "Queue the daily or weekly digests for the task workers to send."

    def add_arguments(self, parser):
        parser.add_argument("period", choices=sorted(PERIODS))

    def handle(self, *args, period, **options):
        send_digests.enqueue(period=period)
        self.stdout.write(f"Queued the {period} digests; the task workers send them.")

"""Load the demo topics, articles, members and comments, and print the logins."""

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from forum.demo import seed_demo


class Command(BaseCommand):
    help = "Create demo data for development (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            # The demo accounts have published passwords; never on a real site.
            raise CommandError("seed_demo creates accounts with known passwords; run it with DJANGO_DEBUG=1 only.")
        logins = seed_demo()
        self.stdout.write(self._deliver_demo_mail())
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Development logins:"))
        for login in logins:
            self.stdout.write(f"  {login.role:<15} {login.email:<24} {login.password}")

    def _deliver_demo_mail(self) -> str:
        """Send the mail the demo caused (replies, followers, decisions) here, into memory, and
        say what it was in one line: the logins stay the last thing on screen, and the worker
        beside the server prints only the mail caused from then on."""
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            mail.outbox = []
            call_command("run_tasks", batch=True, startup_delay=False, verbosity=0)
            sent = len(mail.outbox)
        return (f"Demo mail: {sent} e-mail{'s' if sent != 1 else ''} to demo members (replies, followed "
                "discussions, decisions) sent into memory, not shown; the mail worker prints new mail.")

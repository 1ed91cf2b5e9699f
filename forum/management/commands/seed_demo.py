"""Load the demo topics, articles, members and comments, and print the logins."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from forum.demo import seed_demo


class Command(BaseCommand):
    help = "Create demo data for development (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            # The demo accounts have published passwords; never on a real site.
            raise CommandError("seed_demo creates accounts with known passwords; run it with DJANGO_DEBUG=1 only.")
        logins = seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Development logins:"))
        for login in logins:
            self.stdout.write(f"  {login.role:<15} {login.email:<24} {login.password}")

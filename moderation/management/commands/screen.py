"""Screen texts from standard input, one per line, printing one JSON verdict per line."""

import json
import sys

from django.core.management.base import BaseCommand

from moderation.services import screen_text


class Command(BaseCommand):
    help = r"Screen one text per input line (write a newline inside a text as \n); print a JSON verdict per line."

    def handle(self, *args, **options):
        for line in sys.stdin:
            text = line.rstrip("\n").replace("\\n", "\n")
            self.stdout.write(json.dumps(screen_text(text).as_dict(), ensure_ascii=False))

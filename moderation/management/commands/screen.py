"""Screen texts from standard input, one per line, printing one JSON verdict per line."""

import json
import re
import sys

from django.core.management.base import BaseCommand

from moderation.services import screen_text

ESCAPES = {"\\": "\\", "n": "\n", "t": "\t", "r": "\r"}
_ESCAPE = re.compile(r"\\([\\ntr])")


class Command(BaseCommand):
    help = (r"Screen one member's source text per input line, as posting does (write a newline inside a text "
            r"as \n, a tab as \t, a carriage return as \r, a backslash as \\); print a JSON verdict per line.")

    def handle(self, *args, **options):
        for line in sys.stdin:
            text = _ESCAPE.sub(lambda m: ESCAPES[m.group(1)], line.rstrip("\n"))
            self.stdout.write(json.dumps(screen_text(text).as_dict(), ensure_ascii=False))

"""Write the API's OpenAPI schema to docs/api/openapi-v1.json, the copy the tests compare with the served one."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from api.v1 import api

SCHEMA_FILE = Path(settings.BASE_DIR) / "docs" / "api" / "openapi-v1.json"


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        schema = json.dumps(api.get_openapi_schema(), indent=2, sort_keys=True) + "\n"
        SCHEMA_FILE.write_text(schema, encoding="utf-8")
        self.stdout.write(f"Wrote {SCHEMA_FILE}")

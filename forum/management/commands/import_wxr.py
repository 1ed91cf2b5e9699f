"""Import a WordPress export (WXR): posts as articles, approved comments as comments."""

from forum.archives import read_wxr
from forum.management.commands._imports import ArchiveImportCommand


class Command(ArchiveImportCommand):
    help = ("Import a WordPress eXtended RSS export: published posts become articles, their approved comments "
            "become comments, threaded and numbered in date order. Running it again adds nothing.")
    kind = "WordPress"

    def read(self, path, skipped):
        return read_wxr(path, skipped)

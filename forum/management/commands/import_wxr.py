"""Import a WordPress export (WXR): posts as articles, approved comments as comments."""

from forum.imports.archives import read_wxr
from forum.management.commands._imports import ArchiveImportCommand


class Command(ArchiveImportCommand):
    help = ("Import a WordPress eXtended RSS export: published posts (and pages, with --pages) become articles, "
            "their approved comments become comments, threaded and numbered in date order. Password-protected "
            "posts, drafts, attachments and menu items are left out and counted. Running it again adds nothing.")
    kind = "WordPress"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--pages", action="store_true",
                            help="Import the site's pages (About, Contact ...) as articles too; left out otherwise.")

    def read(self, path, skipped, *, checked=False, pages=False, **options):
        return read_wxr(path, skipped, pages=pages, checked=checked)

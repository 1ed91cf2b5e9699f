"""Import a Disqus export: threads matched to articles by address (or created), posts as comments."""

from forum.imports.archives import read_disqus
from forum.management.commands._imports import ArchiveImportCommand


class Command(ArchiveImportCommand):
    help = ("Import a Disqus XML export: each thread's posts go to the article at the thread's address (created "
            "if there is none), threaded and numbered in date order; deleted and spam posts are left out.")
    kind = "Disqus"
    match_links = True

    def read(self, path, skipped, *, checked=False, **options):
        return read_disqus(path, skipped, checked=checked)

"""What the import commands share: the --topic option's topic; and for import_wxr and
import_disqus, their options, progress bars and summary."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from forum.archives import ArchiveError, Skipped
from forum.models import Category
from forum.services import archives


def topic_option(slug: str | None) -> Category | None:
    """The topic --topic names, if given; a clear error if there is none by that slug."""
    if not slug:
        return None
    category = Category.objects.filter(slug=slug).first()
    if category is None:
        raise CommandError(f"No topic has the slug '{slug}'.")
    return category


class ArchiveImportCommand(BaseCommand):
    kind = ""  # "WordPress" or "Disqus"
    match_links = False

    def read(self, path: Path, skipped: Skipped):
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=f"The {self.kind} export (XML).")
        parser.add_argument("--topic", help="The topic (slug) for every imported article, instead of the "
                                            "export's categories.")
        parser.add_argument("--dry-run", action="store_true", help="Read and count everything, store nothing.")
        parser.add_argument("--screen", action="store_true",
                            help="Then screen the imported comments: flagged ones get the label and a case.")

    def handle(self, *args, file: Path, topic: str | None, dry_run: bool, screen: bool, verbosity: int, **options):
        category = topic_option(topic)
        skipped = Skipped()
        quiet = verbosity == 0
        try:
            with tqdm(desc="Articles", unit=" articles", disable=quiet, file=self.stderr._out) as bar:
                summary = archives.import_archive(self.read(file, skipped), topic=category, dry_run=dry_run,
                                                  match_links=self.match_links, each=lambda _: bar.update())
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        left_out = ", ".join(f"{count:,} {reason}" for reason, count in sorted(skipped.counts.items())) or "none"
        self.stdout.write(self.style.SUCCESS(
            f"{'Dry run, nothing stored: would import' if dry_run else 'Imported'} "
            f"{summary.articles_created + summary.articles_found:,} articles ({summary.articles_created:,} new, "
            f"{summary.articles_found:,} already here) and {summary.comments_added:,} comments "
            f"({summary.comments_present:,} were already imported). Left out: {left_out}."))
        if dry_run or not summary.added_ids:
            return
        if screen:
            with tqdm(total=len(summary.added_ids), desc="Screening", unit=" comments", disable=quiet,
                      file=self.stderr._out) as bar:
                flagged = archives.screen_imported(summary.added_ids, each=lambda _: bar.update())
            self.stdout.write(f"Screened {len(summary.added_ids):,} comments: {flagged:,} flagged for moderators "
                              "(nobody was mailed).")
        else:
            self.stdout.write("The new comments are not screened yet: import with --screen, or run "
                              "manage.py rescreen.")

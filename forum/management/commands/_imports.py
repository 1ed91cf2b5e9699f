"""What the import commands share: the --topic option's topic; and for import_wxr and
import_disqus, their options, progress bars and summary."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from forum.imports.archives import ArchiveError, Skipped
from forum.models import Category
from forum.imports import services as imports


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


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

    def read(self, path: Path, skipped: Skipped, *, checked: bool = False, **options):
        """The archive's articles; the file is checked whole first unless `checked`."""
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=f"The {self.kind} export (XML).")
        parser.add_argument("--topic", help="The topic (slug) for imported articles that the export files under no "
                                            "category.")
        parser.add_argument("--dry-run", action="store_true", help="Read and count everything, store nothing.")
        parser.add_argument("--screen", action="store_true",
                            help="Then screen the imported comments: flagged ones get the label and a case.")

    def handle(self, *args, file: Path, topic: str | None, dry_run: bool, screen: bool, verbosity: int, **options):
        category = topic_option(topic)
        skipped = Skipped()
        quiet = verbosity == 0
        try:
            checked = category is None
            if checked:
                # Every article that would need --topic is named before anything is stored.
                self._refuse_without_topic(imports.without_topic(self.read(file, Skipped(), **options),
                                                                  match_links=self.match_links))
            with tqdm(desc="Articles", unit=" articles", disable=quiet, file=self.stderr._out) as bar:
                summary = imports.import_archive(self.read(file, skipped, checked=checked, **options),
                                                  topic=category, dry_run=dry_run, match_links=self.match_links,
                                                  each=lambda _: bar.update())
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        left_out = "; ".join(f"{reason}: {count:,}" for reason, count in sorted(skipped.counts.items())) or "nothing"
        articles = summary.articles_created + summary.articles_found
        self.stdout.write(self.style.SUCCESS(
            f"{'Dry run, nothing stored: would import' if dry_run else 'Imported'} {_count(articles, 'article')} "
            f"({summary.articles_created:,} new, {summary.articles_found:,} already here) and "
            f"{_count(summary.comments_added, 'comment')} ({summary.comments_present:,} already imported). "
            f"Left out: {left_out}."))
        if dry_run or not summary.added_ids:
            return
        if screen:
            with tqdm(total=len(summary.added_ids), desc="Screening", unit=" comments", disable=quiet,
                      file=self.stderr._out) as bar:
                flagged = imports.screen_imported(summary.added_ids, each=lambda _: bar.update())
            self.stdout.write(f"Screened {len(summary.added_ids):,} comments: {flagged:,} flagged for moderators "
                              "(nobody was mailed).")
        else:
            self.stdout.write("The new comments are not screened yet: import with --screen, or run "
                              "manage.py rescreen.")

    def _refuse_without_topic(self, titles: list[str]) -> None:
        if titles:
            listed = "; ".join(f"“{title}”" for title in titles)
            raise CommandError(f"{len(titles):,} {'article names' if len(titles) == 1 else 'articles name'} no "
                               f"topic and match none here: {listed}. Give a topic for them with --topic SLUG. "
                               "Nothing was imported.")

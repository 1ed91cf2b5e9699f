"""Import a saved article page (plain text) with its numbered comments."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forum import services
from forum.imports.pages import PageFormatError, parse_page
from forum.management.commands._imports import topic_option


class Command(BaseCommand):
    help = "Create an article and its comments from a page saved as plain text."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The saved page, UTF-8 text.")
        parser.add_argument("--topic", help="The topic (slug) to file it under, when the page has no breadcrumbs "
                                            "or they should be overridden.")

    def handle(self, *args, file: Path, topic: str | None, **options):
        category = topic_option(topic)
        try:
            page = parse_page(file.read_text(encoding="utf-8"))
            article = services.import_page(page=page, topic=category)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        except PageFormatError as error:
            raise CommandError(f"{file} does not look like an article page: {error}") from error
        except services.Refused as refused:
            raise CommandError(refused.message) from refused
        self.stdout.write(self.style.SUCCESS(
            f"Imported '{article.title}' with {len(page.comments)} comments: {article.get_absolute_url()}"
        ))

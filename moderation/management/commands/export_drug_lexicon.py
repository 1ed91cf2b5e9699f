"""Export the drug names screening reads from the drug-named-entity-recognition dictionary."""

from django.core.management.base import BaseCommand, CommandError

from moderation.screening.drugs import LEXICON_FILE, lexicon_lines

try:
    from moderation import drug_dictionary
except ImportError:  # a development dependency: the site reads the exported file only
    drug_dictionary = None


class Command(BaseCommand):
    help = ("Write moderation/screening/lexicon/drug_names.txt from the drug-named-entity-recognition "
            "package's dictionary (names, brands and synonyms), less words that are also everyday English.")

    def handle(self, *args, **options):
        if drug_dictionary is None:
            raise CommandError("Exporting needs drug-named-entity-recognition: pip install -r requirements-dev.txt")
        version, names = drug_dictionary.names()
        LEXICON_FILE.write_text("\n".join(lexicon_lines(version, names)) + "\n", encoding="utf-8")
        self.stdout.write(f"Wrote {LEXICON_FILE} ({len(names):,} names from drug-named-entity-recognition {version}).")

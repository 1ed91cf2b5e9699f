"""Train the claim model from labelled files and the moderators' decisions, and export it."""

import json
from datetime import datetime, timezone
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from moderation.learning import training
from moderation.learning.evaluation import DataError, read_labelled, sha256
from moderation.screening.model import MODEL_FILE, PROVENANCE_FILE, Model, read_provenance
from moderation.services.screening import file_examples, moderators_examples


class Command(BaseCommand):
    help = ("Fit the claim model on labelled files (text<TAB>label<TAB>source) and the moderators' decisions, "
            "choosing its settings by cross-validation; replace the committed model only if it is not worse.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path,
                            help="Labelled files; by default MODERATION_TRAINING_FILES.")
        parser.add_argument("--force", action="store_true",
                            help="Replace the committed model even if the new one scores worse.")
        parser.add_argument("--without-moderators", action="store_true",
                            help="Leave out the moderators' decisions.")
        parser.add_argument("--dry-run", action="store_true", help="Report the figures; write nothing.")
        parser.add_argument("--output", type=Path, default=MODEL_FILE.parent,
                            help="Folder for claims.json and provenance.json (default: the committed model's).")

    def handle(self, *args, files, force, without_moderators, dry_run, output, **options):
        files = files or [Path(name) for name in settings.MODERATION_TRAINING_FILES]
        try:
            examples = file_examples(files)
        except (OSError, UnicodeDecodeError, DataError) as error:
            raise CommandError(f"Cannot read the labelled files: {error}") from error
        decisions = [] if without_moderators else moderators_examples()
        if len({example.label for example in examples}) < 2:
            raise CommandError("The files need examples of both labels.")
        self.stdout.write(f"{len(examples)} labelled rows from {len(files)} files, "
                          f"{len(decisions)} moderators' decisions")

        flag = settings.MODERATION_FLAG_THRESHOLD
        self.stdout.write("Cross-validating (5 folds, settings chosen inside each)...")
        result = training.cross_validate(examples, flag_threshold=flag, always=decisions)
        after = result.overall["rules or model"]
        before = read_provenance(output / PROVENANCE_FILE.name)
        if before:
            self.stdout.write(f"before: cross-validated F1 {before['f1']:.3f} "
                              f"(precision {before['precision']:.3f}, recall {before['recall']:.3f})")
        self.stdout.write(f"after:  cross-validated F1 {after.f1:.3f} "
                          f"(precision {after.precision:.3f}, recall {after.recall:.3f})")
        if dry_run:
            return
        # The committed figure is stored to three places; compare like with like.
        if before and round(after.f1, 3) < before["f1"] and not force:
            raise CommandError("The new model scores worse than the committed one; it was not written. "
                               "Use --force to replace it anyway.")

        fitted = training.choose(examples, flag_threshold=flag, always=decisions)
        Model(fitted.data)  # what screening will load must load
        output.mkdir(parents=True, exist_ok=True)
        with (output / MODEL_FILE.name).open("w", encoding="utf-8") as file:
            json.dump(fitted.data, file, separators=(",", ":"), sort_keys=True)
        provenance = training.provenance(
            fitted, result, decisions=len(decisions),
            trained_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            files=[{"name": path.name, "rows": len(read_labelled(path)), "sha256": sha256(path)} for path in files],
        )
        with (output / PROVENANCE_FILE.name).open("w", encoding="utf-8") as file:
            json.dump(provenance, file, indent=2)
            file.write("\n")
        self.stdout.write(f"Wrote {output / MODEL_FILE.name} ({len(fitted.data['features'])} features, "
                          f"C={fitted.c}, embedding weight {fitted.embedding_weight}, threshold {fitted.threshold}) "
                          "and its provenance.")


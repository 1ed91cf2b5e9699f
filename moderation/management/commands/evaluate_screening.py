"""Precision, recall and F1 of health-claim screening on labelled files: as deployed, and cross-validated."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from moderation.learning.evaluation import DataError, Scores, read_labelled, read_tags, sha256
from moderation.screening.model import read_provenance
from moderation.services.screening import file_examples, moderators_examples, screen_text

try:
    from moderation.learning import training
except ImportError:  # scikit-learn is a development dependency; screening itself does not need it
    training = None


class Command(BaseCommand):
    help = ("Measure claim screening on 'text<TAB>label<TAB>source' files. Each text is a member's source "
            "text, screened exactly as posting screens it; flagged = claim score >= the flag threshold.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--by-source", action="store_true", help="Also report each source separately.")
        parser.add_argument("--by-form", action="store_true",
                            help="Also report each topic and form separately (files with those columns).")
        parser.add_argument("--threshold", type=float, default=None,
                            help="Override MODERATION_FLAG_THRESHOLD for this run.")
        parser.add_argument("--no-cross-validation", action="store_true",
                            help="Only score the committed rules and model (quick).")
        parser.add_argument("--with-moderators", action="store_true",
                            help="Train each fold with the moderators' decisions as well.")

    def handle(self, *args, files, by_source, by_form, threshold, no_cross_validation, with_moderators, **options):
        threshold = settings.MODERATION_FLAG_THRESHOLD if threshold is None else threshold
        try:
            rows = [row for path in files for row in read_labelled(path)]
            tags = [tag for path in files for tag in read_tags(path)]
        except (OSError, UnicodeDecodeError, DataError) as error:
            raise CommandError(f"Cannot evaluate: {error}") from error
        self.stdout.write(f"threshold {threshold}")
        self._deployed(files, rows, tags, threshold, by_source=by_source, by_form=by_form)
        if not no_cross_validation:
            self._cross_validated(files, rows, tags, threshold, by_source=by_source, by_form=by_form,
                                  with_moderators=with_moderators)

    def _deployed(self, files, rows, tags, threshold, *, by_source, by_form) -> None:
        """The committed rules and model, screened as posting does."""
        trained_on = {entry["sha256"] for entry in read_provenance().get("files", [])}
        seen = [path.name for path in files if sha256(path) in trained_on]
        self.stdout.write("As deployed (committed rules and model, screened as posting does):")
        if seen:
            self.stdout.write(f"  note: the committed model was trained on {', '.join(seen)}; these rows are not "
                              "unseen, so read the cross-validated figures for them.")
        flags = [screen_text(text).score >= threshold for text, _, _ in rows]
        self._scores("  ", rows, flags, by_source=by_source)
        if by_form:
            self._by_tag("  ", rows, tags, flags)

    def _cross_validated(self, files, rows, tags, threshold, *, by_source, by_form, with_moderators) -> None:
        if training is None:
            raise CommandError("Cross-validation needs scikit-learn: pip install -r requirements-dev.txt "
                               "(or pass --no-cross-validation).")
        if len({label for _, label, _ in rows}) < 2 or len(rows) < 5 * training.FOLDS:
            raise CommandError(f"Cross-validation needs both labels and at least {5 * training.FOLDS} rows.")
        always = moderators_examples() if with_moderators else []
        self.stdout.write(f"Cross-validated ({training.FOLDS} folds, stratified by source and label; the model's C "
                          ", embedding weight "
                          "and threshold chosen inside each fold's training rows):")
        result = training.cross_validate(file_examples(files), flag_threshold=threshold, always=always)
        for name, scores in result.overall.items():
            self.stdout.write(self._line(f"  all: {name}", scores))
        if by_source:
            for source, by_name in sorted(result.by_source.items()):
                for name, scores in by_name.items():
                    self.stdout.write(self._line(f"  {source}: {name}", scores))
        chosen = ", ".join(f"C={c:g} e={weight:g} t={t:.3f}" for c, weight, t in result.chosen)
        self.stdout.write(f"  chosen per fold: {chosen}")
        if by_form:
            self._by_tag("  rules or model, ", rows, tags, [result.flagged[i] for i in range(len(rows))])

    def _scores(self, prefix, rows, flags, *, by_source) -> None:
        """All rows' scores, and each source's when asked."""
        overall, per_source = Scores(), {}
        for (_, label, source), flagged in zip(rows, flags):
            overall.add(flagged=flagged, label=bool(label))
            per_source.setdefault(source, Scores()).add(flagged=flagged, label=bool(label))
        self.stdout.write(self._line(f"{prefix}all", overall))
        if by_source:
            for source, scores in sorted(per_source.items()):
                self.stdout.write(self._line(f"{prefix}{source}", scores))

    def _by_tag(self, prefix, rows, tags, flags) -> None:
        """Scores by topic and by form, for the rows that name them."""
        for position, kind in ((0, "topic"), (1, "form")):
            groups: dict[str, Scores] = {}
            for (_, label, _), tag, flagged in zip(rows, tags, flags):
                if tag[position]:
                    groups.setdefault(tag[position], Scores()).add(flagged=flagged, label=bool(label))
            for name, scores in sorted(groups.items()):
                self.stdout.write(self._line(f"{prefix}{kind} {name}", scores))

    @staticmethod
    def _line(name, s):
        return (f"{name:<40} n={s.n:<5} flagged={s.flagged:<4} precision={s.precision:.3f} recall={s.recall:.3f} "
                f"F1={s.f1:.3f}  TP={s.tp} FP={s.fp} FN={s.fn} TN={s.tn}")

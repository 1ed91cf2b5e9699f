"""Precision, recall and F1 of the health-claim detector on a labelled TSV file."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from moderation.evaluation import DataError, evaluate


class Command(BaseCommand):
    help = "Measure the detector on 'text<TAB>label<TAB>source' lines; flagged = score >= the flag threshold."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--by-source", action="store_true", help="Also report each source separately.")
        parser.add_argument("--threshold", type=float, default=None,
                            help="Override MODERATION_FLAG_THRESHOLD for this run.")

    def handle(self, *args, file: Path, by_source: bool, threshold: float | None, **options):
        threshold = settings.MODERATION_FLAG_THRESHOLD if threshold is None else threshold
        try:
            with file.open(encoding="utf-8") as lines:
                result = evaluate(lines, threshold=threshold)
        except (OSError, UnicodeDecodeError, DataError) as error:
            raise CommandError(f"Cannot evaluate {file}: {error}") from error
        self.stdout.write(f"threshold {threshold}")
        self.stdout.write(self._line("all", result.overall))
        if by_source:
            for source, scores in sorted(result.by_source.items()):
                self.stdout.write(self._line(source or "(no source)", scores))

    @staticmethod
    def _line(name, s):
        return (f"{name:<28} n={s.n:<5} flagged={s.flagged:<4} precision={s.precision:.3f} recall={s.recall:.3f} "
                f"F1={s.f1:.3f}  TP={s.tp} FP={s.fp} FN={s.fn} TN={s.tn}")

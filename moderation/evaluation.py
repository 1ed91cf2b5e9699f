"""Measuring the health-claim detector against labelled text (precision, recall, F1)."""

from collections import defaultdict
from dataclasses import dataclass, field

from moderation.screening.detector import detect
from moderation.screening.normalize import normalize


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, *, flagged: bool, label: bool) -> None:
        if flagged and label:
            self.tp += 1
        elif flagged:
            self.fp += 1
        elif label:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def flagged(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return self.tp / self.flagged if self.flagged else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    overall: Scores = field(default_factory=Scores)
    by_source: dict = field(default_factory=lambda: defaultdict(Scores))


class DataError(ValueError):
    """A line of the labelled file that cannot be read."""


def evaluate(lines, *, threshold: float) -> Evaluation:
    """Score 'text<TAB>label[<TAB>source...]' lines (a header line first); flagged = score >= threshold."""
    result = Evaluation()
    for number, line in enumerate(lines, start=1):
        if number == 1 or not line.strip():
            continue
        fields = line.rstrip("\n").split("\t")
        if len(fields) < 2 or fields[1] not in ("0", "1"):
            raise DataError(f"Line {number}: expected text, a tab and a 0/1 label.")
        flagged = detect(normalize(fields[0]).text).score >= threshold
        label = fields[1] == "1"
        result.overall.add(flagged=flagged, label=label)
        result.by_source[fields[2] if len(fields) > 2 else ""].add(flagged=flagged, label=label)
    return result

"""Labelled examples for the health-claim screening, and their precision, recall and F1."""

import hashlib
from dataclasses import dataclass
from pathlib import Path


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


class DataError(ValueError):
    """A line of a labelled file that cannot be read."""


@dataclass(frozen=True)
class Example:
    """A labelled text: normalised visible text, 1 for an unverified claim, where it came from,
    and the rules' claim score for it (the rules are not trained, so it is fixed)."""

    text: str
    label: int
    source: str
    rules_score: float
    model_factor: float = 1.0  # the text's context lowers the model's score (Detection.context_factor)
    windows: tuple[tuple[tuple[int, int], float], ...] = ()  # spans of text the model reads too, with their context factors
    group: str = ""  # rows of one group are never split between training and test (training._grouped_split)


def read_labelled(path: Path) -> list[tuple[str, int, str]]:
    """(text, label, source) rows of a 'text<TAB>label[<TAB>source...]' file after its header line.

    Rows without a source take the file's name. Raises DataError naming the
    line that cannot be read, OSError and UnicodeDecodeError as they come.
    """
    rows = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if number == 1 or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 2 or fields[1] not in ("0", "1"):
                raise DataError(f"{path.name} line {number}: expected text, a tab and a 0/1 label.")
            rows.append((fields[0], int(fields[1]), fields[2] if len(fields) > 2 and fields[2] else path.stem))
    return rows


def read_tags(path: Path) -> list[tuple[str, str]]:
    """(topic, form) of each row read_labelled reads, from the columns the header names
    "topic" and "form" ("" where a file or a row has none)."""
    with path.open(encoding="utf-8") as lines:
        header = next(lines, "").rstrip("\n").split("\t")
        columns = [header.index(name) if name in header else None for name in ("topic", "form")]
        tags = []
        for line in lines:
            if not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            tags.append(tuple(fields[i] if i is not None and i < len(fields) else "" for i in columns))
    return tags


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()

"""The trained claim model at run time: n-gram features and a linear model, in plain Python.

Features are read from normalised visible text: words and word pairs, and
character n-grams inside words (3 to 5 letters, which carry inflections and
spelling variants a word list misses). Each is weighted by TF-IDF and the
vector scaled to unit length; the model is a logistic regression over them.
`manage.py train_screening` fits it (with scikit-learn) and exports the
weights to `trained/claims.json`; scoring needs nothing but this module.
"""

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TRAINED_DIR = Path(__file__).resolve().parent / "trained"
MODEL_FILE = TRAINED_DIR / "claims.json"
PROVENANCE_FILE = TRAINED_DIR / "provenance.json"
FORMAT = 1

# Addresses and the public data's masks (HTTPURL, @USER, RT) say nothing about
# a claim and differ between tweets and forum posts, so they are not features.
_NOISE = re.compile(r"https?://\S+|www\.\S+|\bhttpurl\b|@user\b|\brt\b|@\w+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
CHAR_SIZES = (3, 4, 5)


def words(text: str) -> list[re.Match]:
    """The words of normalised text that features are made of."""
    return list(_WORD.finditer(_NOISE.sub(lambda m: " " * len(m.group()), text)))


def word_features(word: str) -> list[str]:
    """A word's own features: itself and its character n-grams, the word padded with spaces."""
    padded = f" {word} "
    return [f"w:{word}"] + [f"c:{padded[i:i + n]}" for n in CHAR_SIZES for i in range(len(padded) - n + 1)]


def features(text: str) -> dict[str, int]:
    """How often each feature occurs in normalised text."""
    counts: dict[str, int] = {}
    found = [m.group() for m in words(text)]
    for word in found:
        for name in word_features(word):
            counts[name] = counts.get(name, 0) + 1
    for first, second in zip(found, found[1:]):
        name = f"w:{first} {second}"
        counts[name] = counts.get(name, 0) + 1
    return counts


@dataclass(frozen=True)
class Weighed:
    """What the model found in one text: its probability and the words that weighed most."""

    probability: float
    top_words: tuple[tuple[int, int, str, float], ...] = ()  # (start, end, word, weight), heaviest first


class Model:
    """Exported weights: per feature its IDF and coefficient; an intercept; the threshold chosen by cross-validation."""

    def __init__(self, data: dict):
        if data.get("format") != FORMAT:
            raise ValueError(f"Unknown model format {data.get('format')!r}; retrain with train_screening.")
        self.intercept = float(data["intercept"])
        self.threshold = float(data["threshold"])
        self.weights: dict[str, tuple[float, float]] = {name: (idf, coef) for name, (idf, coef) in
                                                       data["features"].items()}

    @classmethod
    def from_file(cls, path: Path) -> "Model":
        with path.open(encoding="utf-8") as file:
            return cls(json.load(file))

    def _vector(self, counts: dict[str, int]) -> tuple[dict[str, float], float]:
        """TF-IDF values of the known features (sublinear counts) and the vector's length."""
        weights = self.weights
        values = {}
        for name, count in counts.items():
            entry = weights.get(name)
            if entry is not None:
                values[name] = (1.0 + math.log(count)) * entry[0] if count > 1 else entry[0]
        norm = math.sqrt(sum(v * v for v in values.values()))
        return values, norm

    def probability(self, text: str) -> float:
        """The probability that normalised text is an unverified health claim."""
        values, norm = self._vector(features(text))
        if not norm:
            return _sigmoid(self.intercept)
        weights = self.weights
        return _sigmoid(self.intercept + sum(v * weights[name][1] for name, v in values.items()) / norm)

    def weigh(self, text: str, top: int = 3) -> Weighed:
        """The probability, and the words whose features pushed it up most (for a moderator to read)."""
        found = words(text)
        counts = features(text)
        values, norm = self._vector(counts)
        if not norm:
            return Weighed(_sigmoid(self.intercept))
        weights = self.weights

        def pushed(name: str) -> float:
            # Each occurrence of a feature gets an equal share of its contribution.
            return values[name] * weights[name][1] / norm / counts[name] if name in values else 0.0

        per_word = [sum(pushed(name) for name in word_features(m.group())) for m in found]
        for index in range(len(found) - 1):
            share = pushed(f"w:{found[index].group()} {found[index + 1].group()}") / 2
            per_word[index] += share
            per_word[index + 1] += share
        total = self.intercept + sum(v * weights[name][1] for name, v in values.items()) / norm
        heaviest = sorted(range(len(found)), key=lambda i: -per_word[i])[:top]
        return Weighed(
            _sigmoid(total),
            tuple((found[i].start(), found[i].end(), found[i].group(), round(per_word[i], 3))
                  for i in heaviest if per_word[i] > 0),
        )


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


@cache
def trained() -> Model:
    """The committed model, loaded once per process."""
    return Model.from_file(MODEL_FILE)

"""The trained claim model at run time: n-gram features and a linear model, in plain Python.

Features are read from normalised visible text: words and word pairs, and
character n-grams inside words (3 to 5 letters, which carry inflections and
spelling variants a word list misses). Each is weighted by TF-IDF and the
vector scaled to unit length. Beside them, pretrained word knowledge: the
mean of the text's WordLlama token vectors (embeddings.py), which knows that
"remission" and "cure" are near though the training rows may hold only one.
The model is a logistic regression over both. `manage.py train_screening`
fits it (with scikit-learn) and exports the weights to `trained/claims.json`;
scoring needs only this module, numpy and the tokenizer.
"""

import copy
import json
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy

from moderation.screening import embeddings

TRAINED_DIR = Path(__file__).resolve().parent / "trained"
MODEL_FILE = TRAINED_DIR / "claims.json"
PROVENANCE_FILE = TRAINED_DIR / "provenance.json"
FORMAT = 2

# Addresses and the public data's masks (HTTPURL, @USER, RT) say nothing about
# a claim and differ between tweets and forum posts, so they are not features.
_ADDRESS = re.compile(r"https?://\S+|www\.\S+|@\w+")
_MASKS = frozenset({"httpurl", "rt"})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
CHAR_SIZES = (3, 4, 5)
# The model reads this much of a text: twice the longest comment, so every post
# whole, while a 100 KB paste cannot make it slow (the rules read everything).
MAX_CHARS = 20_000


def _without_addresses(text: str) -> str:
    # Blanked to spaces of the same length, so word positions stay those of the text.
    if "http" in text or "www." in text or "@" in text:
        return _ADDRESS.sub(lambda m: " " * len(m.group()), text)
    return text


def words(text: str) -> list[re.Match]:
    """The words of normalised text that features are made of, with their places."""
    return [m for m in _WORD.finditer(_without_addresses(text)) if m.group() not in _MASKS]


def word_list(text: str) -> list[str]:
    """The same words, without their places (quicker)."""
    return [word for word in _WORD.findall(_without_addresses(text)) if word not in _MASKS]


def word_features(word: str) -> list[str]:
    """A word's own features: itself and its character n-grams, the word padded with spaces."""
    padded = f" {word} "
    return [f"w:{word}"] + [f"c:{padded[i:i + n]}" for n in CHAR_SIZES for i in range(len(padded) - n + 1)]


def features(text: str) -> dict[str, int]:
    """How often each feature occurs in normalised text."""
    counts: dict[str, int] = {}
    found = word_list(text)
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
    """Exported weights: per feature its IDF and coefficient; per token the part its embedding adds
    (its vector times the model's weights for the mean vector); an intercept; the threshold
    chosen by cross-validation.

    Scoring stays quick: each distinct word's known features are looked up
    once and remembered as an array of indices, and the counting and the
    arithmetic over a text's features run in numpy.
    """

    WORD_CACHE_SIZE = 50_000

    def __init__(self, data: dict, version: int | None = None):
        if data.get("format") != FORMAT:
            raise ValueError(f"Unknown model format {data.get('format')!r}; retrain with train_screening.")
        self.intercept = float(data["intercept"])
        self.threshold = float(data["threshold"])
        self.version = version  # the moderation.ClaimModel it was loaded from, recorded in each verdict
        names = sorted(data["features"])
        self.index = {name: i for i, name in enumerate(names)}
        self.idf = numpy.array([data["features"][name][0] for name in names], dtype=float)
        self.coef = numpy.array([data["features"][name][1] for name in names], dtype=float)
        tokens = data.get("tokens")
        if tokens and tokens.get("embeddings") != embeddings.NAME:
            raise ValueError(f"The model was trained on {tokens.get('embeddings')!r} embeddings, "
                             f"not {embeddings.NAME!r}; retrain with train_screening.")
        self.token_weights = numpy.array(tokens["weights"], dtype=float) if tokens else None
        self._known: dict[str, numpy.ndarray] = {}
        # Word pairs by their two words: a tuple is quicker to look up than a string to build.
        self._pairs = {tuple(name[2:].split(" ")): i for name, i in self.index.items()
                       if name.startswith("w:") and " " in name}

    @classmethod
    def from_file(cls, path: Path) -> "Model":
        with path.open(encoding="utf-8") as file:
            return cls(json.load(file))

    def _known_features(self, word: str) -> numpy.ndarray:
        known = self._known.get(word)
        if known is None:
            if len(self._known) >= self.WORD_CACHE_SIZE:
                self._known.clear()
            index = self.index
            known = self._known[word] = numpy.array(
                [index[name] for name in word_features(word) if name in index], dtype=numpy.intp)
        return known

    def _vector(self, found: list[str]) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """The known features of a text (indices), how often each occurs, and their TF-IDF values
        (sublinear counts, unit length)."""
        pairs = [i for i in map(self._pairs.get, zip(found, found[1:])) if i is not None]
        occurrences = numpy.concatenate([*map(self._known_features, found), numpy.array(pairs, dtype=numpy.intp)])
        features, counts = numpy.unique(occurrences, return_counts=True)
        values = (1.0 + numpy.log(counts)) * self.idf[features]
        norm = math.sqrt(float(values @ values))
        return features, counts, values / norm if norm else values

    def _tokens(self, text: str) -> float:
        """What the text's mean token embedding adds to the model's sum."""
        if self.token_weights is None:
            return 0.0
        ids = embeddings.token_ids(text)
        if not ids:
            return 0.0
        return float(self.token_weights[numpy.clip(ids, 0, len(self.token_weights) - 1)].mean())

    def passages(self, text: str, spans: list[tuple[int, int]]) -> list[float]:
        """The probability of each span of a text, as probability() gives it for the span alone,
        computed in one pass: the text's words and tokens are found once, each span takes its own."""
        if not spans:
            return []
        text = text[:MAX_CHARS]
        found = words(text)
        names = [m.group() for m in found]
        starts = [m.start() for m in found]
        known = [self._known_features(name) for name in names]
        pairs = [self._pairs.get(pair, -1) for pair in zip(names, names[1:])]
        window_of, occurrences = [], []
        for number, (start, end) in enumerate(spans):
            first, last = bisect_left(starts, start), bisect_left(starts, end)
            inside = known[first:last] + [numpy.array([i for i in pairs[first:last - 1] if i >= 0], dtype=numpy.intp)]
            joined = numpy.concatenate(inside)
            occurrences.append(joined)
            window_of.append(numpy.full(len(joined), number, dtype=numpy.intp))
        keys, counts = numpy.unique(numpy.concatenate(window_of) * len(self.idf) + numpy.concatenate(occurrences),
                                    return_counts=True)
        windows, features = numpy.divmod(keys, len(self.idf))
        values = (1.0 + numpy.log(counts)) * self.idf[features]
        norms = numpy.sqrt(numpy.bincount(windows, weights=values * values, minlength=len(spans)).astype(float))
        sums = numpy.bincount(windows, weights=values * self.coef[features], minlength=len(spans)).astype(float)
        sums = numpy.divide(sums, norms, out=numpy.zeros_like(sums), where=norms > 0)
        if self.token_weights is not None:
            sums += self._token_means(text, spans)
        return [_sigmoid(self.intercept + float(total)) for total in sums]

    def _token_means(self, text: str, spans: list[tuple[int, int]]) -> numpy.ndarray:
        """Each span's mean token weight, from the text's tokens (cumulative sums over them)."""
        ids, offsets = embeddings.tokens_with_offsets(text)
        weights = self.token_weights[numpy.clip(ids, 0, len(self.token_weights) - 1)] if ids else numpy.zeros(0)
        running = numpy.concatenate([[0.0], numpy.cumsum(weights)])
        # A token's offsets take in the space before it ("▁the" is " the"), so a span holds the tokens that end in it.
        token_ends = [end for _, end in offsets]
        means = numpy.zeros(len(spans))
        for number, (start, end) in enumerate(spans):
            first, last = bisect_right(token_ends, start), bisect_right(token_ends, end)
            if last > first:
                means[number] = (running[last] - running[first]) / (last - first)
        return means

    def probability(self, text: str) -> float:
        """The probability that normalised text is an unverified health claim (its first MAX_CHARS read)."""
        text = text[:MAX_CHARS]
        features, _, values = self._vector(word_list(text))
        return _sigmoid(self.intercept + float(values @ self.coef[features]) + self._tokens(text))

    def weigh(self, text: str, top: int = 3) -> Weighed:
        """The probability, and the words whose features pushed it up most (for a moderator to read)."""
        text = text[:MAX_CHARS]
        found = words(text)
        names = [m.group() for m in found]
        features, counts, values = self._vector(names)
        contributions = values * self.coef[features]
        # A word's own features give it an equal share per occurrence; a pair gives each of its words half.
        share = dict(zip(features.tolist(), (contributions / counts).tolist()))
        whole = dict(zip(features.tolist(), contributions.tolist()))
        per_name = {name: sum(share[feature] for feature in self._known_features(name).tolist()) for name in set(names)}
        per_word = [per_name[name] for name in names]
        for i, pair in enumerate(map(self._pairs.get, zip(names, names[1:]))):
            if pair is not None:
                per_word[i] += whole[pair] / 2
                per_word[i + 1] += whole[pair] / 2
        heaviest = sorted(range(len(found)), key=lambda i: -per_word[i])[:top]
        return Weighed(
            _sigmoid(self.intercept + float(values @ self.coef[features]) + self._tokens(text)),
            tuple((found[i].start(), found[i].end(), found[i].group(), round(per_word[i], 3))
                  for i in heaviest if per_word[i] > 0),
        )


def read_provenance(path: Path = PROVENANCE_FILE) -> dict:
    """A model's provenance (its data files, parameters and cross-validated figures), or {} if unreadable."""
    try:
        with path.open(encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError):
        return {}


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


@cache
def trained() -> Model:
    """The model shipped with the release, loaded once per process."""
    return Model.from_file(MODEL_FILE)


def as_version(model: Model, version: int | None) -> Model:
    """The same weights under another version's number, sharing their arrays."""
    named = copy.copy(model)
    named.version = version
    return named

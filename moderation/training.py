"""Fitting and measuring the claim model: labelled examples in, exported weights and honest figures out.

Needs scikit-learn (requirements-dev.txt); screening at run time does not
(screening/model.py reads the exported weights). Every figure here is
cross-validated: a row is only ever scored by a model that did not see it,
and the model's threshold is chosen inside the training folds.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

import numpy
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from moderation.evaluation import Example, Scores
from moderation.screening.model import FORMAT, Model, features
from moderation.screening.verdict import Policy, combined_score, model_score

FOLDS = 5
SEED = 20261129
# Searched by inner cross-validation: the regularisation strength and the threshold.
C_GRID = (1.0, 3.0, 10.0, 30.0)
THRESHOLD_GRID = tuple(round(0.05 + 0.025 * step, 3) for step in range(37))  # 0.05 .. 0.95
MIN_DOCUMENT_FREQUENCY = 2
# Below this precision a threshold is not taken however good its F1: a flag
# a moderator overturns most of the time teaches members to ignore the label.
MIN_PRECISION = 0.65


@dataclass
class Fitted:
    """A fitted model's export, with what was chosen and why."""

    data: dict
    c: float
    threshold: float
    inner: Scores


@cache
def _counts(text: str) -> dict[str, int]:
    # Texts recur in every fold; their features are counted once.
    return features(text)


@dataclass(frozen=True)
class Vectoriser:
    """The vocabulary and IDF learnt from training texts; turns texts into the rows the model sees."""

    index: dict[str, int]
    idf: list[float]

    @classmethod
    def learn(cls, texts: list[str]) -> "Vectoriser":
        document_frequency: dict[str, int] = defaultdict(int)
        for text in texts:
            for name in _counts(text):
                document_frequency[name] += 1
        names = sorted(name for name, df in document_frequency.items() if df >= MIN_DOCUMENT_FREQUENCY)
        n = len(texts)
        return cls({name: i for i, name in enumerate(names)},
                   [math.log((1 + n) / (1 + document_frequency[name])) + 1.0 for name in names])

    def matrix(self, texts: list[str]) -> csr_matrix:
        """TF-IDF rows as screening/model.py computes them: sublinear counts, unit length."""
        index, idf = self.index, self.idf
        rows, columns, values = [], [], []
        for row, text in enumerate(texts):
            entries = {index[name]: (1.0 + math.log(count)) * idf[index[name]]
                       for name, count in _counts(text).items() if name in index}
            norm = math.sqrt(sum(value * value for value in entries.values())) or 1.0
            rows.extend([row] * len(entries))
            columns.extend(entries)
            values.extend(value / norm for value in entries.values())
        return csr_matrix((values, (rows, columns)), shape=(len(texts), len(idf)))

    def export(self, classifier: LogisticRegression, threshold: float) -> dict:
        """The weights in screening/model.py's format."""
        coefficients = classifier.coef_[0]
        return {
            "format": FORMAT,
            "intercept": round(float(classifier.intercept_[0]), 6),
            "threshold": threshold,
            "features": {name: [round(self.idf[i], 5), round(float(coefficients[i]), 5)]
                         for name, i in self.index.items()},
        }


def _classifier(matrix: csr_matrix, labels, *, c: float) -> LogisticRegression:
    classifier = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=5000)
    return classifier.fit(matrix, labels)


def fit(examples: list[Example], *, c: float, threshold: float = 0.5) -> dict:
    """Fit the logistic regression on examples and export it in screening/model.py's format."""
    texts = [example.text for example in examples]
    vectoriser = Vectoriser.learn(texts)
    classifier = _classifier(vectoriser.matrix(texts), [example.label for example in examples], c=c)
    return vectoriser.export(classifier, threshold)


def out_of_fold(examples: list[Example], *, cs: tuple[float, ...], always: list[Example] = (),
                folds: int = FOLDS) -> dict[float, list[float]]:
    """For each C, each example's probability from a model fitted on the other folds (and `always`)."""
    probabilities = {c: [0.0] * len(examples) for c in cs}
    for train, test in _split(examples, folds):
        training = [examples[i] for i in train] + list(always)
        texts = [example.text for example in training]
        vectoriser = Vectoriser.learn(texts)
        matrix = vectoriser.matrix(texts)
        held_out = vectoriser.matrix([examples[i].text for i in test])
        for c in cs:
            classifier = _classifier(matrix, [example.label for example in training], c=c)
            for i, probability in zip(test, classifier.predict_proba(held_out)[:, 1]):
                probabilities[c][i] = float(probability)
    return probabilities


def choose(examples: list[Example], *, flag_threshold: float, always: list[Example] = ()) -> Fitted:
    """Choose C and the model's threshold by cross-validation, then fit on all examples.

    The threshold is the one whose combined verdict (rules or model) has the
    best F1 with precision at least MIN_PRECISION. `always` are examples used
    in every fit but never scored (the moderators' decisions beside a file).
    """
    best = None
    for c, probabilities in out_of_fold(examples, cs=C_GRID, always=always).items():
        for threshold in THRESHOLD_GRID:
            scores = combined_scores(examples, probabilities, threshold, flag_threshold)
            key = (scores.precision >= MIN_PRECISION, round(scores.f1, 4), -c)
            if best is None or key > best[0]:
                best = (key, c, threshold, scores)
    _, c, threshold, scores = best
    return Fitted(fit(list(examples) + list(always), c=c, threshold=threshold), c, threshold, scores)


def combined_scores(examples: list[Example], probabilities: list[float], threshold: float,
                    flag_threshold: float) -> Scores:
    """Scores of the combined verdict: flagged when the rules or the model reach their thresholds."""
    scores = Scores()
    policy = Policy(flag_threshold=flag_threshold)
    for example, probability in zip(examples, probabilities):
        combined = combined_score(example.rules_score, probability, threshold, policy, factor=example.model_factor)
        scores.add(flagged=combined >= flag_threshold, label=bool(example.label))
    return scores


@dataclass
class CrossValidation:
    """Cross-validated figures for rules alone, the model alone, either (what screening does)
    and both as added evidence (the alternative), overall and by source."""

    overall: dict[str, Scores] = field(default_factory=lambda: defaultdict(Scores))
    by_source: dict[str, dict[str, Scores]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(Scores)))
    chosen: list[tuple[float, float]] = field(default_factory=list)  # (C, threshold) per fold
    flagged: dict[int, bool] = field(default_factory=dict)  # each example's "rules or model" verdict, by index


def cross_validate(examples: list[Example], *, flag_threshold: float, always: list[Example] = (),
                   folds: int = FOLDS) -> CrossValidation:
    """Stratified k-fold: each fold is scored by a model (C and threshold chosen inside the
    other folds) that never saw it."""
    result = CrossValidation()
    policy = Policy(flag_threshold=flag_threshold)
    for train, test in _split(examples, folds):
        fitted = choose([examples[i] for i in train], flag_threshold=flag_threshold, always=always)
        model = Model(fitted.data)
        result.chosen.append((fitted.c, fitted.threshold))
        for i in test:
            example = examples[i]
            probability = model.probability(example.text)
            rescaled = model_score(probability, fitted.threshold, policy, factor=example.model_factor)
            combined = combined_score(example.rules_score, probability, fitted.threshold, policy,
                                      factor=example.model_factor)
            # The alternative: the rules' and the model's scores added as independent chances.
            evidence = 1 - (1 - example.rules_score) * (1 - rescaled)
            result.flagged[i] = combined >= flag_threshold
            for name, flagged in (("rules", example.rules_score >= flag_threshold),
                                  ("model", rescaled >= flag_threshold),
                                  ("rules or model", combined >= flag_threshold),
                                  ("added evidence", evidence >= flag_threshold)):
                result.overall[name].add(flagged=flagged, label=bool(example.label))
                result.by_source[example.source][name].add(flagged=flagged, label=bool(example.label))
    return result


def _split(examples: list[Example], folds: int):
    """Stratified by source and label, so each fold holds every kind of row in proportion."""
    strata = [f"{example.source}:{example.label}" for example in examples]
    # A stratum smaller than the number of folds cannot be spread; its rows join
    # the largest stratum of their label.
    sizes: dict[str, int] = defaultdict(int)
    for stratum in strata:
        sizes[stratum] += 1
    largest = {label: max((s for s in sizes if s.endswith(f":{label}")), key=sizes.get) for label in (0, 1)
               if any(s.endswith(f":{label}") for s in sizes)}
    strata = [s if sizes[s] >= folds else largest[e.label] for s, e in zip(strata, examples)]
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    return splitter.split(numpy.zeros(len(examples)), strata)

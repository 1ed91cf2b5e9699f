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
from scipy.sparse import csr_matrix, hstack
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from moderation.learning.evaluation import Example, Scores
from moderation.screening import embeddings
from moderation.screening.model import FORMAT, Model, features
from moderation.screening.verdict import Policy, combined_score, model_score

FOLDS = 5
SEED = 20261129
# Searched by inner cross-validation: the regularisation strength and the threshold.
C_GRID = (1.0, 3.0, 10.0, 30.0)
# How much the mean token embedding weighs beside the TF-IDF features (0: not used), searched too.
EMBEDDING_GRID = (0.0, 0.25)
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
    embedding_weight: float = 0.0


@cache
def _counts(text: str) -> dict[str, int]:
    # Texts recur in every fold; their features are counted once.
    return features(text)


_means: dict[str, numpy.ndarray] = {}


def _embedded(texts: list[str]) -> numpy.ndarray:
    """Each text's mean token embedding, each text embedded once per process."""
    missing = list(dict.fromkeys(text for text in texts if text not in _means))
    if missing:
        _means.update(zip(missing, embeddings.mean_vectors(missing)))
    return numpy.array([_means[text] for text in texts]).reshape(len(texts), -1)


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

    def rows(self, texts: list[str], embedding_weight: float):
        """The model's input rows: TF-IDF, and beside it the mean token embedding times its weight."""
        matrix = self.matrix(texts)
        if not embedding_weight:
            return matrix
        return hstack([matrix, csr_matrix(embedding_weight * _embedded(texts))]).tocsr()

    def export(self, classifier: LogisticRegression, threshold: float, embedding_weight: float) -> dict:
        """The weights in screening/model.py's format; the embedding's part folded into one number per token."""
        coefficients = classifier.coef_[0]
        data = {
            "format": FORMAT,
            "intercept": round(float(classifier.intercept_[0]), 6),
            "threshold": threshold,
            "features": {name: [round(self.idf[i], 5), round(float(coefficients[i]), 5)]
                         for name, i in self.index.items()},
        }
        if embedding_weight:
            per_token = embeddings.table() @ (embedding_weight * coefficients[len(self.idf):])
            data["tokens"] = {"embeddings": embeddings.NAME, "weight": embedding_weight,
                              "weights": [round(float(value), 5) for value in per_token]}
        return data


def _classifier(matrix: csr_matrix, labels, *, c: float) -> LogisticRegression:
    classifier = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=5000)
    return classifier.fit(matrix, labels)


def fit(examples: list[Example], *, c: float, threshold: float = 0.5, embedding_weight: float = 0.0) -> dict:
    """Fit the logistic regression on examples and export it in screening/model.py's format."""
    texts = [example.text for example in examples]
    vectoriser = Vectoriser.learn(texts)
    classifier = _classifier(vectoriser.rows(texts, embedding_weight), [example.label for example in examples], c=c)
    return vectoriser.export(classifier, threshold, embedding_weight)


@dataclass(frozen=True)
class Read:
    """What a model read in one example: the whole text's probability, and each window's."""

    probability: float
    windows: tuple[float, ...] = ()


def _read(classifier: LogisticRegression, vectoriser: Vectoriser, examples: list[Example],
          embedding_weight: float) -> list[Read]:
    """Each example's probabilities, scored in one batch: whole texts and their windows."""
    texts = [example.text for example in examples]
    texts += [example.text[start:end] for example in examples for (start, end), _ in example.windows]
    probabilities = iter(classifier.predict_proba(vectoriser.rows(texts, embedding_weight))[:, 1].tolist())
    whole = [next(probabilities) for _ in examples]
    return [Read(probability, tuple(next(probabilities) for _ in example.windows))
            for probability, example in zip(whole, examples)]


def out_of_fold(examples: list[Example], *, cs: tuple[float, ...], weights: tuple[float, ...] = EMBEDDING_GRID,
                always: list[Example] = (), folds: int = FOLDS) -> dict[tuple[float, float], list[Read]]:
    """For each C and embedding weight, what a model fitted on the other folds (and `always`) reads in each example."""
    read: dict[tuple[float, float], list[Read]] = {(c, weight): [None] * len(examples) for c in cs for weight in weights}
    for train, test in _grouped_split(examples, folds):
        training = [examples[i] for i in train] + list(always)
        texts = [example.text for example in training]
        labels = [example.label for example in training]
        vectoriser = Vectoriser.learn(texts)
        held_out = [examples[i] for i in test]
        for weight in weights:
            matrix = vectoriser.rows(texts, weight)
            for c in cs:
                classifier = _classifier(matrix, labels, c=c)
                for i, found in zip(test, _read(classifier, vectoriser, held_out, weight)):
                    read[c, weight][i] = found
    return read


def choose(examples: list[Example], *, flag_threshold: float, always: list[Example] = ()) -> Fitted:
    """Choose C, the embedding's weight and the model's threshold by cross-validation, then fit on all examples.

    The threshold is the one whose combined verdict (rules or model) has the
    best F1 with precision at least MIN_PRECISION; ties go to the simpler
    model (smaller C, less embedding). `always` are examples used in every fit
    but never scored (the moderators' decisions beside a file).
    """
    best = None
    for (c, weight), read in out_of_fold(examples, cs=C_GRID, always=always).items():
        for threshold in THRESHOLD_GRID:
            scores = combined_scores(examples, read, threshold, flag_threshold)
            key = (scores.precision >= MIN_PRECISION, round(scores.f1, 4), -c, -weight)
            if best is None or key > best[0]:
                best = (key, c, weight, threshold, scores)
    _, c, weight, threshold, scores = best
    data = fit(list(examples) + list(always), c=c, threshold=threshold, embedding_weight=weight)
    return Fitted(data, c, threshold, scores, weight)


def _windows(example: Example, read: Read) -> list[tuple[float, float]]:
    return [(probability, factor) for probability, (_, factor) in zip(read.windows, example.windows)]


def combined_scores(examples: list[Example], read: list[Read], threshold: float, flag_threshold: float) -> Scores:
    """Scores of the combined verdict: flagged when the rules or the model (whole or in a window) reach their
    thresholds."""
    scores = Scores()
    policy = Policy(flag_threshold=flag_threshold)
    for example, found in zip(examples, read):
        combined = combined_score(example.rules_score, found.probability, threshold, policy,
                                  factor=example.model_factor, windows=_windows(example, found))
        scores.add(flagged=combined >= flag_threshold, label=bool(example.label))
    return scores


@dataclass
class CrossValidation:
    """Cross-validated figures for rules alone, the model alone, either (what screening does)
    and both as added evidence (the alternative), overall and by source."""

    overall: dict[str, Scores] = field(default_factory=lambda: defaultdict(Scores))
    by_source: dict[str, dict[str, Scores]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(Scores)))
    chosen: list[tuple[float, float, float]] = field(default_factory=list)  # (C, embedding weight, threshold) per fold
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
        result.chosen.append((fitted.c, fitted.embedding_weight, fitted.threshold))
        for i in test:
            example = examples[i]
            rescaled, combined = _scored(model, example, policy)
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


def _scored(model: Model, example: Example, policy: Policy) -> tuple[float, float]:
    """The model's score and the combined verdict's for one example, as screening scores a post:
    the exported model on the whole text and on its windows."""
    probability = model.probability(example.text)
    windows = [(p, factor) for p, (_, factor) in
               zip(model.passages(example.text, [span for span, _ in example.windows]), example.windows)]
    rescaled = max([model_score(probability, model.threshold, policy, factor=example.model_factor)]
                   + [model_score(p, model.threshold, policy, factor=f) for p, f in windows])
    combined = combined_score(example.rules_score, probability, model.threshold, policy,
                              factor=example.model_factor, windows=windows)
    return rescaled, combined


def score(model: Model, examples: list[Example], *, flag_threshold: float) -> Scores:
    """How the combined verdict (rules or this model) does on examples the model was not fitted to."""
    scores = Scores()
    policy = Policy(flag_threshold=flag_threshold)
    for example in examples:
        scores.add(flagged=_scored(model, example, policy)[1] >= flag_threshold, label=bool(example.label))
    return scores


def figures(scores: Scores) -> dict:
    return {"precision": round(scores.precision, 3), "recall": round(scores.recall, 3), "f1": round(scores.f1, 3),
            "tp": scores.tp, "fp": scores.fp, "fn": scores.fn, "tn": scores.tn}


def provenance(fitted: Fitted, result: CrossValidation, *, files: list[dict], decisions: int,
               trained_at: str) -> dict:
    """What a model was made from, how its settings were chosen and its cross-validated figures."""
    after = result.overall["rules or model"]
    return {
        "trained_at": trained_at,
        "files": files,
        "moderators_decisions": decisions,
        "parameters": {
            "features": "words, word pairs, character 3-5-grams inside words; TF-IDF, sublinear, unit length; "
                        f"beside them the mean token vector of {embeddings.NAME}, times the embedding weight",
            "min_document_frequency": MIN_DOCUMENT_FREQUENCY,
            "classifier": "logistic regression, balanced classes",
            "C": fitted.c, "embedding_weight": fitted.embedding_weight, "threshold": fitted.threshold,
            "features_kept": len(fitted.data["features"]),
            "chosen_by": f"{FOLDS}-fold cross-validation: best F1 of rules or model with precision >= {MIN_PRECISION}",
        },
        "cross_validated": cross_validated(result),
        "f1": round(after.f1, 3), "precision": round(after.precision, 3), "recall": round(after.recall, 3),
    }


def cross_validated(result: CrossValidation) -> dict:
    return {
        "folds": FOLDS,
        "overall": {name: figures(scores) for name, scores in result.overall.items()},
        "by_source": {source: {name: figures(scores) for name, scores in by_name.items()}
                      for source, by_name in sorted(result.by_source.items())},
    }


def _grouped_split(examples: list[Example], folds: int):
    """Folds that keep each group (a source, or a topic of the forum file) whole, balanced by label:
    settings are chosen for rows of a kind the model has not seen, as the site's next posts will be."""
    groups = [example.group or example.source for example in examples]
    if len(set(groups)) < folds:  # too few groups to keep whole: as stratified as the rows allow
        return _split(examples, folds)
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=SEED)
    return splitter.split(numpy.zeros(len(examples)), [example.label for example in examples], groups)


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

"""Combining the detector, the trained model and the rules into one verdict on a post.

Pure: the caller passes the thresholds, the watched phrases and the model.
What is screened is the text readers see (visible.py); spans in the verdict
index the member's source text, so they can be highlighted there.

Rules and model are combined as "either": the claim score is the larger of
the rules' score and the model's probability rescaled so that the model's
own threshold (chosen by cross-validation) meets the flag threshold. Cross-
validated (`evaluate_screening`), "either" scored as well as adding the two
as independent evidence, with fewer false flags, and every flag then has one
reason that reaches the threshold on its own, which a moderator can read.
The model alone never holds a post: holding needs a rule.
"""

from bisect import bisect_left
from dataclasses import asdict, dataclass, field

from moderation.screening import claim_rules, detector, rules
from moderation.screening.model import Model
from moderation.screening.normalize import normalize
from moderation.screening.sources import Source, link_citation, recognise, text_citations
from moderation.screening.visible import Visible, plain

PUBLISH = "publish"
LABEL = "label"
HOLD = "hold"
BLOCK = "block"
# A watched phrase's action that asks for a review and leaves the post as it would otherwise be.
FLAG = "flag"
SEVERITY = {PUBLISH: 0, LABEL: 1, HOLD: 2, BLOCK: 3}

CRISIS = "crisis"
SPAM = "spam"
LINKS = "links"
WATCHED = "watched"
MODEL = "model"

CLAIM_LABELS = {**claim_rules.CATEGORY_LABELS, MODEL: "Reads like an unverified health claim"}
CATEGORY_NAMES = {
    **CLAIM_LABELS,
    CRISIS: "Crisis language",
    SPAM: "Shop or affiliate wording",
    LINKS: "Several links",
    WATCHED: "Watched phrase",
}
# What the detector and the model find; a trusted member's post held only for these is labelled instead.
CLAIM_CATEGORIES = frozenset(CLAIM_LABELS)
# The model's score, rescaled, stays below this: alone it labels, never holds.
MODEL_SCORE_CEILING = 0.85


@dataclass(frozen=True)
class Policy:
    """What the verdict does with what it finds; built from settings by the caller."""

    flag_threshold: float = 0.5
    hold_threshold: float = 0.9
    flagged_action: str = LABEL  # label or hold: what a flagged, not extreme, post gets
    hold_link_count: int = 2
    # Claims held whoever writes them, at any score from the flag threshold up:
    # a changed dose or a stopped medication can harm before anyone reviews it.
    always_hold: frozenset[str] = frozenset({claim_rules.MEDICATION, claim_rules.DOSAGE})


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    category: str
    reason: str


@dataclass(frozen=True)
class Verdict:
    score: float
    action: str
    categories: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()
    reasons: tuple[str, ...] = ()
    mitigations: tuple[str, ...] = ()
    crisis: bool = False
    needs_review: bool = False
    block_message: str = ""
    rules_score: float = 0.0
    model_probability: float | None = None  # None when no model was used
    citations: tuple[str, ...] = ()  # recognised sources it cites: "PubMed 12345678", "doi:10.1000/xyz"
    context_factor: float = 1.0  # what the text's context does to the model's score (Detection)
    model_version: int | None = None  # the claim model's version (moderation.ClaimModel) that read it

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Verdict":
        """A stored verdict; keys stored beside it (the review reasons) are left out."""
        data = {name: value for name, value in data.items() if name in cls.__dataclass_fields__}
        data["spans"] = tuple(Span(**span) for span in data.get("spans", ()))
        for name in ("categories", "reasons", "mitigations"):
            data[name] = tuple(data.get(name, ()))
        return cls(**data)


@dataclass
class _Outcome:
    action: str = PUBLISH
    categories: list = field(default_factory=list)
    reasons: list = field(default_factory=list)
    needs_review: bool = False

    def raise_to(self, action: str, category: str, reason: str, review: bool = True) -> None:
        if SEVERITY[action] > SEVERITY[self.action]:
            self.action = action
        if category not in self.categories:
            self.categories.append(category)
        if reason not in self.reasons:
            self.reasons.append(reason)
        self.needs_review = self.needs_review or review


def model_score(probability: float, threshold: float, policy: Policy, *, factor: float = 1.0) -> float:
    """The model's probability on the claim-score scale: its threshold meets the flag threshold.

    `factor` is the text's context (Detection.context_factor): a cited source, a question,
    doubt or experience lowers it as they lower the rules' findings.
    """
    flag = policy.flag_threshold
    if probability < threshold:
        score = round(flag * probability / threshold, 3)
    else:
        score = round(flag + (MODEL_SCORE_CEILING - flag) * (probability - threshold) / (1.0 - threshold), 3)
    return round(score * factor, 3)


def combined_score(rules_score: float, probability: float | None, threshold: float, policy: Policy, *,
                   factor: float = 1.0, windows=()) -> float:
    """The claim score: rules or model, whichever is surer. `windows` are the model's
    (probability, context factor) for short windows of the text; the surest counts."""
    if probability is None:
        return rules_score
    return max(rules_score, model_score(probability, threshold, policy, factor=factor),
               *(model_score(p, threshold, policy, factor=f) for p, f in windows))


# A moderator reads the first links of a post held for its links, not two thousand.
MAX_LINK_SPANS = 50


def screen(post: Visible | str, *, policy: Policy = Policy(), watched: list[rules.WatchedPhrase] = (),
           model: Model | None = None, sources: list[Source] = ()) -> Verdict:
    """Screen what readers see of a post: health claims, watched phrases, links, spam, crisis.

    A str is taken as text shown as it is; posts come as Visible, with their links.
    Links to recognised sources count as citations and not toward the link hold.
    Each stage below adds what it finds to the spans and raises the outcome.
    """
    screening = _Screening(plain(post) if isinstance(post, str) else post)
    folded = screening.folded
    recognised = [(link, source) for link in screening.post.links if (source := recognise(link.href, sources))]
    citations = tuple(dict.fromkeys([link_citation(link.href, source) for link, source in recognised]
                                    + text_citations(folded)))
    detection = detector.detect(folded, cited=bool(recognised))
    for finding in detection.findings:
        screening.keep(finding.start, finding.end, finding.category, finding.reason)
    scored = _Scored.of(folded, detection, model, policy)
    if detection.score >= policy.flag_threshold:
        _flag_rules(screening, detection, policy)
    elif scored.score >= policy.flag_threshold:
        _flag_model(screening, scored, model, policy, context=detection.context_factor,
                    medicine_changes=detection.medicine_changes)
    block_message = _watched(screening, watched)
    _links(screening, recognised, policy.hold_link_count)
    _spam(screening)
    crisis = _crisis(screening)
    outcome = screening.outcome
    return Verdict(
        score=scored.score,
        action=outcome.action,
        categories=tuple(outcome.categories),
        spans=tuple(sorted(screening.spans, key=lambda s: (s.start, s.end))),
        reasons=tuple(outcome.reasons),
        mitigations=detection.mitigations,
        crisis=crisis,
        needs_review=outcome.needs_review,
        block_message=block_message,
        rules_score=detection.score,
        model_probability=None if scored.probability is None else round(scored.probability, 3),
        citations=citations,
        context_factor=detection.context_factor,
        model_version=model.version if model is not None else None,
    )


class _Screening:
    """One post being screened: what readers see of it, folded for the rules, and what the
    stages found so far (spans in the source text, and the outcome)."""

    def __init__(self, post: Visible):
        self.post = post
        self.normalized = normalize(post.text)
        self.folded = self.normalized.text
        self.outcome = _Outcome()
        self.spans: list[Span] = []

    def keep(self, start: int, end: int, category: str, reason: str) -> None:
        """Keep a span of the folded text, mapped back to the source the member wrote."""
        visible_start, visible_end = self.normalized.original_span(start, end)
        self.spans.append(Span(*self.post.source_span(visible_start, visible_end), category, reason))

    def span_of(self, link) -> tuple[int, int]:
        return _normalized_span(self.normalized, link.start, link.end)


@dataclass(frozen=True)
class _Scored:
    """The claim score (combined_score) with the model's probability and its windows
    (start, end, probability, context factor)."""

    score: float
    probability: float | None = None
    windows: tuple = ()

    @classmethod
    def of(cls, folded: str, detection, model: Model | None, policy: Policy) -> "_Scored":
        if model is None:
            return cls(score=detection.score)
        probability = model.probability(folded)
        passages = model.passages(folded, [window[:2] for window in detection.windows])
        windows = tuple((start, end, p, factor) for (start, end, factor), p in zip(detection.windows, passages))
        score = combined_score(detection.score, probability, model.threshold, policy,
                               factor=detection.context_factor, windows=[(p, f) for _, _, p, f in windows])
        return cls(score=score, probability=probability, windows=windows)


def _flag_rules(screening: _Screening, detection, policy: Policy) -> None:
    """The rules found claims: each category flagged, held past the hold threshold or when
    it is one that always holds (a medication change) and was found with weight."""
    action = HOLD if detection.score >= policy.hold_threshold else policy.flagged_action
    held = {f.category for f in detection.findings
            if f.category in policy.always_hold and f.weight >= policy.flag_threshold}
    for category in detection.categories:
        screening.outcome.raise_to(HOLD if category in held else action, category,
                                   claim_rules.CATEGORY_LABELS[category])


def _flag_model(screening: _Screening, scored: _Scored, model: Model, policy: Policy, *, context: float,
                medicine_changes=()) -> None:
    """Only the model read a claim: its words are weighed, for the moderator, in the
    sentences it read as a claim when a window decided, else in the whole text. Where
    those sentences name a medicine and a change to it, the claim is one: held, as the
    rules hold a medicine change, though their wording did not match."""
    folded = screening.folded
    whole = model_score(scored.probability, model.threshold, policy, factor=context)
    start, end, _, _ = max(scored.windows, key=lambda w: model_score(w[2], model.threshold, policy, factor=w[3]),
                           default=(0, len(folded), 0.0, 1.0))
    if whole >= scored.score or not scored.windows:
        start, end = 0, len(folded)
    weighed = model.weigh(folded[start:end])
    shown = ", ".join(f"“{word}”" for _, _, word, _ in weighed.top_words)
    where = "" if (start, end) == (0, len(folded)) else "; in one passage"
    if where:
        screening.keep(start, end, MODEL, "the passage the trained model read as a claim")
    for word_start, word_end, word, _ in weighed.top_words:
        screening.keep(start + word_start, start + word_end, MODEL, f"weighed by the trained model: “{word}”")
    screening.outcome.raise_to(policy.flagged_action, MODEL,
                               f"{CLAIM_LABELS[MODEL]} (trained model{where}; weighed most: {shown})")
    changes = [(a, b) for a, b in medicine_changes if a < end and b > start]
    for a, b in changes:
        screening.keep(a, b, claim_rules.MEDICATION, "names a medicine and a change to it")
    if changes:
        action = HOLD if claim_rules.MEDICATION in policy.always_hold else policy.flagged_action
        screening.outcome.raise_to(action, claim_rules.MEDICATION, claim_rules.CATEGORY_LABELS[claim_rules.MEDICATION])


def _watched(screening: _Screening, watched) -> str:
    """The moderators' watched phrases; the message a blocked post is refused with, if one blocks."""
    block_message = ""
    for phrase, hit in rules.watched(screening.folded, list(watched), lambda p: normalize(p).text):
        screening.keep(hit.start, hit.end, WATCHED, hit.reason)
        screening.outcome.raise_to(PUBLISH if phrase.action == FLAG else phrase.action, WATCHED, hit.reason)
        if phrase.action == BLOCK and not block_message:
            blocked = screening.spans[-1]
            written = screening.post.mapping.original[blocked.start:blocked.end]
            block_message = (f"Your post was not published: “{written}” is not allowed in this community. "
                             "Please reword it.")
    return block_message


def _links(screening: _Screening, recognised, hold_link_count: int) -> None:
    """Many links hold a post. Links whose text is not an address ("<a href=...>this</a>")
    count too; links to recognised sources do not, since citing one is what the guidelines ask."""
    found = rules.links(screening.folded)
    in_text = rules.Intervals([(hit.start, hit.end) for hit in found])
    for link in screening.post.links:
        start, end = screening.span_of(link)
        if not in_text.overlaps(start, end):
            found.append(rules.Hit(start, end, LINKS, "link"))
    cited = rules.Intervals([screening.span_of(link) for link, _ in recognised])
    found = [hit for hit in found if not cited.overlaps(hit.start, hit.end)]
    if len(found) >= hold_link_count:
        for hit in found[:MAX_LINK_SPANS]:
            screening.keep(hit.start, hit.end, LINKS, hit.reason)
        screening.outcome.raise_to(HOLD, LINKS, f"{len(found)} links")


def _spam(screening: _Screening) -> None:
    hits = rules.spam(screening.folded) + [
        rules.Hit(*screening.span_of(link), SPAM, "shop or affiliate link")
        for link in screening.post.links if rules.spam(link.href.lower())
    ]
    for hit in hits:
        screening.keep(hit.start, hit.end, SPAM, hit.reason)
        screening.outcome.raise_to(HOLD, SPAM, "Shop or affiliate wording")


def _crisis(screening: _Screening) -> bool:
    hits = rules.crisis(screening.folded)
    for hit in hits:
        screening.keep(hit.start, hit.end, CRISIS, hit.reason)
        screening.outcome.raise_to(HOLD, CRISIS, "Speaks of self-harm or suicide")
    return bool(hits)


def _normalized_span(normalized, start: int, end: int) -> tuple[int, int]:
    """A span of the visible text in normalised coordinates (where its characters went)."""
    starts = normalized.starts
    from_index = bisect_left(starts, start)
    to_index = bisect_left(starts, end)
    return from_index, max(from_index, to_index)

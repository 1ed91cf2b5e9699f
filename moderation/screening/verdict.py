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

from moderation.screening import detector, rules
from moderation.screening.model import Model
from moderation.screening.normalize import normalize
from moderation.screening.sources import Source, link_citation, recognise, text_citations
from moderation.screening.visible import Visible, plain

PUBLISH = "publish"
LABEL = "label"
HOLD = "hold"
BLOCK = "block"
SEVERITY = {PUBLISH: 0, LABEL: 1, HOLD: 2, BLOCK: 3}

CRISIS = "crisis"
SPAM = "spam"
LINKS = "links"
WATCHED = "watched"
MODEL = "model"

CLAIM_LABELS = {**detector.CATEGORY_LABELS, MODEL: "Reads like an unverified health claim"}
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
    always_hold: frozenset[str] = frozenset({detector.MEDICATION, detector.DOSAGE})


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
    """
    if isinstance(post, str):
        post = plain(post)
    normalized = normalize(post.text)
    folded = normalized.text
    outcome = _Outcome()
    spans: list[Span] = []

    def keep(start: int, end: int, category: str, reason: str) -> None:
        visible_start, visible_end = normalized.original_span(start, end)
        spans.append(Span(*post.source_span(visible_start, visible_end), category, reason))

    hrefs = [link.href.lower() for link in post.links]
    recognised = [(link, source) for link in post.links if (source := recognise(link.href, sources))]
    citations = tuple(dict.fromkeys([link_citation(link.href, source) for link, source in recognised]
                                    + text_citations(folded)))
    detection = detector.detect(folded, cited=bool(recognised))
    for finding in detection.findings:
        keep(finding.start, finding.end, finding.category, finding.reason)
    probability = model.probability(folded) if model is not None else None
    windows = [(start, end, p, factor) for (start, end, factor), p in
               zip(detection.windows, model.passages(folded, [w[:2] for w in detection.windows]))] if model else []
    score = combined_score(detection.score, probability, model.threshold if model else 1.0, policy,
                           factor=detection.context_factor, windows=[(p, f) for _, _, p, f in windows])
    if detection.score >= policy.flag_threshold:
        action = HOLD if detection.score >= policy.hold_threshold else policy.flagged_action
        held = {f.category for f in detection.findings
                if f.category in policy.always_hold and f.weight >= policy.flag_threshold}
        for category in detection.categories:
            outcome.raise_to(HOLD if category in held else action, category, detector.CATEGORY_LABELS[category])
    elif score >= policy.flag_threshold:
        # Only a flag the model alone decides needs its words weighed, for the moderator:
        # in the sentences it read as a claim when a window decided, else in the whole text.
        whole = model_score(probability, model.threshold, policy, factor=detection.context_factor)
        start, end, _, _ = max(windows, key=lambda w: model_score(w[2], model.threshold, policy, factor=w[3]),
                               default=(0, len(folded), 0.0, 1.0))
        if whole >= score or not windows:
            start, end = 0, len(folded)
        weighed = model.weigh(folded[start:end])
        shown = ", ".join(f"“{word}”" for _, _, word, _ in weighed.top_words)
        where = "" if (start, end) == (0, len(folded)) else "; in one passage"
        reason = f"{CLAIM_LABELS[MODEL]} (trained model{where}; weighed most: {shown})"
        if where:
            keep(start, end, MODEL, "the passage the trained model read as a claim")
        for word_start, word_end, word, _ in weighed.top_words:
            keep(start + word_start, start + word_end, MODEL, f"weighed by the trained model: “{word}”")
        outcome.raise_to(policy.flagged_action, MODEL, reason)

    block_message = ""
    for phrase, hit in rules.watched(folded, list(watched), lambda p: normalize(p).text):
        keep(hit.start, hit.end, WATCHED, hit.reason)
        # "flag" asks for a review but leaves the post as it would otherwise be.
        outcome.raise_to(PUBLISH if phrase.action == "flag" else phrase.action, WATCHED, hit.reason)
        if phrase.action == BLOCK and not block_message:
            blocked = spans[-1]
            written = post.mapping.original[blocked.start:blocked.end]
            block_message = (
                f"Your post was not published: “{written}” is not allowed in this "
                "community. Please reword it."
            )

    found_links = rules.links(folded)
    # Links whose text is not an address ("<a href=...>this</a>") count too; links to
    # recognised sources do not, since citing one is what the guidelines ask.
    in_text = rules.Intervals([(hit.start, hit.end) for hit in found_links])
    for link in post.links:
        start, end = _normalized_span(normalized, link.start, link.end)
        if not in_text.overlaps(start, end):
            found_links.append(rules.Hit(start, end, LINKS, "link"))
    cited = rules.Intervals([_normalized_span(normalized, link.start, link.end) for link, _ in recognised])
    found_links = [hit for hit in found_links if not cited.overlaps(hit.start, hit.end)]
    if len(found_links) >= policy.hold_link_count:
        for hit in found_links[:MAX_LINK_SPANS]:
            keep(hit.start, hit.end, LINKS, hit.reason)
        outcome.raise_to(HOLD, LINKS, f"{len(found_links)} links")
    spam_hits = rules.spam(folded) + [
        rules.Hit(*_normalized_span(normalized, link.start, link.end), SPAM, "shop or affiliate link")
        for link, href in zip(post.links, hrefs) if rules.spam(href)
    ]
    for hit in spam_hits:
        keep(hit.start, hit.end, SPAM, hit.reason)
        outcome.raise_to(HOLD, SPAM, "Shop or affiliate wording")
    crisis_hits = rules.crisis(folded)
    for hit in crisis_hits:
        keep(hit.start, hit.end, CRISIS, hit.reason)
        outcome.raise_to(HOLD, CRISIS, "Speaks of self-harm or suicide")

    return Verdict(
        score=score,
        action=outcome.action,
        categories=tuple(outcome.categories),
        spans=tuple(sorted(spans, key=lambda s: (s.start, s.end))),
        reasons=tuple(outcome.reasons),
        mitigations=detection.mitigations,
        crisis=bool(crisis_hits),
        needs_review=outcome.needs_review,
        block_message=block_message,
        rules_score=detection.score,
        model_probability=None if probability is None else round(probability, 3),
        citations=citations,
        context_factor=detection.context_factor,
        model_version=model.version if model is not None else None,
    )


def _normalized_span(normalized, start: int, end: int) -> tuple[int, int]:
    """A span of the visible text in normalised coordinates (where its characters went)."""
    starts = normalized.starts
    from_index = bisect_left(starts, start)
    to_index = bisect_left(starts, end)
    return from_index, max(from_index, to_index)

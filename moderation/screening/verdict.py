"""Combining the detector and the rules into one verdict on a post.

Pure: the caller passes the thresholds and the watched phrases. Spans in the
verdict index the member's original text, so they can be highlighted there.
"""

from dataclasses import asdict, dataclass, field

from moderation.screening import detector, rules
from moderation.screening.normalize import normalize

PUBLISH = "publish"
LABEL = "label"
HOLD = "hold"
BLOCK = "block"
SEVERITY = {PUBLISH: 0, LABEL: 1, HOLD: 2, BLOCK: 3}

CRISIS = "crisis"
SPAM = "spam"
LINKS = "links"
WATCHED = "watched"

CATEGORY_NAMES = {
    **detector.CATEGORY_LABELS,
    CRISIS: "Crisis language",
    SPAM: "Shop or affiliate wording",
    LINKS: "Several links",
    WATCHED: "Watched phrase",
}
# What the detector alone finds; a trusted member's post held only for these is labelled instead.
CLAIM_CATEGORIES = frozenset(detector.CATEGORY_LABELS)


@dataclass(frozen=True)
class Policy:
    """What the verdict does with what it finds; built from settings by the caller."""

    flag_threshold: float = 0.5
    hold_threshold: float = 0.9
    flagged_action: str = LABEL  # label or hold: what a flagged, not extreme, post gets
    hold_link_count: int = 2


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

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Verdict":
        data = dict(data)
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


def screen(text: str, *, policy: Policy = Policy(), watched: list[rules.WatchedPhrase] = ()) -> Verdict:
    """Screen a member's text: health claims, watched phrases, links, spam, crisis."""
    normalized = normalize(text)
    folded = normalized.text
    outcome = _Outcome()
    spans: list[Span] = []

    def keep(start: int, end: int, category: str, reason: str) -> None:
        original_start, original_end = normalized.original_span(start, end)
        spans.append(Span(original_start, original_end, category, reason))

    detection = detector.detect(folded)
    for finding in detection.findings:
        keep(finding.start, finding.end, finding.category, finding.reason)
    if detection.score >= policy.flag_threshold:
        action = HOLD if detection.score >= policy.hold_threshold else policy.flagged_action
        for category in detection.categories:
            outcome.raise_to(action, category, detector.CATEGORY_LABELS[category])

    block_message = ""
    for phrase, hit in rules.watched(folded, list(watched), lambda p: normalize(p).text):
        keep(hit.start, hit.end, WATCHED, hit.reason)
        # "flag" asks for a review but leaves the post as it would otherwise be.
        outcome.raise_to(PUBLISH if phrase.action == "flag" else phrase.action, WATCHED, hit.reason)
        if phrase.action == BLOCK and not block_message:
            blocked = spans[-1]
            block_message = (
                f"Your post was not published: “{text[blocked.start:blocked.end]}” is not allowed in this "
                "community. Please reword it."
            )

    found_links = rules.links(folded)
    if len(found_links) >= policy.hold_link_count:
        for hit in found_links:
            keep(hit.start, hit.end, LINKS, hit.reason)
        outcome.raise_to(HOLD, LINKS, f"{len(found_links)} links")
    for hit in rules.spam(folded):
        keep(hit.start, hit.end, SPAM, hit.reason)
        outcome.raise_to(HOLD, SPAM, "Shop or affiliate wording")
    crisis_hits = rules.crisis(folded)
    for hit in crisis_hits:
        keep(hit.start, hit.end, CRISIS, hit.reason)
        outcome.raise_to(HOLD, CRISIS, "Speaks of self-harm or suicide")

    return Verdict(
        score=detection.score,
        action=outcome.action,
        categories=tuple(outcome.categories),
        spans=tuple(sorted(spans, key=lambda s: (s.start, s.end))),
        reasons=tuple(outcome.reasons),
        mitigations=detection.mitigations,
        crisis=bool(crisis_hits),
        needs_review=outcome.needs_review,
        block_message=block_message,
    )

"""Splitting a post's text into plain and highlighted runs for the case page. Pure."""

from dataclasses import dataclass

from moderation.screening.verdict import CATEGORY_NAMES


@dataclass(frozen=True)
class Segment:
    text: str
    reasons: tuple[str, ...] = ()  # empty for text no span covers
    categories: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return "; ".join(
            f"{CATEGORY_NAMES.get(category, category)}: {reason}"
            for category, reason in zip(self.categories, self.reasons)
        )


def highlight(text: str, spans: list[dict]) -> list[Segment]:
    """Cut the text at every span boundary; each run carries the reasons of the
    spans covering it. Overlapping spans share runs; out-of-range or empty spans
    are clamped or dropped, so a stale snapshot never breaks the page."""
    size = len(text)
    clean = []
    for span in spans:
        start, end = max(0, min(span["start"], size)), max(0, min(span["end"], size))
        if start < end:
            clean.append((start, end, span["category"], span["reason"]))
    bounds = sorted({0, size, *(s[0] for s in clean), *(s[1] for s in clean)})
    segments: list[Segment] = []
    for start, end in zip(bounds, bounds[1:]):
        covering = [s for s in clean if s[0] <= start and s[1] >= end]
        categories = tuple(s[2] for s in covering)
        reasons = tuple(s[3] for s in covering)
        if segments and (segments[-1].categories, segments[-1].reasons) == (categories, reasons):
            previous = segments.pop()
            segments.append(Segment(previous.text + text[start:end], reasons, categories))
        else:
            segments.append(Segment(text[start:end], reasons, categories))
    return segments

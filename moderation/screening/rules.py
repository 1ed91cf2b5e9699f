"""Rules beside the detector: links and spam, crisis language, watched phrases.

Pure functions over normalised text; spans index that text.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass

import regex

from moderation.screening.alternation import by_first_letter

# Watched patterns are moderators' regular expressions: matching is bounded in
# time (the regex module's timeout) and patterns are validated when saved.
WATCHED_PATTERN_MAX_LENGTH = 300
WATCHED_MATCH_TIMEOUT_SECONDS = 0.05

LINK = re.compile(r"\bhttps?://[^\s<>\"']+|\bwww\.[^\s<>\"']+|\bmailto:\S+")
# Bare domains ("shop.example.com/x") are found from their ending, which is rare
# in text, rather than by trying every word.
BARE_DOMAIN_END = re.compile(r"\.(?:com|net|org|io|co|shop|store|biz|info|ly|me)\b(?:/[^\s<>\"']*)?")
DOMAIN_LABEL_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789.-"
SPAM = re.compile(
    r"(?<![a-z0-9_])(?:click (?:here|the link|below) (?:to|and) (?:get|buy|order|see|grab|shop|claim)"
    r"|(?:buy|order|shop) now|limited[- ]time offer|(?:discount|promo|coupon) code|use (?:my )?code|free shipping"
    r"|affiliate link|amzn\.to/|amazon\.[a-z.]+/(?:dp|gp)/|\d{2}% off|dm me (?:for|to order)"
    r"|check out my (?:shop|store|page))\b|[?&](?:ref|aff|affiliate|tag)="
)
# Speaking of one's own self-harm or suicide, including common oblique forms.
CRISIS = re.compile(
    r"(?<![a-z0-9_])" + by_first_letter(r"(?:kill(?:ing)? my ?self|end(?:ing)? (?:my life|it all|things)|take my (?:own )?life|want(?:ed)? to die"
    r"|wish i (?:was|were) dead|better off dead|better off without me|no (?:reason|point) (?:to|in) (?:live|living|go on"
    r"|going on)|suicidal|(?:thinking|thought|thoughts) (?:about|of) (?:suicide|killing|ending)|(?:hurt|hurting|harm"
    r"|harming|cut|cutting) my ?self|self[- ]?harm(?:ing)?|overdose on purpose|can'?t go on (?:any ?more|living)"
    r"|don'?t want to (?:live|be alive|wake up)|(?:plan|planning) (?:to|on) (?:die|dying|end))") + r"\b"
)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    category: str
    reason: str


@dataclass(frozen=True)
class WatchedPhrase:
    """A moderator's phrase or pattern, ready to match normalised text."""

    pattern: str
    is_regex: bool
    action: str
    note: str = ""


class PatternError(ValueError):
    """A watched pattern that cannot be used, with the reason a moderator can act on."""


def validate_pattern(pattern: str) -> None:
    """Refuse patterns that do not compile, are too long, or match the empty text."""
    if len(pattern) > WATCHED_PATTERN_MAX_LENGTH:
        raise PatternError(f"Keep patterns under {WATCHED_PATTERN_MAX_LENGTH} characters.")
    try:
        compiled = regex.compile(pattern, regex.IGNORECASE | regex.V1)
    except regex.error as error:
        raise PatternError(f"This is not a valid regular expression: {error}.") from error
    try:
        if compiled.search("", timeout=WATCHED_MATCH_TIMEOUT_SECONDS):
            raise PatternError("This pattern matches empty text, so it would match every post.")
        # A pattern that is slow on a short hostile text would be slow on every post.
        compiled.search("a" * 2000 + "!", timeout=WATCHED_MATCH_TIMEOUT_SECONDS)
    except TimeoutError as error:
        raise PatternError("This pattern is too slow to run on every post; simplify it.") from error


class Intervals:
    """Spans that do not overlap one another (matches of one pattern, links of one post),
    asked whether a span overlaps any of them in logarithmic time: a post of 2,000 links
    must not cost 2,000 x 2,000 comparisons."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        # Sorted and apart, the last span starting before `end` reaches furthest.
        index = bisect_left(self.starts, end) - 1
        return index >= 0 and self.spans[index][1] > start


def links(text: str) -> list[Hit]:
    """Addresses in the text, in order. Linear in the text: a post of 2,000 bare domains
    costs 2,000 steps, not 2,000 x 2,000."""
    found = [(m.start(), m.end()) for m in LINK.finditer(text)]
    addresses = Intervals(found)
    bare: list[tuple[int, int]] = []
    for match in BARE_DOMAIN_END.finditer(text):
        # The domain's other labels run back from its ending, at most 100 characters.
        before = text[max(0, match.start() - 100):match.start()]
        start = match.start() - (len(before) - len(before.rstrip(DOMAIN_LABEL_CHARACTERS)))
        in_address = addresses.overlaps(start, start + 1)
        in_previous = bool(bare) and bare[-1][0] <= start < bare[-1][1]
        if match.start() - start >= 2 and not in_address and not in_previous:
            bare.append((start, match.end()))
    return [Hit(start, end, "links", "link") for start, end in sorted(found + bare)]


# Every spam match contains one of these; most posts contain none, and skip the pattern.
SPAM_HINTS = ("click", " now", "offer", "code", "shipping", "affiliate", "ref=", "aff=", "affiliate=", "tag=", "amzn",
              "amazon", "% off", "dm me", "check out my")


def spam(text: str) -> list[Hit]:
    if not any(map(text.__contains__, SPAM_HINTS)):
        return []
    return [Hit(m.start(), m.end(), "spam", "shop or affiliate wording") for m in SPAM.finditer(text)]


def crisis(text: str) -> list[Hit]:
    return [Hit(m.start(), m.end(), "crisis", "speaks of self-harm or suicide") for m in CRISIS.finditer(text)]


def watched(text: str, phrases: list[WatchedPhrase], normalize_phrase) -> list[tuple[WatchedPhrase, Hit]]:
    """Matches of watched phrases; literal phrases match whole words of normalised text.

    A pattern that exceeds its time budget is skipped rather than holding up the post.
    """
    found = []
    for phrase in phrases:
        if phrase.is_regex:
            source = phrase.pattern
        else:
            source = r"(?<!\w)" + regex.escape(normalize_phrase(phrase.pattern)) + r"(?!\w)"
        try:
            matches = list(regex.finditer(source, text, regex.IGNORECASE | regex.V1,
                                          timeout=WATCHED_MATCH_TIMEOUT_SECONDS))
        except (TimeoutError, regex.error):
            continue
        reason = f"watched phrase: {phrase.note or phrase.pattern}"
        found.extend((phrase, Hit(m.start(), m.end(), "watched", reason)) for m in matches if m.end() > m.start())
    return found

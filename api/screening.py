"""Screening for other comment systems: a text in, the verdict posting would reach on it out.
The token operation (POST /api/v1/screen) and Coral's moderation phase (api/coral.py) both go
through verdict_on(), so both accept what a comment form accepts and are limited alike."""

from core import ratelimits
from core.refusals import Refused
from forum.forms import CommentTextField
from moderation.screening.verdict import Verdict
from moderation.services import screen_text


def verdict_on(text: str, *, noun: str, caller: str, too_many: str) -> tuple[str, Verdict]:
    """The text as a comment form would take it, and posting's verdict on it. Refused in the forms'
    words (400) past the same length and character limits, and (429, in too_many's words) past
    FORUM_RATE_LIMITS["screen"] a minute for this caller."""
    text = CommentTextField.text(text, noun=noun)
    if not ratelimits.allow("screen", caller):
        raise Refused(too_many, status=429)
    return text, screen_text(text)


def screen(text: str, *, token) -> dict:
    """The verdict on text, as POST /api/v1/screen answers it: what posting would do and why."""
    text, verdict = verdict_on(text, noun="text", caller=f"token:{token.pk}",
                               too_many="This token has screened many texts in a short time. Please wait a minute.")
    return {
        "action": verdict.action, "score": round(verdict.score, 4), "categories": list(verdict.categories),
        "spans": [{"start": span.start, "end": span.end, "text": text[span.start:span.end],
                   "category": span.category, "reason": span.reason} for span in verdict.spans],
        "reasons": list(verdict.reasons), "crisis": verdict.crisis, "citations": list(verdict.citations),
        "model_version": verdict.model_version,
    }

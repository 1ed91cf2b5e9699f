"""Screening for other comment systems: a text in, the verdict posting would reach on it out."""

from django.core.exceptions import ValidationError

from core import ratelimits
from core.refusals import Refused
from forum.forms import CommentTextField
from moderation.services import screen_text

TOO_MANY = "This token has screened many texts in a short time. Please wait a minute."


def screen(text: str, *, token) -> dict:
    """The verdict on text, as posting would reach it on a comment: with the same length and
    character limits, refused in the forms' words; at most FORUM_RATE_LIMITS["screen"] per token."""
    try:
        text = CommentTextField(noun="text").clean(text)
    except ValidationError as error:
        raise Refused(" ".join(error.messages), status=400) from None
    if not ratelimits.allow("screen", f"token:{token.pk}"):
        raise Refused(TOO_MANY, status=429)
    verdict = screen_text(text)
    return {
        "action": verdict.action, "score": round(verdict.score, 4), "categories": list(verdict.categories),
        "spans": [{"start": span.start, "end": span.end, "text": text[span.start:span.end],
                   "category": span.category, "reason": span.reason} for span in verdict.spans],
        "reasons": list(verdict.reasons), "crisis": verdict.crisis, "citations": list(verdict.citations),
        "model_version": verdict.model_version,
    }

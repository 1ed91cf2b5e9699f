"""Quotes: the words of another comment a reply answers, checked against that comment as
readers see it and stored as plain text beside the member's own HTML, never inside it."""

import html
import re
from dataclasses import dataclass

from django.conf import settings

from core.refusals import Refused
from forum.models import Article, Comment

# Line breaks and paragraphs part words; the inline tags (a, b, i, strike) do not.
_BREAK = re.compile(r"<(?:br|/?p)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")


def normalised(text: str) -> str:
    """Words as a selection gives them: runs of spaces and line breaks are one space."""
    return " ".join(text.split())


def shown_text(body_html: str) -> str:
    """A comment's stored HTML as the words a reader can select."""
    return normalised(html.unescape(_TAG.sub("", _BREAK.sub(" ", body_html))))


def checked_quote(*, article: Article, quote_of: Comment | None, words: str) -> tuple[Comment | None, str]:
    """The quoted comment and its words as stored, or (None, "") for no quote. Refused (400)
    unless the words are in a published comment of the same article, as it now reads."""
    words = normalised(words)
    if quote_of is None and not words:
        return None, ""
    if quote_of is None or not words:
        raise Refused("The quote could not be read. Remove it and select the words again.")
    if quote_of.article_id != article.pk or quote_of.status != Comment.Status.PUBLISHED:
        raise Refused(f"Comment ({quote_of.number}) can no longer be quoted. Remove the quote and send "
                      "your reply again." if quote_of.article_id == article.pk else
                      "You can only quote comments on this page. Remove the quote and send your reply again.")
    limit = settings.FORUM_QUOTE_MAX_LENGTH
    if len(words) > limit:
        raise Refused(f"Your quote is {len(words):,} characters long; a quote can be {limit:,} at most. "
                      "Select a sentence or two.")
    if words not in shown_text(quote_of.body_html):
        raise Refused(f"The quoted words are not in comment ({quote_of.number}) as it now reads. "
                      "Remove the quote and select them again.")
    return quote_of, words


# The comment a reply quotes, read in the thread's own query (forum.queries.ThreadComment).
QUOTED = ("quote_of__number", "quote_of__status", "quote_of__is_labelled", "quote_of__author_id",
          "quote_of__author__display_name", "quote_of__author_name")


@dataclass(frozen=True)
class Quoted:
    number: int | None
    status: str
    is_labelled: bool
    author_id: int | None
    member_name: str | None
    author_name: str

    @property
    def display_name(self) -> str:
        return self.member_name if self.author_id else (self.author_name or "former member")

    @property
    def shown(self) -> bool:
        return self.status == Comment.Status.PUBLISHED

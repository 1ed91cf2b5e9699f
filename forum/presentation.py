"""How a comment is presented wherever its text goes: the stored HTML or the words it shows, with its label.

The thread, search, profiles, feeds, e-mails and the data export all ask
present(); none of them decides on its own whether a label goes with the text,
so a labelled post cannot lose its label on the way out of its thread.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.html import escape
from django.utils.text import Truncator

from forum import sanitize
from moderation.outcomes import Outcome, explain

LABEL_TITLE = "Unverified health claim"
LABEL_TEXT = "not reviewed by a medical professional"
LABEL_SENTENCE = f"{LABEL_TITLE}: {LABEL_TEXT}."


@dataclass(frozen=True)
class Label:
    """The unverified-claim label, with the moderator's note and a reliable source when there are."""

    note: str = ""
    source_url: str = ""

    def as_text(self) -> str:
        lines = [LABEL_SENTENCE]
        if self.note:
            lines.append(f"Moderator's note: {self.note}")
        if self.source_url:
            lines.append(f"A reliable source: {self.source_url}")
        return "\n".join(lines)

    def notice_html(self, guidelines_url: str) -> str:
        """The notice that goes before the post, as escaped HTML."""
        return (f'<p class="claim-label" role="note"><strong>{LABEL_TITLE}:</strong> {LABEL_TEXT}. '
                f'<a href="{escape(guidelines_url)}#unverified-claims">What this means</a></p>')

    def note_html(self) -> str:
        """The moderator's note and source that go after the post, if any, as escaped HTML."""
        if not (self.note or self.source_url):
            return ""
        note = f"<strong>Moderator's note:</strong> {escape(self.note)} " if self.note else ""
        source = (f'<a href="{escape(self.source_url)}" rel="nofollow noopener" class="claim-note__source">'
                  "Read a reliable source</a>") if self.source_url else ""
        return f'<p class="claim-note">{note}{source}</p>'


@dataclass(frozen=True)
class Presented:
    """A comment as it goes out: its stored sanitised HTML (the only member HTML marked safe),
    the words a reader sees, and its label if it carries one."""

    html: str
    label: Label | None

    @property
    def text(self) -> str:
        # Worked out when asked for: the thread shows the HTML and never needs it.
        return sanitize.plain_text(self.html)

    def excerpt(self, length: int) -> str:
        return Truncator(self.text).chars(length)

    def text_with_label(self, length: int | None = None) -> str:
        """Plain text for e-mails: the label first, so it is read before the claim."""
        text = self.excerpt(length) if length else self.text
        return f"[{self.label.as_text()}]\n\n{text}" if self.label else text

    def html_with_label(self, guidelines_url: str) -> str:
        """HTML for feeds: the notice before the post and the note after it, as in the thread."""
        if not self.label:
            return self.html
        return self.label.notice_html(guidelines_url) + self.html + self.label.note_html()


def present(comment) -> Presented:
    """How comment is shown anywhere outside the moderators' pages."""
    label = Label(comment.label_note, comment.label_source_url) if comment.is_labelled else None
    return Presented(comment.body_html, label)


def outcome_of(comment) -> Outcome:
    """Why a comment is held or labelled, in the words its author is told, from its screening:
    under it on the page (forum/rendering.py) and in the API's answer to its author (api/writing.py)."""
    verdict = comment.screening or {}
    return explain(categories=verdict.get("categories", ()), review_reasons=verdict.get("review_reasons", ()),
                   held=comment.is_held, labelled=comment.is_labelled,
                   hold_link_count=settings.MODERATION_HOLD_LINK_COUNT)

"""What moderation needs from a post, without knowing which app defines it.

A case points at its post through contenttypes; the post's model implements
`Moderated` (forum.Comment does), so `moderation` never imports `forum`.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

APPROVE = "approve"
LABEL = "label"
EDIT = "edit"
REJECT = "reject"


@dataclass(frozen=True)
class PostContext:
    """Where a post stands, for the queue, the case page and the author's e-mail."""

    place_key: str  # groups posts by where they appear, e.g. "article:12"
    place_title: str
    place_url: str
    url: str  # the post in place
    label: str  # e.g. "Comment (7)"
    parent_text: str = ""
    parent_url: str = ""
    author_name: str = ""  # for a post without an account (imported): the name it was written under


@dataclass(frozen=True)
class EarlierText:
    text: str
    written_at: datetime


@dataclass(frozen=True)
class Decision:
    """A moderator's decision as the post applies it."""

    action: str  # approve, label, edit or reject
    notice: str  # what the author is told, on the post and by e-mail
    note: str = ""  # shown under a labelled post
    source_url: str = ""  # a reliable source, shown under a labelled post
    text: str = ""  # the moderator's edit
    screening: dict | None = None  # the verdict on the edited text
    labelled: bool = False  # an edit published with the label (an appeal reversed, the label kept)


class Moderated(Protocol):
    pk: int
    author_id: int | None

    def moderation_text(self) -> str:
        """What screening read, and what the case shows (a discussion's title included)."""

    def moderation_editable_text(self) -> str:
        """What a moderator's edit replaces."""

    def moderation_context(self) -> PostContext: ...

    def moderation_history(self) -> list[EarlierText]: ...

    def moderation_state(self) -> dict:
        """The post's visible state, kept before and after each action in the audit log."""

    def is_visible_to_readers(self) -> bool: ...

    def hide_for_review(self) -> None:
        """Hide the post from readers until a decision (enough members reported it)."""

    def apply_decision(self, decision: Decision) -> None:
        """Change the post as decided and store it; runs inside the caller's transaction."""

    def tell_author(self, notice: str) -> None:
        """Show the author a note from the moderators on the post, changing nothing else."""

"""What happens on the forum that other systems may be told of, by webhooks (api/webhooks.py).

The app where a thing happens emits its event inside the transaction that makes it happen; a
receiver stores what it needs in that same transaction, so an event is kept exactly when its
change is. Core knows the kinds alone, and neither the apps that emit nor those that listen.
An event's data is plain JSON values that staff may see: identifiers, states and public
addresses, a comment's text only once readers can read it, never a moderator's private note.
"""

from collections.abc import Callable

from django.conf import settings
from django.dispatch import Signal

COMMENT_PUBLISHED = "comment.published"
COMMENT_LABELLED = "comment.labelled"
COMMENT_HELD = "comment.held"
CASE_DECIDED = "case.decided"
APPEAL_OPENED = "appeal.opened"
APPEAL_DECIDED = "appeal.decided"
MEMBER_SUSPENDED = "member.suspended"
MEMBER_SILENCED = "member.silenced"

KINDS = {
    COMMENT_PUBLISHED: "A comment became visible to readers: posted, or approved by a moderator.",
    COMMENT_LABELLED: "A comment was published with the “Unverified health claim” label, or given it.",
    COMMENT_HELD: "A comment was held for moderators: by screening, an edit, or members' reports.",
    CASE_DECIDED: "A moderator decided a case: approved, labelled, edited or rejected.",
    APPEAL_OPENED: "A member appealed a decision about their post or a suspension.",
    APPEAL_DECIDED: "A moderator upheld or reversed an appeal.",
    MEMBER_SUSPENDED: "A moderator suspended a member.",
    MEMBER_SILENCED: "A moderator silenced a member: they may read, edit and report, but not post.",
}

# sender: the kind; data: a function giving the event's data, called only if a receiver wants it.
occurred = Signal()


def emit(kind: str, data: Callable[[], dict]) -> None:
    if kind not in KINDS:
        raise ValueError(f"Unknown event {kind!r}")
    occurred.send(sender=kind, data=data)


def absolute(path: str) -> str:
    """A path on the forum as an address another system can open."""
    return settings.SITE_URL + path

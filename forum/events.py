"""The comment events other systems may be told of (core.events): published, labelled, held.

Each change of a comment's state tells comment_changed() what the state was; it emits what the
change means to readers. Called in the change's transaction, with the comment as stored."""

from core import events
from forum.models import Comment

# A comment's state as events compare it: (status, labelled).
State = tuple[str, bool]


def state_of(comment: Comment) -> State:
    return comment.status, comment.is_labelled


def comment_changed(comment: Comment, was: State | None = None) -> None:
    """Emit the events a change from `was` (None for a new comment) to the comment's state means."""
    status, labelled = was or ("", False)
    published = comment.status == Comment.Status.PUBLISHED
    kinds = []
    if published and status != Comment.Status.PUBLISHED:
        kinds.append(events.COMMENT_PUBLISHED)
    if published and comment.is_labelled and not (status == Comment.Status.PUBLISHED and labelled):
        kinds.append(events.COMMENT_LABELLED)
    if comment.is_held and status != Comment.Status.HELD:
        kinds.append(events.COMMENT_HELD)
    for kind in kinds:
        events.emit(kind, lambda: comment_data(comment))


def comment_data(comment: Comment) -> dict:
    """A comment as an event tells of it: where it is, who wrote it, its state and why, and its
    sanitised text only while readers can read it."""
    article = comment.article
    readable = comment.status == Comment.Status.PUBLISHED
    return {
        "article": {"slug": article.slug, "kind": article.kind, "title": article.title,
                    "url": events.absolute(article.get_absolute_url())},
        "comment": {
            "number": comment.number, "url": events.absolute(comment.get_absolute_url()),
            "author": comment.display_name, "created_at": comment.created_at.isoformat(),
            "state": comment.status, "labelled": comment.is_labelled,
            "categories": list((comment.screening or {}).get("categories", ())),
            "body_html": comment.body_html if readable else None,
        },
    }

"""The forum's comments as moderation sees them: the adapter registered for Comment
(moderation.interfaces), and the changes a decision makes."""

from django.utils import timezone
from django.utils.text import Truncator

from forum import events, notifications, pagecache, sanitize
from forum.models import Comment, CommentRevision
from moderation import interfaces
from moderation.interfaces import Decision, EarlierText, PostContext, PostListing
from moderation.models import Case


class CommentModeration(interfaces.ModerationAdapter):
    def text(self, comment: Comment) -> str:
        title = comment.article.screened_title(number=comment.number)
        return f"{title}\n\n{comment.body}" if title else comment.body

    def editable_text(self, comment: Comment) -> str:
        return comment.body

    def context(self, comment: Comment) -> PostContext:
        parent = comment.parent
        return PostContext(
            place_key=f"article:{comment.article_id}",
            place_title=comment.article.title,
            place_url=comment.article.get_absolute_url(),
            url=comment.get_absolute_url(),
            label="Opening post" if comment.is_opening_post else f"Comment ({comment.number})",
            parent_text=parent.body if parent is not None and not parent.is_removed else "",
            parent_url=parent.get_absolute_url() if parent is not None else "",
            # A member's name is never copied into the case: it would outlive their account.
            author_name="" if comment.author_id else comment.author_name,
        )

    def history(self, comment: Comment) -> list[EarlierText]:
        return [EarlierText(text=r.body, written_at=r.written_at) for r in comment.revisions.all()]

    def state(self, comment: Comment) -> dict:
        return {"status": comment.status, "labelled": comment.is_labelled, "text": comment.body}

    def is_visible(self, comment: Comment) -> bool:
        return comment.status == Comment.Status.PUBLISHED

    def hide(self, comment: Comment) -> None:
        was = events.state_of(comment)
        comment.status = Comment.Status.HELD
        # Kept beside the verdict so the author is told why it is hidden.
        screening = comment.screening
        comment.screening = {**screening, "review_reasons": [*screening.get("review_reasons", ()), Case.Reason.REPORT.value]}
        comment.save(update_fields=["status", "screening"])
        notifications.digests_follow(comment)
        pagecache.page_changed(comment.article)
        events.comment_changed(comment, was)

    def apply(self, comment: Comment, decision: Decision) -> None:
        was, was_visible = events.state_of(comment), self.is_visible(comment)
        if decision.action == interfaces.EDIT:
            rewrite(comment, decision.text, screening=decision.screening or {})
        if decision.action == interfaces.REJECT:
            comment.status = Comment.Status.REMOVED
        elif comment.status != Comment.Status.DELETED:
            comment.status = Comment.Status.PUBLISHED
        comment.is_labelled = decision.action == interfaces.LABEL or decision.labelled
        comment.label_note = decision.note
        comment.label_source_url = decision.source_url
        comment.moderation_notice = decision.notice
        comment.save()
        notifications.digests_follow(comment)
        pagecache.page_changed(comment.article)
        events.comment_changed(comment, was)
        if not was_visible and self.is_visible(comment):
            notifications.announce(comment)

    def tell_author(self, comment: Comment, notice: str) -> None:
        # Shown only to the author, whose pages are never cached: no page to invalidate.
        comment.moderation_notice = notice
        comment.save(update_fields=["moderation_notice"])

    def render(self, text: str) -> str:
        return sanitize.render_comment(text)

    def posts_by(self, member):
        return Comment.objects.filter(author=member).select_related("article").order_by("-created_at", "-pk")

    def listing(self, comment: Comment) -> PostListing:
        state = comment.get_status_display()
        if comment.status == Comment.Status.PUBLISHED and comment.is_labelled:
            state = "Published with the label"
        return PostListing(
            label="Opening post" if comment.is_opening_post else f"Comment ({comment.number})",
            place_title=comment.article.title, url=comment.get_absolute_url(), state=state,
            written_at=comment.created_at, excerpt=Truncator(comment.body).chars(EXCERPT_LENGTH),
        )


# How much of each post a member's moderation page shows; the case has the whole text.
EXCERPT_LENGTH = 160


def rewrite(comment: Comment, text: str, *, screening: dict, html: str | None = None) -> None:
    """Replace a comment's text (by its author or a moderator), keeping the earlier one as a
    revision; the caller sets the state and saves."""
    CommentRevision.objects.create(
        comment=comment, body=comment.body, screening=comment.screening,
        written_at=comment.edited_at or comment.created_at,
    )
    comment.body = text
    comment.body_html = sanitize.render_comment(text) if html is None else html
    comment.screening = screening
    comment.edited_at = timezone.now()

"""Members and the forum: following discussions, their data, and deleting their account."""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from accounts.mail import PREFERENCES, forget_mail_to
from accounts.names import names_of, scrub_rows
from accounts.models import User
from core.refusals import Refused
from forum import pagecache
from forum.models import Article, Comment, Follow
from forum.presentation import present
from moderation import services as moderation
from moderation.models import Appeal, Report, Suspension


def follow_article(*, member: User, article: Article) -> Follow:
    follow, _ = Follow.objects.update_or_create(member=member, article=article, defaults={"is_active": True})
    return follow


def unfollow_article(*, member: User, article: Article) -> None:
    # Kept as inactive rather than deleted: posting there again must not follow it anew.
    Follow.objects.update_or_create(member=member, article=article, defaults={"is_active": False})


def member_data(member: User) -> dict:
    """Everything the forum keeps about a member, as JSON-ready data: the "download your data" file."""
    comments = (
        Comment.objects.filter(author=member).select_related("article").prefetch_related("revisions")
        .order_by("created_at")
    )
    return {
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "email": member.email,
            "display_name": member.display_name,
            "bio": member.bio,
            "joined": member.date_joined.isoformat(),
            "email_preferences": {kind: getattr(member, field) for kind, field in PREFERENCES.items()},
            "email_addresses": list(member.emailaddress_set.values("email", "verified", "primary")),
        },
        "comments": [
            {
                "article": comment.article.title,
                "url": comment.get_absolute_url(),
                "number": comment.number,
                # A discussion's opening post: the discussion the member started, by its title.
                "starts_discussion": comment.article.title if comment.is_opening_post else None,
                "status": comment.status,
                "text": comment.body,
                # What readers are shown: the unverified-claim label, its note and source, if it carries them.
                "label": label.as_text() if (label := present(comment).label) else None,
                "notice_from_moderators": comment.moderation_notice or None,
                "posted_at": comment.created_at.isoformat(),
                "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
                "earlier_versions": [
                    {"text": revision.body, "written_at": revision.written_at.isoformat()}
                    for revision in comment.revisions.all()
                ],
            }
            for comment in comments
        ],
        "discussions_started": [
            {"title": discussion.title, "url": discussion.get_absolute_url(),
             "started_at": discussion.published_at.isoformat()}
            for discussion in Article.objects.discussions().filter(started_by=member).order_by("published_at")
        ],
        "suspensions": [
            {"from": suspension.starts_at.isoformat(), "until": suspension.ends_at.isoformat(),
             "reason": suspension.reason,
             "lifted_at": suspension.lifted_at.isoformat() if suspension.lifted_at else None}
            for suspension in Suspension.objects.filter(member=member).order_by("starts_at")
        ],
        "appeals": [
            {"decision_appealed": appeal.decision, "text": appeal.text, "state": appeal.state,
             "sent_at": appeal.opened_at.isoformat(),
             "decided_at": appeal.decided_at.isoformat() if appeal.decided_at else None,
             "note_from_moderators": appeal.decision_note or None}
            for appeal in Appeal.objects.filter(member=member).order_by("opened_at")
        ],
        "notifications": [
            {"kind": note.kind, "text": note.text, "url": note.url, "at": note.created_at.isoformat(),
             "read_at": note.read_at.isoformat() if note.read_at else None}
            for note in member.notifications.all()
        ],
        "reports_made": [
            {"reason": report.reason, "note": report.note, "made_at": report.created_at.isoformat(),
             "post": report.case.post_label, "where": report.case.place_title}
            for report in Report.objects.filter(reporter=member).select_related("case")
        ],
        "following": [follow.article.title for follow in member.follows.filter(is_active=True)
                      .select_related("article")],
    }


def delete_account(*, member: User, password: str) -> None:
    """Delete a member once they confirm their password.

    Their comments stay where they are, numbered and with their replies, shown
    as by "former member"; the account row and everything personal in it goes
    (e-mail addresses, name, bio, preferences, follows, suspensions). Records
    that keep a name as written (the audit log of a moderator) lose it too.
    """
    if not member.check_password(password):
        raise Refused("That password is not right, so your account was not deleted.")
    with transaction.atomic():
        moderation.forget_member(member)
        forget_mail_to(member.email)
        # What moderators wrote under comments (notices, label notes) may name the member too.
        scrub_rows(Comment.objects.all(), ["moderation_notice", "label_note"], names_of(member))
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User), object_id=str(member.pk)
        ).update(object_repr="former member", change_message="")
        Article.objects.filter(started_by=member).update(byline="former member")
        # Comments, reports and cases point at the member with SET_NULL: they stay, unattributed.
        member.delete()
        pagecache.site_changed()

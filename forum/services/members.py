"""Members and the forum: following discussions and deleting their account."""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from accounts.mail import forget_mail_to
from accounts.names import names_of, scrub_rows
from accounts.models import Notification, User
from core.refusals import Refused
from forum import pagecache
from forum.models import Article, Comment, Follow
from forum.services.helped import forget_helped
from moderation import services as moderation


def follow_article(*, member: User, article: Article) -> Follow:
    follow, _ = Follow.objects.update_or_create(member=member, article=article, defaults={"is_active": True})
    return follow


def unfollow_article(*, member: User, article: Article) -> None:
    # Kept as inactive rather than deleted: posting there again must not follow it anew.
    Follow.objects.update_or_create(member=member, article=article, defaults={"is_active": False})


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
        # So may the digests waiting to be sent, which quote comments with their authors' names.
        scrub_rows(Notification.objects.filter(digest_due=True), ["text", "digest_text"], names_of(member))
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User), object_id=str(member.pk)
        ).update(object_repr="former member", change_message="")
        Article.objects.filter(started_by=member).update(byline="former member")
        forget_helped(member)
        # Comments, reports and cases point at the member with SET_NULL: they stay, unattributed.
        member.delete()
        pagecache.site_changed()

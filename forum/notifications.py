"""New comments, told to the author of the comment replied to, the members it mentions and the
discussion's followers: on the site and by e-mail."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from accounts.mail import digest_item, tell_member, withdraw_from_digests
from accounts.models import Notification
from forum import mentions
from forum.models import Article, Comment, Follow

# Each kind's part of a digest mail (accounts/digests.py).
DIGEST_ITEMS = {"replies": "forum/email/reply_item.txt", "followed": "forum/email/followed_item.txt"}


def announce(comment: Comment, *, activity_recorded: bool = False) -> None:
    """The comment has just become visible to readers: its discussion moves up the board
    (unless the caller has moved it), and replies' authors and followers are e-mailed.
    The task is stored in the transaction that published the comment; a worker writes the mail."""
    if not activity_recorded:
        Article.objects.filter(pk=comment.article_id).update(last_activity_at=timezone.now())
    comment_published.enqueue(comment_id=comment.pk)


@task()
def comment_published(*, comment_id: int) -> None:
    """The parent's author gets a "reply" mail, members it mentions a "mention" mail, followers
    a "followed" mail; nobody gets two, and nobody hears about their own comment.

    One transaction claims the comment and queues every mail (one task each), so an
    attempt that fails queues nothing and the next one does it all, once.
    """
    with transaction.atomic():
        comment = (Comment.objects.readable().select_related("article", "author", "parent__author")
                   .filter(pk=comment_id).first())
        # Hidden again, or in a discussion readers cannot open: nobody is told.
        # Claimed in one statement, so a comment hidden by reports and approved again is not announced twice.
        if comment is None or not Comment.objects.filter(pk=comment.pk, announced=False).update(announced=True):
            return
        told = {comment.author_id}
        parent = comment.parent
        if parent is not None and parent.author is not None and parent.author_id not in told and not parent.is_removed:
            tell_member(
                member=parent.author, kind="replies", url=comment.get_absolute_url(),
                subject=f"{comment.display_name} replied to your comment on “{comment.article.title}”",
                template="forum/email/reply.txt", digest_template=DIGEST_ITEMS["replies"],
                context={"comment": comment, "parent": parent},
            )
            told.add(parent.author_id)
        # Named with @Name (forum/mentions.py): told once, and not again as a follower.
        _tell_mentioned(comment, told)
        followers = (Follow.objects.filter(article=comment.article, is_active=True).exclude(member_id__in=told)
                     .select_related("member"))
        for follow in followers.iterator():
            tell_member(
                member=follow.member, kind="followed", url=comment.get_absolute_url(),
                subject=f"New comment on “{comment.article.title}”",
                template="forum/email/followed.txt", digest_template=DIGEST_ITEMS["followed"],
                context={"comment": comment},
            )


def _tell_mentioned(comment: Comment, told: set[int]) -> None:
    """Members the comment names with @Name and not in told are told; told grows by them."""
    for member in mentions.mentioned(comment.body, article=comment.article, author=comment.author)[
            :settings.FORUM_MENTIONS_PER_POST]:
        if member.pk in told:
            continue
        tell_member(
            member=member, kind="mentions", url=comment.get_absolute_url(),
            subject=f"{comment.display_name} mentioned you on “{comment.article.title}”",
            template="forum/email/mention.txt", context={"comment": comment},
        )
        told.add(member.pk)


def announce_edit(comment: Comment, *, before: str) -> None:
    """An edit of a comment readers were already told of: members it now names are told (a comment
    not yet announced tells them when it is published, with the text it has then)."""
    if comment.announced and "@" in comment.body:
        mentions_added.enqueue(comment_id=comment.pk, before=before)


@task()
def mentions_added(*, comment_id: int, before: str) -> None:
    """Members an edit named who were not named before are told, once: not those told of the
    comment already."""
    with transaction.atomic():
        comment = (Comment.objects.readable().select_related("article", "author")
                   .filter(pk=comment_id, announced=True).first())
        if comment is None:
            return
        told = {member.pk for member in mentions.mentioned(before, article=comment.article, author=comment.author)}
        told |= set(Notification.objects.filter(url=comment.get_absolute_url(), kind="mentions")
                    .values_list("member_id", flat=True))
        told.add(comment.author_id)
        _tell_mentioned(comment, told)


def digests_follow(comment: Comment) -> None:
    """The comment changed (edited, labelled, hidden, deleted): the digests not yet sent say it
    as it now stands, or leave it out once readers cannot see it."""
    url = comment.get_absolute_url()
    if comment.status != Comment.Status.PUBLISHED:
        withdraw_from_digests(url)
        return
    for item in Notification.objects.filter(url=url, digest_due=True).select_related("member"):
        item.digest_text = digest_item(DIGEST_ITEMS[item.kind], member=item.member,
                                       context={"comment": comment, "parent": comment.parent})
        item.save(update_fields=["digest_text"])

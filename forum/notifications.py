"""E-mail about new comments: to the author of the comment replied to, and to the discussion's followers."""

from accounts.mail import send_member_mail
from accounts.tasks import task
from forum.models import Comment, Follow


@task
def comment_published(*, comment_id: int) -> None:
    """Runs after the commit that made the comment visible to readers.

    The parent's author gets a "reply" mail; followers get a "followed" mail;
    nobody gets both, and nobody hears about their own comment.
    """
    comment = Comment.objects.readable().select_related("article", "author", "parent__author").filter(
        pk=comment_id).first()
    if comment is None:  # hidden again, or in a discussion readers cannot open
        return
    # Claimed in one statement, so a comment hidden by reports and approved again is not announced twice.
    if not Comment.objects.filter(pk=comment.pk, announced=False).update(announced=True):
        return
    told = {comment.author_id}
    parent = comment.parent
    if parent is not None and parent.author is not None and parent.author_id not in told and not parent.is_removed:
        send_member_mail(
            member=parent.author, kind="replies",
            subject=f"{comment.display_name} replied to your comment on “{comment.article.title}”",
            template="forum/email/reply.txt", context={"comment": comment, "parent": parent},
        )
        told.add(parent.author_id)
    followers = (Follow.objects.filter(article=comment.article, is_active=True).exclude(member_id__in=told)
                 .select_related("member"))
    for follow in followers.iterator():
        send_member_mail(
            member=follow.member, kind="followed",
            subject=f"New comment on “{comment.article.title}”",
            template="forum/email/followed.txt", context={"comment": comment},
        )

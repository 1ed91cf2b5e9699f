""""This helped me": a member's thanks for a comment, without a "+1" reply."""

from django.db import IntegrityError, transaction
from django.db.models import F

from accounts.models import User
from core import ratelimits
from core.refusals import Refused
from forum import pagecache
from forum.models import Comment, Helped
from forum.permissions import commenting_refusal

TOO_MANY = "You have said that many comments helped you in a short time. Please try again later."


def say_helped(*, member: User, comment: Comment, helped: bool) -> bool:
    """The member says the comment helped them (helped=True) or takes it back; True if that
    changed anything. Only a published comment of someone else's takes it, from a member who may
    act on the site (a suspension bars it; a silence, which bars posting, does not); rate-limited,
    undoing included, so the count cannot be churned."""
    refusal = commenting_refusal(member, "say a comment helped you", posting=False)
    if refusal:
        raise Refused(refusal, status=403)
    if comment.author_id == member.pk:
        raise Refused("You cannot say your own comment helped you.", status=403)
    if comment.status != Comment.Status.PUBLISHED:
        raise Refused("Only published comments can be marked as helpful.", status=409)
    if not ratelimits.allow("helped", f"member:{member.pk}"):
        raise Refused(TOO_MANY, status=429)
    with transaction.atomic():
        if helped:
            try:
                with transaction.atomic():
                    Helped.objects.create(comment=comment, member=member)
            except IntegrityError:  # said already (another tab): nothing changes
                return False
            step = 1
        else:
            if not Helped.objects.filter(comment=comment, member=member).delete()[0]:
                return False
            step = -1
        Comment.objects.filter(pk=comment.pk).update(helped_count=F("helped_count") + step)
    pagecache.page_changed(comment.article)
    return True


def helped_by(member: User, comment: Comment) -> bool:
    return Helped.objects.filter(comment=comment, member=member).exists()


def helpers(comment: Comment) -> list[Helped]:
    """Who said the comment helped them, first first: for moderators."""
    return list(Helped.objects.filter(comment=comment).select_related("member"))


def forget_helped(member: User) -> None:
    """A member leaving: the counts they added go with them."""
    Comment.objects.filter(helped__member=member).update(helped_count=F("helped_count") - 1)
    Helped.objects.filter(member=member).delete()

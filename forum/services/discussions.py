"""Members' discussions: a title and an opening post, which is the discussion's comment (1)."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.refusals import Refused
from forum.models import Article, Category, Comment
from forum.services.posting import Screened, post_comment, submission_digest
from forum.slugs import make_slug

TITLE_MAX_LENGTH = 200


def start_discussion(*, author: User, category: Category, title: str, text: str,
                     screened_as: Screened | None = None, submission: str = "") -> Comment:
    """Open a discussion in a category's board; returns its opening post.

    The opening post goes through post_comment, with the title screened along
    with it, so a held opening post holds the discussion (only its author sees
    it) and a blocked one leaves nothing behind. The same form sent again (submission,
    as post_comment takes it) answers with the discussion it started. Refuses an empty or
    overlong title (400) and whatever post_comment refuses.
    """
    title = " ".join(title.split())
    if not title:
        raise Refused("Give your discussion a title.")
    if len(title) > TITLE_MAX_LENGTH:
        raise Refused(f"Keep the title under {TITLE_MAX_LENGTH} characters.")
    with transaction.atomic():
        if submission:
            # Locked first, so a repeat waits for the first to commit, then finds it.
            User.objects.select_for_update().filter(pk=author.pk).first()
            started = Comment.objects.filter(author=author, submission=submission_digest(submission), number=1,
                                             body=text, article__title=title).first()
            if started is not None:
                return started
        now = timezone.now()
        discussion = Article.objects.create(
            kind=Article.Kind.DISCUSSION, title=title, slug=f"new-{now.timestamp()}-{author.pk}",
            category=category, byline=author.display_name, started_by=author, published_at=now,
            body="", body_html="", last_activity_at=now,
        )
        # The primary key makes the address unique without a retry loop.
        discussion.slug = f"{make_slug(title, 80) or 'discussion'}-{discussion.pk}"
        discussion.save(update_fields=["slug"])
        return post_comment(author=author, article=discussion, text=text, screened_as=screened_as,
                            submission=submission)

"""Members' discussions: a title and an opening post, which is the discussion's comment (1)."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.refusals import Refused
from forum.models import Article, Category, Comment
from forum.services import posting
from forum.slugs import make_slug

TITLE_MAX_LENGTH = 200


def submit_discussion(*, author: User, category: Category, title: str, text: str, nudge_token: str = "",
                      confirmed: bool = False) -> posting.Submitted:
    """A member opens a discussion in a category's board: the note first, as in
    posting.submit_comment, otherwise the discussion and its opening post.

    The title is screened with the opening post, so a held opening post holds the
    discussion (only its author sees it) and a blocked one leaves nothing behind. The same
    form sent again (nudge_token) answers with the discussion it started. Refuses an empty
    or overlong title (400) and whatever posting refuses.
    """
    title = " ".join(title.split())
    if not title:
        raise Refused("Give your discussion a title.")
    if len(title) > TITLE_MAX_LENGTH:
        raise Refused(f"Keep the title under {TITLE_MAX_LENGTH} characters.")
    draft = posting.screened(text, title=title)
    submission = posting.submission_digest(nudge_token)
    with transaction.atomic():
        # Locked first, so a repeat waits for the first to commit, then finds it.
        member = posting.lock_member(author, doing="start a discussion")
        if submission:
            started = Comment.objects.filter(author=author, submission=submission, number=1,
                                             body=text, article__title=title).first()
            if started is not None:
                return posting.Submitted(comment=started)
        history = posting.history_of(author, text=text)
        weighed = posting.weigh(author, draft.verdict, history, member=member)
        note = posting.note_before_posting(draft, weighed, nudge_token=nudge_token, confirmed=confirmed,
                                           form="discussion")
        if note is not None:
            return posting.Submitted(note=note)
        now = timezone.now()
        discussion = Article.objects.create(
            kind=Article.Kind.DISCUSSION, title=title, slug=f"new-{now.timestamp()}-{author.pk}",
            category=category, byline=author.display_name, started_by=author, published_at=now,
            body="", body_html="", last_activity_at=now,
        )
        # The primary key makes the address unique without a retry loop.
        discussion.slug = f"{make_slug(title, 80) or 'discussion'}-{discussion.pk}"
        discussion.save(update_fields=["slug"])
        opening = posting.store_post(author=author, article=discussion, parent=None, draft=draft, weighed=weighed,
                                     history=history, submission=submission)
        posting.settle(nudge_token, opening)
    return posting.Submitted(comment=opening)


def start_discussion(*, author: User, category: Category, title: str, text: str, submission: str = "") -> Comment:
    """submit_discussion without a note (scripts, the demo data): the opening post."""
    return submit_discussion(author=author, category=category, title=title, text=text, nudge_token=submission,
                             confirmed=True).comment

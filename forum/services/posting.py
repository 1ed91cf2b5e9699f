"""Members' comments: posting, editing, deleting, and re-screening them."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone

from accounts.models import User
from core.refusals import Refused
from forum import pagecache, ratelimits, sanitize
from forum.models import Article, Comment, Follow
from moderation import services as moderation
from moderation.screening.verdict import BLOCK, HOLD, LABEL, Verdict


TOO_MANY_POSTS = ("You have posted a lot in a short time. Please wait a while before posting again; "
                  "your text is kept below.")


@dataclass(frozen=True)
class Screened:
    """A text sanitised and screened as posting stores it, with the title screened along."""

    text: str
    title: str
    html: str
    verdict: Verdict


def screened(text: str, *, title: str = "", earlier: Screened | None = None) -> Screened:
    """Sanitise and screen a text; `earlier` (the note shown before posting) is reused when it
    was this same text and title, so a post is never screened twice in one request."""
    if earlier is not None and (earlier.text, earlier.title) == (text, title):
        return earlier
    html = sanitize.render_comment(text)
    return Screened(text=text, title=title, html=html, verdict=moderation.screen_text(text, title=title, html=html))


def post_comment(*, author: User, article: Article, text: str, parent: Comment | None = None,
                 screened_as: Screened | None = None, submission: str = "") -> Comment:
    """Sanitise and store a comment under the article's next number.

    Locks the article row (on SQLite the IMMEDIATE transaction takes the write
    lock), so concurrent posts never share or skip a number. A reply to a
    comment at the maximum depth joins that comment's thread at the same depth.

    The text is screened: the verdict is stored with the comment and decides
    whether it is published, published with the unverified-claim label, or held
    for moderation (visible only to its author).

    submission is the form's one-time token: the same text sent again with it (a double
    click, a load balancer's retry after the first server died mid-request) answers with the
    comment already stored instead of storing a second one or refusing.

    Refuses with Refused: more than FORUM_RATE_LIMITS["post"] (429),
    comments closed (403), a parent on another article, removed or held (400),
    posting too fast (429), the same text again (400), a blocked watched phrase (400).
    """
    if not ratelimits.allow("post", f"member:{author.pk}"):
        raise Refused(TOO_MANY_POSTS, status=429)
    # Sanitised and screened before any lock is taken, so a slow text never holds up
    # other members' posts. Only a discussion's opening post (number 1, written with
    # the discussion) carries the title, so the unlocked number is good enough here.
    draft = screened(text, title=article.screened_title(number=article.last_comment_number + 1), earlier=screened_as)
    html, verdict = draft.html, draft.verdict
    with transaction.atomic():
        # Locked, and asked in the same query whether readers can open it (the visibility rule).
        article = (
            Article.objects.select_for_update(of=("self",))
            .annotate(open_to_readers=Exists(Article.objects.readable().filter(pk=OuterRef("pk"))))
            .get(pk=article.pk)
        )
        starting = article.is_discussion and article.last_comment_number == 0
        if not starting and not article.open_to_readers:
            raise Refused("This discussion is not open to replies.", status=404)
        if not article.comments_open:
            raise Refused(f"Comments are closed on this {article.get_kind_display().lower()}.", status=403)
        if parent is not None:
            _check_can_reply(article=article, parent=parent)
        # Locking the member too makes the flood check hold across articles.
        User.objects.select_for_update().filter(pk=author.pk).first()
        submission = submission_digest(submission)
        history = _history(author, text=text, submission=submission)
        if history["repeated"]:
            return Comment.objects.get(pk=history["repeated"])
        _check_flood(history)
        if verdict.action == BLOCK:
            raise Refused(verdict.block_message)
        action, reasons = moderation.review_action(
            author=author, verdict=verdict,
            published_posts=history["published_posts"], earlier_posts=history["earlier_posts"],
        )
        state = _screened_state(verdict, action, reasons)
        visible = state["status"] == Comment.Status.PUBLISHED

        # Answering a discussion's opening post is answering the discussion.
        parent = None if parent is not None and parent.number == 1 and article.is_discussion else thread_parent(parent)
        article.last_comment_number += 1
        # One UPDATE: the number handed out, and the discussion moving up its board if readers see it.
        article.last_activity_at = timezone.now() if visible else article.last_activity_at
        article.save(update_fields=["last_comment_number", "last_activity_at"])
        comment = Comment.objects.create(
            article=article,
            number=article.last_comment_number,
            parent=parent,
            depth=parent.depth + 1 if parent is not None else 1,
            author=author,
            body=text,
            body_html=html,
            submission=submission,
            **state,
        )
        moderation.record_screening(post=comment, verdict=verdict, reasons=reasons, new=True)
        pagecache.page_changed(article)
        if settings.FORUM_FOLLOW_ON_POST:
            Follow.objects.get_or_create(member=author, article=article)
        if visible:
            comment.announce(activity_recorded=True)
    return comment


def screen_draft(*, author: User, text: str, title: str = "") -> tuple[Screened, str]:
    """What posting this text would do, without storing anything: the screened draft (which
    posting it then reuses), and the action once the member's standing is weighed
    (moderation.review_action), for the note shown while they write."""
    draft = screened(text, title=title)
    action, _ = moderation.review_action(author=author, verdict=draft.verdict, **_standing(author))
    return draft, action


def edit_comment(*, author: User, comment: Comment, text: str, screened_as: Screened | None = None) -> Comment:
    """Replace a comment's text within the edit window, screening it again.

    The earlier text is kept as a revision for moderators. A held comment stays
    held: an edit never skips a review. Refuses someone else's comment (403),
    a removed one, one past the edit window (403), or blocked text (400).
    """
    # Sanitised and screened before the lock, as in post_comment; a comment's number never changes.
    draft = screened(text, title=comment.article.screened_title(number=comment.number), earlier=screened_as)
    html, verdict = draft.html, draft.verdict
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        _check_can_change(author=author, comment=comment)
        window = timedelta(minutes=settings.FORUM_EDIT_WINDOW_MINUTES)
        if timezone.now() - comment.created_at > window:
            raise Refused(
                f"Comments can be edited for {settings.FORUM_EDIT_WINDOW_MINUTES} minutes after posting.", status=403
            )
        if text == comment.body:
            return comment
        if verdict.action == BLOCK:
            raise Refused(verdict.block_message)
        action, reasons = moderation.review_action(
            author=author, verdict=verdict, **_standing(author, besides=comment)
        )
        was_held = comment.is_held
        comment.rewrite(text, screening=verdict.as_dict(), html=html)
        for name, value in _screened_state(verdict, action, reasons).items():
            setattr(comment, name, value)
        if was_held:
            comment.status = Comment.Status.HELD
        comment.save()
        moderation.record_screening(post=comment, verdict=verdict, reasons=reasons)
        pagecache.page_changed(comment.article)
    return comment


def delete_comment(*, author: User, comment: Comment) -> Comment:
    """The author takes their comment down; its number stays taken, replies stay."""
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        _check_can_change(author=author, comment=comment)
        comment.status = Comment.Status.DELETED
        comment.save(update_fields=["status"])
        moderation.withdraw_case(post=comment)
        pagecache.page_changed(comment.article)
    return comment


def rescreen_comment(*, comment: Comment) -> Comment:
    """Screen a stored comment again (after a rule change) and store the verdict.

    A verdict that now holds or labels the comment is applied; one that would
    block it holds it instead, since the text is already written. Removed and
    deleted comments keep their state.
    """
    with transaction.atomic():
        comment = Comment.objects.select_for_update(of=("self",)).select_related("article").get(pk=comment.pk)
        verdict = moderation.screen_text(
            comment.body, title=comment.article.screened_title(number=comment.number), html=comment.body_html
        )
        comment.screening = verdict.as_dict()
        if not comment.is_removed:
            state = _screened_state(verdict, verdict.action)
            comment.is_labelled = state["is_labelled"]
            if comment.status == Comment.Status.PUBLISHED:
                comment.status = state["status"]
            moderation.record_screening(post=comment, verdict=verdict)
        comment.save(update_fields=["screening", "is_labelled", "status"])
        pagecache.page_changed(comment.article)
    return comment


def rerender_comment(*, comment: Comment) -> bool:
    """Sanitise a stored comment's text again (after an allowlist change); True if its HTML changed."""
    html = sanitize.render_comment(comment.body)
    if html == comment.body_html:
        return False
    with transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(body_html=html)
        pagecache.page_changed(comment.article)
    return True


def _screened_state(verdict: Verdict, action: str, review_reasons=()) -> dict:
    """The stored state an action gives a comment; blocked text that is already
    stored (re-screening) is held rather than lost. The review reasons (a new
    member's first post) are kept with the verdict, so the author can be told why."""
    status = Comment.Status.HELD if action in (HOLD, BLOCK) else Comment.Status.PUBLISHED
    screening = {**verdict.as_dict(), "review_reasons": [str(reason) for reason in review_reasons]}
    return {"status": status, "is_labelled": action == LABEL, "screening": screening}


def _standing(author: User, besides: Comment | None = None) -> dict:
    """What the trust rules weigh, in one query: the member's published posts and all their
    earlier posts (besides the one being edited)."""
    posts = Comment.objects.filter(author=author)
    if besides is not None:
        posts = posts.exclude(pk=besides.pk)
    return posts.aggregate(published_posts=Count("pk", filter=Q(status=Comment.Status.PUBLISHED)),
                           earlier_posts=Count("pk"))


def _history(author: User, *, text: str, submission: str = "") -> dict:
    """The member's standing (_standing) and what the flood check needs, in one query: when
    they last posted, whether they posted this same text within the duplicate window, and
    the comment this same submission stored already (repeated), if any."""
    window = timezone.now() - timedelta(minutes=settings.FORUM_DUPLICATE_WINDOW_MINUTES)
    return Comment.objects.filter(author=author).aggregate(
        published_posts=Count("pk", filter=Q(status=Comment.Status.PUBLISHED)),
        earlier_posts=Count("pk"),
        last_posted=Max("created_at"),
        same_text=Count("pk", filter=Q(created_at__gte=window, body=text)),
        repeated=Max("pk", filter=Q(submission=submission, body=text) if submission else Q(pk=None)),
    )


def submission_digest(token: str) -> str:
    """What is stored of a form's one-time token (the nudge token, NudgeFields): its digest."""
    return hashlib.sha256(token.encode()).hexdigest()[:32] if token else ""


def _check_can_change(*, author: User, comment: Comment) -> None:
    if comment.author_id != author.pk:
        raise Refused("You can only change your own comments.", status=403)
    if comment.is_removed:
        raise Refused("This comment has been removed and can no longer be changed.", status=403)


def _check_can_reply(*, article: Article, parent: Comment) -> None:
    if parent.article_id != article.pk:
        raise Refused(f"You can only reply to comments on this {article.get_kind_display().lower()}.")
    if parent.is_removed:
        raise Refused("That comment was removed, so it can no longer be replied to.")
    if parent.is_held:
        raise Refused("That comment is awaiting moderation and cannot be replied to yet.")


def thread_parent(parent: Comment | None) -> Comment | None:
    """The depth rule: a reply to a comment at the maximum depth joins that
    comment's thread at the same depth, as a sibling rather than a child."""
    if parent is not None and parent.depth >= settings.FORUM_COMMENT_MAX_DEPTH:
        return parent.parent
    return parent


def _check_flood(history: dict) -> None:
    """Refuse a post too soon after the member's last one, or the same text twice (_history)."""
    now = timezone.now()
    interval = timedelta(seconds=settings.FORUM_POST_INTERVAL_SECONDS)
    last = history["last_posted"]
    if last is not None and now - last < interval:
        wait = int((interval - (now - last)).total_seconds()) + 1
        raise Refused(
            f"You are posting too fast. Please wait {wait} seconds and send it again.", status=429
        )
    if history["same_text"]:
        raise Refused("You have just posted this same text.")


def remove_comment(
    *, comment: Comment, moderator: User, reason: str = "It breaks the community guidelines."
) -> Comment:
    """Hide a comment for good, as a moderator's rejection (audited, the author told why);
    its number stays taken and its replies stay in place. Deleted comments are left as they are."""
    if comment.status != Comment.Status.DELETED:
        moderation.remove_post(post=comment, moderator=moderator, reason=reason)
    comment.refresh_from_db()
    return comment

"""Members' comments: posting, editing, deleting, and re-screening them."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from accounts.queries import remember_verified
from core.refusals import Refused
from core import ratelimits
from forum import events, mentions, notifications, pagecache, permissions, quoting, sanitize
from forum.models import Article, Comment, Follow
from forum.services.moderated import rewrite
from moderation import services as moderation
from moderation.queries import recently_rejected
from moderation.services import Note
from moderation.screening.verdict import BLOCK, HOLD, LABEL, Verdict


TOO_MANY_POSTS = ("You have posted a lot in a short time. Please wait a while before posting again; "
                  "your text is kept below.")
TOO_MANY_CHECKS = "Checked too often; posting still works as usual."


@dataclass(frozen=True)
class Screened:
    """A text sanitised and screened as posting stores it, with the title screened along."""

    text: str
    title: str
    html: str
    verdict: Verdict


@dataclass(frozen=True)
class Submitted:
    """What sending a form that writes did: either the note to show before posting (nothing
    but its count is stored), or the comment stored, whose state says how it came out."""

    comment: Comment | None = None
    note: Note | None = None


@dataclass(frozen=True)
class Weighed:
    """A draft's verdict with its author's standing weighed (moderation.review_action)."""

    action: str
    reasons: list


def screened(text: str, *, title: str = "") -> Screened:
    html = sanitize.render_comment(text)
    return Screened(text=text, title=title, html=html, verdict=moderation.screen_text(text, title=title, html=html))


def submit_comment(*, author: User, article: Article, text: str, parent: Comment | None = None,
                   nudge_token: str = "", confirmed: bool = False, quote_of: Comment | None = None,
                   quote: str = "") -> Submitted:
    """A member sends a comment or a reply: the note on a health claim first, when the writer
    has not seen it (nudge_token names the writing session; confirmed means they saw it and
    post anyway), otherwise the comment stored under the article's next number.

    The text is screened once, before any lock, so a slow text never holds up other
    members' posts. Then, in one transaction: the member is locked (with whether they may
    post), so the flood check holds across articles; the article is locked (on SQLite the
    IMMEDIATE transaction takes the write lock), with the member's history in the same
    query, so concurrent posts never share or skip a number; their standing is weighed once;
    and the note, the post and what followed an earlier note are recorded together. The
    verdict decides whether the comment is published, published with the unverified-claim
    label, or held for moderation (visible only to its author). A reply to a comment at the
    maximum depth joins that comment's thread at the same depth. quote_of and quote: words of
    another comment the member answers (forum/quoting.py), stored beside their text.

    The same text sent again with the same nudge_token (a double click, a load balancer's
    retry after the first server died mid-request) answers with the comment already stored.

    Refuses with Refused: a member without a verified address or suspended (403), a
    discussion readers cannot open (404), comments closed (403), a parent on another
    article, removed or held (400), a quote not in the quoted comment (400), more than
    FORUM_MENTIONS_PER_POST mentions (400), more than FORUM_RATE_LIMITS["post"] or posting too
    fast (429), the same text again (400), a blocked watched phrase (400).
    """
    quote_of, quote = quoting.checked_quote(article=article, quote_of=quote_of, words=quote)
    mentions.check_mentions(text, article=article, author=author)
    # Only a discussion's opening post (number 1, written with the discussion) carries the
    # title, so the number read before the lock is good enough here.
    draft = screened(text, title=article.screened_title(number=article.last_comment_number + 1))
    submission = submission_digest(nudge_token)
    with transaction.atomic():
        member = lock_member(author, article=article)
        article, history = _locked_article(article, history=_history(author, text=text, submission=submission))
        if parent is not None:
            _check_can_reply(article=article, parent=parent)
        if history["repeated"]:
            return Submitted(comment=Comment.objects.get(pk=history["repeated"]))
        weighed = weigh(author, draft.verdict, history, member=member)
        note = note_before_posting(draft, weighed, nudge_token=nudge_token, confirmed=confirmed,
                                    form="reply" if parent is not None else "comment")
        if note is not None:
            return Submitted(note=note)
        comment = store_post(author=author, article=article, parent=parent, draft=draft, weighed=weighed,
                             history=history, submission=submission, follows=member.follows,
                             quote_of=quote_of, quote=quote)
        settle(nudge_token, comment)
    return Submitted(comment=comment)


def post_comment(*, author: User, article: Article, text: str, parent: Comment | None = None,
                 submission: str = "") -> Comment:
    """submit_comment without a note (scripts, the demo data): the comment stored."""
    return submit_comment(author=author, article=article, text=text, parent=parent, nudge_token=submission,
                          confirmed=True).comment


def store_post(*, author: User, article: Article, parent: Comment | None, draft: Screened, weighed: Weighed,
               history: dict, submission: str, follows: bool = False, quote_of: Comment | None = None,
               quote: str = "") -> Comment:
    """Store a screened post once the note is past; runs in submit's transaction, with the
    article and the member locked. follows: the member has a Follow of the article already
    (lock_member read it), which posting leaves as it is, even one they switched off."""
    if not ratelimits.allow("post", f"member:{author.pk}"):
        raise Refused(TOO_MANY_POSTS, status=429)
    _check_flood(history)
    verdict = draft.verdict
    if verdict.action == BLOCK:
        raise Refused(verdict.block_message)
    state = _screened_state(verdict, weighed.action, weighed.reasons)
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
        body=draft.text,
        body_html=draft.html,
        submission=submission,
        quote_of=quote_of,
        quote=quote,
        **state,
    )
    moderation.record_screening(post=comment, verdict=verdict, reasons=weighed.reasons, new=True)
    pagecache.page_changed(article)
    events.comment_changed(comment)
    if settings.FORUM_FOLLOW_ON_POST and not follows:
        Follow.objects.get_or_create(member=author, article=article)
    if visible:
        notifications.announce(comment, activity_recorded=True)
    return comment


@dataclass(frozen=True)
class Checked:
    """What posting a draft would do: the note (None when there is nothing to say), whether it
    cites a source, and the HTML the sanitiser would store, for the preview."""

    note: Note | None
    cites_source: bool
    preview_html: str

    def as_dict(self) -> dict:
        return {"note": self.note.as_dict() if self.note else None, "cites_source": self.cites_source,
                "preview_html": self.preview_html}


def check_draft(*, author: User, text: str, title: str = "", nudge_token: str = "",
                form: str = "comment") -> Checked:
    """What posting this text would do, asked while the member writes, storing nothing but
    the count of notes shown (Checked). Refuses more than FORUM_RATE_LIMITS["check"] (429)."""
    if not ratelimits.allow("check", f"member:{author.pk}"):
        raise Refused(TOO_MANY_CHECKS, status=429)
    draft = screened(text, title=title)
    weighed = weigh(author, draft.verdict, _standing(author))
    note = _note(draft, weighed, nudge_token=nudge_token, form=form)
    return Checked(note, moderation.cites_source(draft.verdict), draft.html)


def submit_edit(*, author: User, comment: Comment, text: str, nudge_token: str = "",
                confirmed: bool = False) -> Submitted:
    """A member replaces their comment's text within the edit window: the note first, as in
    submit_comment, otherwise the text screened again and stored.

    The earlier text is kept as a revision for moderators. A held comment stays
    held: an edit never skips a review. Refuses a member who may not post (unverified or
    suspended, 403, asked under the member's lock as posting asks), someone else's comment
    (403), a removed one, one past the edit window (403), more than FORUM_MENTIONS_PER_POST
    mentions (400), or blocked text (400). Members the edit names for the first time are told.
    """
    # Screened before the lock, as in submit_comment; a comment's number never changes.
    draft = screened(text, title=comment.article.screened_title(number=comment.number))
    mentions.check_mentions(text, article=comment.article, author=author)
    with transaction.atomic():
        lock_member(author, doing="edit comments", posting=False)
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        _check_can_change(author=author, comment=comment)
        window = timedelta(minutes=settings.FORUM_EDIT_WINDOW_MINUTES)
        if timezone.now() - comment.created_at > window:
            raise Refused(
                f"Comments can be edited for {settings.FORUM_EDIT_WINDOW_MINUTES} minutes after posting.", status=403
            )
        if text == comment.body:
            return Submitted(comment=comment)
        weighed = weigh(author, draft.verdict, _standing(author, besides=comment))
        note = note_before_posting(draft, weighed, nudge_token=nudge_token, confirmed=confirmed, form="edit")
        if note is not None:
            return Submitted(note=note)
        verdict = draft.verdict
        if verdict.action == BLOCK:
            raise Refused(verdict.block_message)
        was, before = events.state_of(comment), comment.body
        rewrite(comment, text, screening=verdict.as_dict(), html=draft.html)
        for name, value in _screened_state(verdict, weighed.action, weighed.reasons).items():
            setattr(comment, name, value)
        if was[0] == Comment.Status.HELD:
            comment.status = Comment.Status.HELD
        comment.save()
        moderation.record_screening(post=comment, verdict=verdict, reasons=weighed.reasons)
        notifications.digests_follow(comment)
        notifications.announce_edit(comment, before=before)
        pagecache.page_changed(comment.article)
        events.comment_changed(comment, was)
        settle(nudge_token, comment)
    return Submitted(comment=comment)


def edit_comment(*, author: User, comment: Comment, text: str) -> Comment:
    """submit_edit without a note: the comment as stored."""
    return submit_edit(author=author, comment=comment, text=text, confirmed=True).comment


def weigh(author: User, verdict: Verdict, standing: dict, *, member: "Locked | None" = None) -> Weighed:
    """The action the author's standing gives a verdict; member: what lock_member read (they are
    not suspended, and whether a post of theirs was rejected lately), so it is not asked again."""
    action, reasons = moderation.review_action(
        author=author, verdict=verdict, published_posts=standing["published_posts"],
        earlier_posts=standing["earlier_posts"], rejected_lately=member.rejected_lately if member else None,
        suspended=False if member else None)
    return Weighed(action=action, reasons=reasons)


def note_before_posting(draft: Screened, weighed: Weighed, *, nudge_token: str, confirmed: bool,
                         form: str) -> Note | None:
    """The note shown once as a step before posting, when the writer has not seen it (no
    JavaScript, or sent before nudge.js asked); None to post at once. Forms without the
    site's token (scripts) post at once, and crisis words never wait at a step: the post is
    stored (held first in the queue) and its author sees the resources where they land."""
    if not nudge_token or confirmed or draft.verdict.crisis:
        return None
    return _note(draft, weighed, nudge_token=nudge_token, form=form)


def _note(draft: Screened, weighed: Weighed, *, nudge_token: str, form: str) -> Note | None:
    """The note on a draft, counted for its writing session if shown."""
    text = f"{draft.title}\n\n{draft.text}" if draft.title else draft.text
    note = moderation.note_for(draft.verdict, weighed.action, text=text)
    if note is not None:
        moderation.record_shown(token=nudge_token, form=form, note=note, verdict=draft.verdict, text=draft.text)
    return note


def settle(nudge_token: str, comment: Comment) -> None:
    """Count what followed a note, if one was shown in this writing session."""
    moderation.settle(token=nudge_token, text=comment.body, verdict=comment.verdict,
                      held=comment.is_held, labelled=comment.is_labelled)


def _locked_article(article: Article, *, history: dict) -> tuple[Article, dict]:
    """The article locked, asked in the same query whether readers can open it (the visibility
    rule) and the member's history (_history); refused if it takes no comments."""
    article = (
        Article.objects.select_for_update(of=("self",))
        .annotate(open_to_readers=Exists(Article.objects.readable().filter(pk=OuterRef("pk"))), **history)
        .get(pk=article.pk)
    )
    starting = article.is_discussion and article.last_comment_number == 0
    if not starting and not article.open_to_readers:
        raise Refused("This discussion is not open to replies.", status=404)
    if not article.comments_open:
        raise Refused(f"Comments are closed on this {article.get_kind_display().lower()}.", status=403)
    return article, {name: getattr(article, name) for name in history}


@dataclass(frozen=True)
class Locked:
    """What lock_member read with the lock: whether the member has a Follow of the article, and
    whether a post of theirs was rejected lately (for the trust rule)."""

    follows: bool
    rejected_lately: bool


def lock_member(member: User, *, article: Article | None = None, doing: str = "leave a comment",
                posting: bool = True) -> Locked:
    """Lock the member's row, so their posts are checked and stored one at a time, and in the
    same query ask whether they may post (refused with 403 if not: checked here, under the
    lock, rather than in a query of the view's), whether they follow the article and whether
    a post of theirs was rejected lately.

    Their history is read in a later statement (_history), not here: on PostgreSQL a
    statement that waited for the lock still reads from the snapshot it started with, so
    only a later statement sees the post that held the lock."""
    follow = Follow.objects.filter(member=OuterRef("pk"), article=article) if article is not None else None
    row = (
        User.objects.select_for_update(of=("self",)).filter(pk=member.pk)
        .annotate(**permissions.standing(), has_follow=Exists(follow) if follow is not None else Value(False),
                  rejected_lately=recently_rejected())
        .values("verified", "suspended_until", "silenced_until", "has_follow", "rejected_lately").get()
    )
    remember_verified(member, row["verified"])
    refusal = permissions.standing_refusal(row["verified"], row["suspended_until"], doing,
                                           silenced_until=row["silenced_until"] if posting else None)
    if refusal:
        raise Refused(refusal, status=403)
    return Locked(follows=row["has_follow"], rejected_lately=row["rejected_lately"])


def delete_comment(*, author: User, comment: Comment) -> Comment:
    """The author takes their comment down; its number stays taken, replies stay."""
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        _check_can_change(author=author, comment=comment)
        comment.status = Comment.Status.DELETED
        comment.save(update_fields=["status"])
        notifications.digests_follow(comment)
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
        was = events.state_of(comment)
        if not comment.is_removed:
            state = _screened_state(verdict, verdict.action)
            comment.is_labelled = state["is_labelled"]
            if comment.status == Comment.Status.PUBLISHED:
                comment.status = state["status"]
            moderation.record_screening(post=comment, verdict=verdict)
        comment.save(update_fields=["screening", "is_labelled", "status"])
        pagecache.page_changed(comment.article)
        events.comment_changed(comment, was)
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


def history_of(author: User, *, text: str, submission: str = "") -> dict:
    """The member's history (_history), in one query of its own."""
    history = _history(author, text=text, submission=submission)
    return User.objects.filter(pk=author.pk).values(**history).get()


def _history(author: User, *, text: str, submission: str = "") -> dict:
    """The member's standing (_standing) and what the flood check needs, as expressions, for the
    query that reads them with the article's lock: when they last posted, whether they posted
    this same text within the duplicate window, and the comment this same submission stored
    already (repeated), if any."""
    window = timezone.now() - timedelta(minutes=settings.FORUM_DUPLICATE_WINDOW_MINUTES)
    mine = Comment.objects.filter(author=author).order_by()

    def one(posts, value):  # one value over some of the member's posts
        return Subquery(posts.values("author").annotate(value=value).values("value")[:1])

    return {
        "published_posts": Coalesce(one(mine.filter(status=Comment.Status.PUBLISHED), Count("pk")), 0),
        "earlier_posts": Coalesce(one(mine, Count("pk")), 0),
        "last_posted": one(mine, Max("created_at")),
        "same_text": Coalesce(one(mine.filter(created_at__gte=window, body=text), Count("pk")), 0),
        "repeated": one(mine.filter(submission=submission, body=text), Max("pk")) if submission
        else Value(None, output_field=IntegerField()),
    }


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
    """Refuse a post too soon after the member's last one, or the same text twice (history_of)."""
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

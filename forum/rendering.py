"""The comment thread's markup, written in Python: an article page with 1,000 comments
renders in a fraction of the time the template engine needs for the same markup.

Formatting only: what the viewer may do with each comment (reply, edit, delete,
report) is decided by forum.queries and arrives with it (ThreadComment.viewer). Every value is escaped here
except the stored sanitised body, the only member text marked safe.
"""

import datetime
import re

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from core.templatetags.formatting import avatar_html, clock, posted_at
from forum.models import Comment
from forum.presentation import outcome_of, present

NEW_BADGE = ' <span class="new-badge">New</span>'
IMPORTED = ' <span class="comment__imported">imported</span>'
_PK = 987654321  # reversed once, then substituted: reverse() per comment is the slowest part
# A comment's <time> (_time_element), found again to give it in a member's own time zone.
_TIME = re.compile(r'<time datetime="(\d{4}-\d\d-\d\dT\d\d:\d\d)Z">[^<]*</time>')


class Renderer:
    """Writes comments for one page and viewer; context is the page's template context (user,
    article, pages, outcome, new_after), or as much of it as the markup needs."""

    def __init__(self, context):
        user = context.get("user")
        self.viewer = user.pk if user is not None and user.is_authenticated else None
        self.article = context["article"]
        self.pages = context.get("pages")
        self.page = context.get("page", 1)
        self.urls = {
            name: reverse(f"forum:{name}", args=[_PK])
            for name in ("member", "edit_comment", "delete_comment", "report_comment", "helped_comment")
        }
        self.guidelines = reverse("guidelines")
        self.appeals = reverse("appeals:mine")
        # {comment pk: "posted" / "updated" / "started"}: the viewer's comment just written (views.py).
        outcome = context.get("outcome")
        self.just_done = {outcome["pk"]: outcome["done"]} if outcome else {}
        self.crisis_message = settings.MODERATION_CRISIS_MESSAGE
        # Comments after this number are new to the viewer since their last visit (views._mark_new).
        self.new_after = context.get("new_after")
        self.times = {}

    def pieces(self, thread) -> tuple[list[str], dict[int, int]]:
        """The nested <ol> of a ThreadEntry list (forum.queries.comment_thread), as pieces to
        join, and where each comment's <article> is among them, by number; none for no comments."""
        if not thread:
            return [], {}
        pieces, at = ['<ol class="comment-list">'], {}
        for entry in thread:
            pieces.append('<li class="comment-item">')
            if entry.continued:
                pieces.append(self.continued(entry.comment))
            else:
                at[entry.comment.number] = len(pieces)
                pieces.append(self.comment(entry.comment, entry.placeholder))
            if entry.has_replies:
                pieces.append('<ol class="comment-list comment-list--replies">')
            else:
                pieces.append("</li>" + "</ol></li>" * len(entry.closes))
        pieces.append("</ol>")
        return pieces, at

    def time(self, moment) -> str:
        """The <time> of a comment, made once per distinct minute: a thread's comments share
        minutes, and formatting a date is a good part of a comment's cost."""
        minute = moment.replace(second=0, microsecond=0)
        shown = self.times.get(minute)
        if shown is None:
            utc = minute.astimezone(datetime.timezone.utc)
            shown = self.times[minute] = _time_element(f"{utc:%Y-%m-%dT%H:%M}", posted_at(minute))
        return shown

    def outcome(self, comment) -> str:
        """The author's own view of what became of their comment and why: right after posting or
        editing (announced to screen readers, focused by thread.js), and for as long as it is held.
        Crisis resources come first."""
        just_done = self.just_done.get(comment.pk)
        if not just_done and not comment.is_held:
            return ""
        why = outcome_of(comment)
        what = "comment" if not (self.article.is_discussion and comment.number == 1) else "discussion"
        done = {"posted": "is posted", "updated": "is updated", "started": "is started"}.get(just_done, "")
        if comment.is_held:
            state = (f"Your {what} {done + ' and' if done else 'is'} awaiting moderation. Only you can see it "
                     "until a moderator has reviewed it.")
        elif comment.is_labelled:
            state = f"Your {what} {done or 'is published'} with the “Unverified health claim” label."
        else:
            state = f"Your {what} ({comment.number}) {done}." if what == "comment" else f"Your {what} {done}."
        parts = [f'<div class="outcome{" outcome--held" if comment.is_held else ""}"'
                 + (' role="status" tabindex="-1" data-outcome' if just_done else "") + ">"]
        if why.crisis:
            parts.append(f'<p class="outcome__crisis" role="alert">{escape(self.crisis_message)}</p>')
        parts.append(f"<p><strong>{escape(state)}</strong></p>")
        if why.reasons and (comment.is_held or comment.is_labelled):
            parts.append('<p class="outcome__why">Why:</p><ul class="outcome__reasons">'
                         + "".join(f"<li>{escape(reason)}</li>" for reason in why.reasons) + "</ul>")
        parts.append("</div>")
        return "".join(parts)

    def continued(self, comment) -> str:
        """A comment on an earlier page that the replies below answer: where to read it."""
        page = self.pages.page_of(comment.number) or 1
        by = f" by {escape(comment.display_name)}" if not comment.is_removed and not comment.is_held else ""
        return (f'<article class="comment comment--continued"><p class="comment__meta">Replies to '
                f'<a href="{self.pages.page_url(page)}#comment-{comment.number}">({comment.number}){by}</a>'
                f", on page {page}, continued</p></article>")

    def url(self, name, pk):
        return self.urls[name].replace(str(_PK), str(pk))

    def comment(self, comment, placeholder):
        """One comment's <article>: its header, outcome or status, label, body and the actions
        its Viewing (forum.queries) allows."""
        number = comment.number
        new = (self.new_after is not None and number > self.new_after and not placeholder
               and comment.author_id != self.viewer)
        classes = "comment" + (" comment--removed" if placeholder else "") + (
            " comment--held" if comment.is_held else "") + (" comment--labelled" if comment.is_labelled else "") + (
            " comment--new" if new else "")
        opening = f'<article class="{classes}" id="comment-{number}">'
        notice = self.notice(comment)
        if placeholder:
            return (f'{opening}<p class="comment__meta"><a class="comment__number" href="#comment-{number}">'
                    f"({number})</a> {why_gone(comment)}</p>{notice}</article>")
        out = [opening, self.outcome(comment) if comment.viewer.mine else "", self.header(comment, new)]
        if comment.is_held and not comment.viewer.mine:
            out.append('<p class="comment__status" role="note"><strong>Awaiting moderation.</strong> Only its author '
                       "can see this comment until a moderator has reviewed it.</p>")
        label = present(comment).label
        out.append(label.notice_html(self.guidelines) if label else "")
        out.append(self.quote(comment))
        out.append(f'<div class="comment__body">{comment.body_html}</div>')
        out.append(label.note_html() if label else "")
        if comment.edited_at:
            out.append(f'<p class="comment__edited">Edited {self.time(comment.edited_at)}</p>')
        out.append(notice)
        out.append(f'<p class="comment__actions">{self.actions(comment)}</p></article>')
        return "".join(out)

    def quote(self, comment) -> str:
        """The words of the comment a reply quotes, escaped, apart from the reply's own HTML; only
        while readers see the quoted comment, with its label if it carries one."""
        if not comment.quote:
            return ""
        quoted = comment.quoted
        if quoted is None or not quoted.shown:
            return '<p class="comment__quote comment__quote--gone">It quoted a comment that is no longer shown.</p>'
        number = quoted.number
        page = self.pages.page_of(number) if self.pages is not None else None
        href = f"#comment-{number}"
        if page and page != self.page:
            href = self.pages.page_url(page) + href
        label = ' <span class="comment__quote-label">Unverified health claim</span>' if quoted.is_labelled else ""
        return (f'<blockquote class="comment__quote"><p>{escape(comment.quote)}</p><footer>'
                f'<a href="{href}">({number}) {escape(quoted.display_name)}</a>{label}</footer></blockquote>')

    def header(self, comment, new: bool) -> str:
        number = comment.number
        name = escape(comment.display_name)
        author = f'<a href="{self.url("member", comment.author_id)}">{name}</a>' if comment.author_id else name
        # Written elsewhere, under this name, by no account here.
        imported = IMPORTED if not comment.author_id and comment.author_name else ""
        return (
            f'<header class="comment__meta">{avatar_html(comment.author_id, comment.display_name)}'
            f'<a class="comment__date" href="#comment-{number}">'
            f'{self.time(comment.created_at)}</a>'
            f'<p class="comment__by"><span class="comment__number">({number})</span> '
            f'<span class="comment__author">{author}</span> says:{imported}{NEW_BADGE if new else ""}</p></header>'
        )

    def notice(self, comment) -> str:
        """What the moderators last told the author, shown to the author alone."""
        if not (comment.moderation_notice and comment.viewer.mine):
            return ""
        told = comment.moderation_notice
        if comment.is_labelled and comment.label_note:
            # The note is shown under the post itself; the author reads it there, once.
            told = told.replace(f" Note: {comment.label_note}", "")
        return ('<p class="comment__notice" role="note"><strong>To you from the moderators:</strong> '
                f'{escape(told)} <a href="{self.appeals}">Decisions about you and appeals</a></p>')

    def actions(self, comment) -> str:
        may, number = comment.viewer, comment.number
        actions = []
        if may.reply:
            actions.append(
                f'<a class="reply-link" href="?replyto={number}#respond" data-parent="{comment.pk}" '
                f'aria-label="Reply to comment {number} by {escape(comment.display_name)}">Reply</a>'
            )
        if may.edit:
            actions.append(f'<a href="{self.url("edit_comment", comment.pk)}">Edit</a>')
        if may.delete:
            actions.append(f'<a href="{self.url("delete_comment", comment.pk)}">Delete</a>')
        if comment.helped_count and comment.status == Comment.Status.PUBLISHED:
            count = comment.helped_count
            actions.append(f'<span class="comment__helped">Helped {count} {"member" if count == 1 else "members"}'
                           '</span>')
        if may.helpful:
            actions.append(f'<a class="helped-link" href="{self.url("helped_comment", comment.pk)}" '
                           f'aria-label="This helped me: comment {number}">This helped me</a>')
        if may.helped:
            actions.append(f'<span class="comment__helped-mine">You said it helped you</span> '
                           f'<a class="helped-link" href="{self.url("helped_comment", comment.pk)}" '
                           f'aria-label="Undo: comment {number} helped you">Undo</a>')
        if may.reported:
            actions.append('<span class="comment__reported">You reported it</span>')
        if may.report:
            actions.append(f'<a class="report-link" href="{self.url("report_comment", comment.pk)}" '
                           f'aria-label="Report comment {number}">Report</a>')
        return " ".join(actions)


def marked_new(piece: str) -> str:
    """A comment's <article> marked as new to the viewer, as Renderer.comment marks it."""
    return (piece.replace('" id="comment-', ' comment--new" id="comment-', 1)
            .replace("</p></header>", f"{NEW_BADGE}</p></header>", 1))


def in_viewers_time_zone(pieces) -> tuple[str, ...]:
    """The pieces with every comment time in the active time zone: the shared thread's are the
    site's. One memo for them all, as most minutes recur across the thread."""
    zone, shown = timezone.get_current_timezone(), {}

    def local(match):
        moment = match.group(1)
        text = shown.get(moment)
        if text is None:
            utc = datetime.datetime.fromisoformat(moment).replace(tzinfo=datetime.timezone.utc)
            text = shown[moment] = _time_element(moment, clock(utc.astimezone(zone)))
        return text

    return tuple(_TIME.sub(local, piece) for piece in pieces)


def _time_element(utc_minute: str, words: str) -> str:
    """A comment's <time>: its UTC minute ("2026-12-02T19:42"), which in_viewers_time_zone reads
    back, and the words for it."""
    return f'<time datetime="{utc_minute}Z">{words}</time>'


def why_gone(comment) -> str:
    """Why a placeholder's comment is not shown."""
    if comment.status == Comment.Status.DELETED:
        return "This comment was deleted by its author."
    if comment.is_held:
        return "This comment is hidden while moderators review it."
    return "This comment was removed by a moderator."

"""Members writing through the API: posting, replying, editing and deleting their comments,
reporting others', and the note before posting as a draft check, through the same services and refusals as the forms.

A comment is named by its article and number, as its permalink names it. The note on a health
claim is what the forms show before posting: asked for without `confirmed`, a text that would get
one is not posted, and the answer (409) carries the note; sent again with `confirmed`, it is."""

import uuid

from django.conf import settings

from core.refusals import Refused
from forum import services
from forum.forms import CommentTextField
from forum.models import Article, Comment
from forum.permissions import commenting_refusal
from forum.presentation import outcome_of
from moderation import services as moderation
from moderation.models import Nudge


class NoteFirst(Refused):
    """Not posted: the writer is shown the note first (409), then may send it with confirmed."""

    def __init__(self, note):
        super().__init__("This text would get a note before posting; read it, then send it again with "
                         "\"confirmed\": true to post it as it is.", status=409)
        self.note = note


def _article(slug: str) -> Article:
    article = Article.objects.filter(slug=slug).first()
    if article is None:
        raise Refused("No such article.", status=404)
    return article


def _comment(article: Article, number: int) -> Comment:
    comment = Comment.objects.select_related("article").filter(article=article, number=number).first()
    if comment is None:
        raise Refused("No such comment.", status=404)
    return comment


def _done(submitted) -> Comment:
    if submitted.note is not None:
        raise NoteFirst(submitted.note.as_dict())
    return submitted.comment


def post(member, slug: str, *, text: str, parent: int | None, confirmed: bool, submission: str,
         quote_of: int | None = None, quote: str = "") -> Comment:
    """A new comment, or a reply to the comment numbered `parent`, quoting words of the comment
    numbered `quote_of` if given; sent again with the same submission id (a retry), the comment
    already posted is the answer, never a second one."""
    article = _article(slug)
    replied = _comment(article, parent) if parent is not None else None
    quoted = _comment(article, quote_of) if quote_of is not None else None
    return _done(services.submit_comment(author=member, article=article, text=CommentTextField.text(text),
                                         parent=replied, nudge_token=submission or uuid.uuid4().hex,
                                         confirmed=confirmed, quote_of=quoted, quote=quote))


def edit(member, slug: str, number: int, *, text: str, confirmed: bool) -> Comment:
    comment = _comment(_article(slug), number)
    return _done(services.submit_edit(author=member, comment=comment, text=CommentTextField.text(text),
                                      nudge_token=uuid.uuid4().hex, confirmed=confirmed))


def delete(member, slug: str, number: int) -> None:
    services.delete_comment(author=member, comment=_comment(_article(slug), number))


def report(member, slug: str, number: int, *, reason: str, note: str) -> Comment:
    """Report a comment readers can see, as its Report link does: it joins the comment's case."""
    comment = Comment.objects.readable().select_related("article").filter(article__slug=slug, number=number).first()
    if comment is None:
        raise Refused("No such comment.", status=404)
    refusal = commenting_refusal(member, "report comments", posting=False)
    if refusal:
        raise Refused(refusal, status=403)
    moderation.report_post(reporter=member, post=comment, reason=reason, note=note)
    return comment


def check(member, *, text: str, title: str, form: str) -> dict:
    """The note posting this text would bring, whether it cites a source, and the HTML it would
    be stored as; nothing stored."""
    if form not in Nudge.Form.values:
        raise Refused(f"Not a valid value: form (one of {', '.join(Nudge.Form.values)}).", status=400)
    return services.check_draft(author=member, text=CommentTextField.text(text, noun="text"), title=title[:200],
                                nudge_token=uuid.uuid4().hex, form=form).as_dict()


def written(comment: Comment, absolute) -> dict:
    """The member's own comment as stored: its number, address and how it came out, with the
    reasons the page shows its author under a held or labelled comment."""
    why = outcome_of(comment)
    return {"number": comment.number, "url": absolute(comment.get_absolute_url()), "state": comment.status,
            "labelled": comment.is_labelled, "body_html": comment.body_html, "created_at": comment.created_at,
            "edited_at": comment.edited_at,
            "reasons": list(why.reasons) if comment.is_held or comment.is_labelled else [],
            "crisis_message": settings.MODERATION_CRISIS_MESSAGE if why.crisis else None}

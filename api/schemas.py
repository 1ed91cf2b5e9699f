"""What the API's answers hold: the shapes its OpenAPI schema publishes."""

from datetime import datetime

from ninja import Field, Schema


class Label(Schema):
    """The unverified-claim label readers see on a post: the notice, and the moderator's note and
    source when there are."""

    text: str
    note: str
    source_url: str


class ArticleSummary(Schema):
    slug: str
    kind: str  # "article" or "discussion"
    title: str
    url: str  # the page on the forum
    published_at: datetime
    comments: str  # its thread, in this API


class ArticleDetail(ArticleSummary):
    byline: str
    summary: str
    body_html: str  # sanitised when the article was saved
    comments_open: bool
    comment_pages: int


class Quote(Schema):
    number: int  # of the comment quoted
    author: str
    text: str  # plain text, stored apart from the comment's HTML
    labelled: bool  # the quoted comment carries the "Unverified health claim" label


class Comment(Schema):
    number: int
    parent: int | None  # the number of the comment it answers
    level: int  # its depth in the thread as laid out, 1 for a new thread
    url: str  # its permalink on the forum
    author: str | None  # None for a placeholder, and for the heading of a gone comment
    created_at: datetime
    edited_at: datetime | None
    body_html: str | None  # the stored sanitised HTML; None where the comment is not shown
    label: Label | None
    state: str  # "published", or why it is not shown: "held", "removed", "deleted"
    notice: str  # readers' words for a comment not shown; "" otherwise
    continued: bool  # shown only to head a thread continued from an earlier page, where it is read
    quote: Quote | None = None  # the words it quotes, while the quoted comment is shown
    helped: int = 0  # members who said it helped them


class CommentPage(Schema):
    article: ArticleSummary
    page: int
    pages: int
    comment_count: int  # published comments over every page
    opening_post: Comment | None  # a discussion's, on every page
    comments: list[Comment]  # in thread order
    next: str | None


class ArticlePage(Schema):
    page: int
    pages: int
    count: int
    items: list[ArticleSummary]
    next: str | None


class Segment(Schema):
    text: str
    match: bool


class Hit(Schema):
    kind: str  # article, discussion or comment
    title: str
    url: str
    snippet: list[Segment]
    published_at: datetime
    label: Label | None


class SearchPage(Schema):
    query: str
    page: int
    pages: int
    count: int
    approximate: bool  # more comments matched than are ranked: count is then "about"
    items: list[Hit]
    next: str | None


class Refusal(Schema):
    detail: str


class ScreenRequest(Schema):
    text: str  # the comment as its writer typed it: plain text with the forum's limited HTML


class Span(Schema):
    start: int  # character offsets into the text sent
    end: int
    text: str
    category: str
    reason: str


class ScreenVerdict(Schema):
    action: str  # "publish", "label" (published with the unverified-claim label), "hold" (for a moderator), "block"
    score: float  # the claim score, 0 to 1
    categories: list[str]
    spans: list[Span]
    reasons: list[str]
    crisis: bool  # the text reads as a person in crisis: show them help at once
    citations: list[str]  # recognised sources the text cites
    model_version: int | None  # the claim model that read it, None when only the rules did


class CoralComment(Schema):
    body: str  # HTML or text, as the phase's format is set in Coral
    parentID: str | None = None  # noqa: N815 (Coral's names)


class CoralModerationRequest(Schema):
    """Coral's ExternalModerationRequest; only the comment is read, the rest is accepted as Coral sends it."""

    action: str = "NEW"  # "NEW" or "EDIT"
    comment: CoralComment
    author: dict = {}
    story: dict = {}
    site: dict = {}
    tenantID: str = ""  # noqa: N815
    tenantDomain: str = ""  # noqa: N815


class CoralFlag(Schema):
    actionType: str  # noqa: N815 ("FLAG")
    reason: str  # "COMMENT_DETECTED_SPAM"


class CoralModerationResponse(Schema):
    """Coral's ExternalModerationResponse, as far as this forum answers it."""

    status: str  # "PREMOD" or "REJECTED"
    actions: list[CoralFlag] = []


class WriteRequest(Schema):
    text: str
    parent: int | None = None  # the number of the comment replied to
    confirmed: bool = False  # post it even though it gets the note before posting
    submission: str = Field("", max_length=64)  # the client's id for this post: a retry answers with the same one
    quote_of: int | None = None  # the number of the comment quoted
    quote: str = Field("", max_length=5_000)  # words of that comment, as it reads (forum/quoting.py)


class EditRequest(Schema):
    text: str
    confirmed: bool = False


class ReportRequest(Schema):
    reason: str  # misinformation, harassment, spam or other, as the report form offers
    note: str = Field("", max_length=500)  # anything moderators should know


class Reported(Schema):
    detail: str


class DraftRequest(Schema):
    text: str
    title: str = ""  # a new discussion's title, screened with its text
    form: str = "comment"  # comment, reply, edit or discussion


class Written(Schema):
    """The member's own comment as stored, and how it came out: "held" is seen by its author alone."""

    number: int
    url: str
    state: str  # "published" or "held"
    labelled: bool
    body_html: str
    created_at: datetime
    edited_at: datetime | None
    reasons: list[str]  # why it is held or labelled, as the page tells its author; empty otherwise
    crisis_message: str | None  # where to find help now, when it speaks of self-harm or suicide


class Marked(Schema):
    text: str
    why: str  # "" for text that is not a claim


class Note(Schema):
    """The note the forms show before posting a health claim or crisis words."""

    claim: bool
    crisis: bool
    crisis_message: str
    preview: list[Marked]  # the text, with the claims marked and why
    reasons: list[str]
    outcome: str  # what posting it unchanged does: "label" or "hold"
    if_posted: str
    cites_source: bool


class NoteFirst(Schema):
    detail: str
    note: Note


class DraftVerdict(Schema):
    note: Note | None
    cites_source: bool
    preview_html: str  # the text as the sanitiser would store it, the limited HTML included


class QueueCase(Schema):
    id: int
    state: str  # "open", or how it was decided
    post: str  # e.g. "Comment (7)"
    place: str  # the article's title
    post_url: str | None
    author: str
    score: float
    crisis: bool
    reasons: list[str]  # screening, report, new_member...
    categories: list[str]
    report_count: int
    opened_at: datetime
    decided_at: datetime | None


class QueueAppeal(Schema):
    id: int
    member: str
    crisis: bool
    against: str  # "case" or "suspension"
    case: int | None
    decision: str  # the decision appealed, as it stood
    text: str  # what the member wrote
    opened_at: datetime


class QueuePage(Schema):
    page: int
    pages: int
    count: int
    items: list[QueueCase]
    appeals: list[QueueAppeal]  # waiting appeals, on the open queue


class CaseSpan(Schema):
    start: int
    end: int
    category: str
    category_name: str


class CaseFlag(Schema):
    reason: str
    score: float
    categories: list[str]
    created_at: datetime


class CaseReport(Schema):
    reason: str
    note: str
    created_at: datetime


class CaseDetail(QueueCase):
    text: str  # the post as screened, a discussion's title first
    spans: list[CaseSpan]  # where in text the screening found what
    told_author: list[str]  # the reasons in the words the author is shown
    flags: list[CaseFlag]
    reports: list[CaseReport]
    decision_note: str
    source_url: str


class DecisionRequest(Schema):
    action: str  # approve, label, edit or reject
    note: str = ""  # shown under a labelled post
    source_url: str = ""  # a reliable source, shown under the label
    reason: str = ""  # what the author is told; needed to reject
    text: str = ""  # the edited text, for edit


class AppealDecisionRequest(Schema):
    outcome: str  # uphold, reverse, reverse_label (publish with the label) or reverse_edit (publish text)
    note: str = ""  # why; needed to uphold, and to publish a claim without the label
    text: str = ""  # the edited text, for reverse_edit
    unlabelled: bool = False  # publish a post that reads as a health claim without the label (needs a note)


class AppealDecided(Schema):
    id: int
    state: str  # "upheld" or "reversed"
    decided_at: datetime
    case: int | None
    suspension: int | None


class FrameSignInRequest(Schema):
    origin: str  # the publisher's page's origin, e.g. https://news.example.org
    token: str = Field(max_length=8000)  # the JWT the publisher signed for its reader


class FrameSignIn(Schema):
    token: str  # a frame token: Authorization: Bearer <token> on the writing operations
    name: str  # the member's display name

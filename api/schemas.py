"""What the API's answers hold: the shapes its OpenAPI schema publishes."""

from datetime import datetime

from ninja import Schema


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

"""Reads for the forum's pages; each fetches everything its page shows."""

from array import array
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.mail import DELIVERIES, PREFERENCES
from accounts.models import User
from accounts.queries import remember_verified, unread_notifications_count
from forum import permissions
from forum.models import Article, Category, Comment, Follow, Helped, ThreadVisit
from forum.presentation import present
from forum.quoting import QUOTED, Quoted
from moderation import queries as moderation_queries
from moderation.models import Appeal, Report, Suspension


# How a conversation's top-level threads may be ordered (?sort=); replies stay under their parent by number.
OLDEST, NEWEST, HELPFUL = "oldest", "newest", "helpful"
ORDERS = {OLDEST: "Oldest first", NEWEST: "Newest first", HELPFUL: "Most helpful"}


def _root_key(order: str):
    """The sort key of top-level threads for order, over (number, helped_count)."""
    if order == NEWEST:
        return lambda number, helped: -number
    if order == HELPFUL:
        return lambda number, helped: (-helped, number)
    return lambda number, helped: number


class ThreadComment:
    """A comment as its thread shows it: only the columns the page needs, read with values()
    rather than built into model instances (with their author) a thousand times a page."""

    COLUMNS = ("pk", "number", "parent_id", "author_id", "author__display_name", "author_name", "body_html",
               "status", "is_labelled", "created_at", "edited_at", "label_note", "label_source_url",
               "moderation_notice", "helped_count", "quote", *QUOTED)
    __slots__ = (*(name for name in COLUMNS if "__" not in name), "display_name", "screening", "viewer",
                 "reported_by_viewer", "helped_by_viewer", "quoted")

    def __init__(self, row: tuple):
        values = dict(zip(self.COLUMNS, row))
        member_name = values.pop("author__display_name")
        quoted = Quoted(*(values.pop(name) for name in QUOTED))
        self.quoted = quoted if quoted.number is not None else None
        for name, value in values.items():
            setattr(self, name, value)
        # As Comment.display_name: the member's name, the imported name, or "former member".
        self.display_name = member_name if self.author_id else (self.author_name or "former member")
        self.screening = {}  # read only for the viewer's own comments, whose outcome is explained
        self.viewer = NOBODY
        # Read only for the viewer's marks (viewer_comments).
        self.reported_by_viewer = self.helped_by_viewer = False

    @property
    def is_removed(self) -> bool:
        return self.status in Comment.GONE

    @property
    def is_held(self) -> bool:
        return self.status == Comment.Status.HELD


@dataclass(frozen=True)
class Viewing:
    """What the viewer may do with one comment, decided here so the thread's markup only formats."""

    mine: bool = False  # its author: sees its outcome and the moderators' notice
    reply: bool = False
    edit: bool = False  # their own, within the edit window
    delete: bool = False  # their own, not removed
    report: bool = False
    reported: bool = False  # reported by them already: no second report
    helpful: bool = False  # "This helped me" is offered: someone else's published comment
    helped: bool = False  # they said it helped them: offered as undo


NOBODY = Viewing()


@dataclass(frozen=True)
class ThreadEntry:
    """One comment in page order, with what the template needs to nest lists."""

    comment: Comment
    level: int
    has_replies: bool
    closes: range  # how many reply lists end after this comment
    placeholder: bool = False  # only its number and why it is not shown
    continued: bool = False  # on the page before: a short link heading the thread continued here


def breadcrumbs(category: Category) -> list[Category]:
    """The category's ancestors, root first, ending with the category itself."""
    trail = [category]
    while trail[0].parent_id is not None:
        trail.insert(0, trail[0].parent)
    return trail


def home_page() -> dict:
    """What is going on: active discussions, the newest comments across the site, the newest
    articles, and the topics. Five queries, each walking an index from the newest end and
    stopping at what the page shows, so its cost does not grow with the site."""
    categories = (
        Category.objects.filter(parent=None)
        .prefetch_related(Prefetch("children", queryset=Category.objects.order_by("position", "name")))
        .order_by("position", "name")
    )
    articles = Article.objects.readable().articles().select_related("category")[:8]
    return {"categories": categories, "articles": articles, "comments": newest_comments(HOME_COMMENTS),
            "discussions": active_discussions(HOME_DISCUSSIONS)}


def newest_comments(count: int) -> list[Comment]:
    """The newest published comments readers can see, newest first (the comment_published_newest index)."""
    newest = Comment.objects.filter(status=Comment.Status.PUBLISHED).order_by("-created_at", "-id")
    return _first_readable(Comment.objects.readable().select_related("article", "author")
                           .order_by("-created_at", "-id"), newest, count)


def active_discussions(count: int) -> list[Article]:
    """The board's first discussions (latest activity first, the article_kind_activity index)."""
    latest = Article.objects.discussions().order_by("-last_activity_at", "-pk")
    return _first_readable(board(), latest, count)


def _first_readable(readable, candidates, count: int) -> list:
    """The first `count` rows of `readable` among the first of `candidates` (the same rows in
    the same order, before the visibility rule): the candidates are cut by their index before
    readability is asked, so a query reads a few rows whatever the site's size. Most are
    readable; when too few are, the cut grows fourfold until the candidates run out."""
    cut = count * 4
    while True:
        rows = list(readable.filter(pk__in=Subquery(candidates.values("pk")[:cut]))[:count])
        if len(rows) == count or not candidates[cut:cut + 1].exists():
            return rows
        cut *= 4


HOME_COMMENTS = 8
HOME_DISCUSSIONS = 6


def category_page(slug: str, page_number=None) -> dict:
    """A topic: its articles (newest first) and its discussion board (latest activity first,
    paginated). A parent topic lists what its subtopics hold as well, each marked with its topic."""
    category = get_object_or_404(Category.objects.select_related("parent"), slug=slug)
    subcategories = list(category.children.order_by("position", "name"))
    topics = [category, *subcategories]
    articles = (
        Article.objects.readable().articles()
        .filter(category__in=topics).select_related("category")
        .annotate(comment_count=Count("comments", filter=Q(comments__status=Comment.Status.PUBLISHED)))
    )
    return {
        "category": category,
        "breadcrumbs": breadcrumbs(category),
        "subcategories": subcategories,
        "articles": articles,
        "board": Paginator(board(topics), 20).get_page(page_number),
    }


def board(categories: list[Category] | None = None):
    """Discussions readers can open (in these topics, or all), with their reply counts and last
    posters, latest activity first."""
    published = Comment.objects.filter(article=OuterRef("pk"), status=Comment.Status.PUBLISHED)
    last = published.order_by("-number")
    # Counted per discussion shown, not grouped over every discussion's comments before the page is cut.
    replies = published.filter(number__gt=1).order_by().values("article").annotate(n=Count("pk")).values("n")
    discussions = Article.objects.readable().discussions()
    if categories is not None:
        discussions = discussions.filter(category__in=categories)
    return (
        discussions
        .annotate(
            reply_count=Coalesce(Subquery(replies), 0),
            last_poster=Subquery(last.values("author__display_name")[:1]),
            last_poster_id=Subquery(last.values("author_id")[:1]),
            last_poster_name=Subquery(last.values("author_name")[:1]),
        )
        .select_related("started_by", "category")
        .order_by("-last_activity_at", "-pk")
    )


def readable_article(slug: str, viewer, kind: str = Article.Kind.ARTICLE) -> Article:
    """The article or discussion; not found while a discussion's opening post is hidden from
    the viewer (Article.objects.readable_by)."""
    return get_object_or_404(Article.objects.readable_by(viewer, kind=kind).select_related("category__parent"),
                             slug=slug)


def article_context(article: Article, pages: "ThreadPages", page: int) -> dict:
    """What the article's page shows besides its comments."""
    return {
        "article": article,
        "breadcrumbs": breadcrumbs(article.category),
        "references": list(article.references.all()) if not article.is_discussion else [],
        "pages": pages,
        "page": page,
    }


def _comments_among(article: Article, ids: set[int] | None):
    """The article's comments, or only those with these ids (a page's). By id alone: the ids are
    the article's, and with its id as well SQLite reads every comment of the article to pick the
    page's (18 ms at 100,000 comments)."""
    return Comment.objects.filter(article=article) if ids is None else Comment.objects.filter(pk__in=ids)


def page_comments(article: Article, pages: "ThreadPages", page: int) -> tuple[list[ThreadComment], set[int]]:
    """The comments on a page of the conversation, by number (a discussion's opening post
    first), and the ids of those among them that only head a thread continued here."""
    on_page, heading = pages.comments_on(page) if pages.count > 1 else (None, set())
    rows = _comments_among(article, on_page).order_by("number").values_list(*ThreadComment.COLUMNS)
    return [ThreadComment(row) for row in rows], heading


def viewer_comments(article: Article, viewer, among: set[int] | None = None) -> list[ThreadComment]:
    """The viewer's own comments in the conversation (or among these ids: a page's), with the
    verdicts their outcome explains, and the comments they have reported or said helped them;
    in one query."""
    marks = []
    reported = moderation_queries.reported_by(viewer, Comment)
    helped = Helped.objects.filter(member=viewer).values("comment_id")
    rows = (_comments_among(article, among).filter(Q(author=viewer) | Q(pk__in=reported) | Q(pk__in=helped))
            .annotate(viewer_reported=ExpressionWrapper(Q(pk__in=reported), output_field=BooleanField()),
                      viewer_helped=ExpressionWrapper(Q(pk__in=helped), output_field=BooleanField())))
    columns = (*ThreadComment.COLUMNS, "screening", "viewer_reported", "viewer_helped")
    for *row, screening, viewer_reported, viewer_helped in rows.order_by("number").values_list(*columns):
        comment = ThreadComment(row)
        if comment.author_id == viewer.pk:
            comment.screening = screening or {}
        comment.reported_by_viewer, comment.helped_by_viewer = viewer_reported, viewer_helped
        marks.append(comment)
    return marks


def lay_out(article: Article, comments: list[ThreadComment], heading: set[int], *, viewer_pk: int | None = None,
            marks: list[ThreadComment] = (), order: str = OLDEST) -> tuple[ThreadComment | None, list[ThreadEntry]]:
    """A page's opening post (of a discussion) and thread as one viewer sees it, or as every
    reader does when viewer_pk is None; marks are viewer_comments(); order is the top-level
    threads' (ORDERS).

    Held comments are shown only to their author, marked as awaiting moderation;
    to others a held comment with replies is a placeholder. The author of a
    removed comment keeps seeing its placeholder with the moderator's notice.
    """
    def mine(comment):
        return viewer_pk is not None and comment.author_id == viewer_pk

    def shown(comment):
        return comment.status == Comment.Status.PUBLISHED or (comment.is_held and mine(comment))

    verdicts = {mark.pk: mark.screening for mark in marks if mine(mark)}
    for comment in comments:
        comment.screening = verdicts.get(comment.pk, {})
    opening = comments.pop(0) if article.is_discussion else None
    thread = comment_thread(comments, shown=shown, kept={c.pk for c in comments if mine(c) and c.moderation_notice},
                            heading=heading, order=order)
    decide_viewing(comments + ([opening] if opening else []), article=article, mine=mine,
                   **marked(marks))
    return opening, thread


def published_count(pages: "ThreadPages", thread: list[ThreadEntry]) -> int:
    """Readers' comment count over every page (the opening post apart)."""
    if pages.count > 1:
        return pages.published
    return sum(1 for entry in thread if entry.comment.status == Comment.Status.PUBLISHED)


def marked(marks: list[ThreadComment]) -> dict:
    """decide_viewing's `reported` and `helped` from the viewer's marks (viewer_comments)."""
    return {"reported": {mark.pk for mark in marks if mark.reported_by_viewer},
            "helped": {mark.pk for mark in marks if mark.helped_by_viewer}}


def decide_viewing(comments: list[ThreadComment], *, article: Article, mine, reported: set[int],
                   helped: set[int] = frozenset()) -> None:
    """Each comment's Viewing: replies where comments are open (not to a held comment, nor to
    the opening post, which the form answers); the viewer's own comments deletable, and
    editable within the window; others' reportable once, unless held, and offered "This helped
    me" (or its undo) once published."""
    editable_since = timezone.now() - timedelta(minutes=settings.FORUM_EDIT_WINDOW_MINUTES)
    for comment in comments:
        own = mine(comment)
        kept = own and not comment.is_removed
        published = comment.status == Comment.Status.PUBLISHED
        comment.viewer = Viewing(
            mine=own,
            reply=(article.comments_open and not comment.is_held
                   and not (article.is_discussion and comment.number == 1)),
            edit=kept and comment.created_at >= editable_since,
            delete=kept,
            report=not kept and comment.pk not in reported and not comment.is_held,
            reported=not kept and comment.pk in reported,
            helpful=not own and published and comment.pk not in helped,
            helped=not own and published and comment.pk in helped,
        )


# The pages' navigation links to the first, the last and this many on each side of the current one.
NEARBY_PAGES = 2


@dataclass(frozen=True)
class ThreadPages:
    """A conversation split into pages of at most FORUM_COMMENTS_PER_PAGE comments, in thread
    order: whole top-level threads where they fit, as WordPress breaks comments into pages, and
    a thread longer than a page continued on the next, headed by the comments it hangs from.
    Numbers and permalinks stay as they are; every viewer sees the same pages, so a comment's
    page never depends on who asks. Worked out from a skeleton of the comments (ids, numbers,
    parents, states) only when there are more comments than a page holds, and kept compact
    (arrays of ids and pages), since forum.threads keeps it in the cache until the
    conversation changes."""

    article: Article | None
    count: int = 1
    on_page: tuple = ()  # per page: the ids of its comments, in thread order (the opening post apart)
    headings: tuple = ()  # per page: the ids of the comments a thread continued from the page before hangs from
    page_by_number: array = field(default_factory=lambda: array("I"))  # comment number -> its page, 0 for none
    opening: int | None = None  # a discussion's opening post, on every page
    published: int = 0  # readers' comment count over every page (the opening post apart)
    order: str = OLDEST  # of the top-level threads (ORDERS)

    @classmethod
    def of(cls, article: Article, order: str = OLDEST) -> "ThreadPages":
        per_page = settings.FORUM_COMMENTS_PER_PAGE
        if article.last_comment_number <= per_page:
            return cls(article, order=order)  # no more comments than a page holds: one page, no skeleton
        skeleton = list(Comment.objects.filter(article=article).order_by("number")
                        .values_list("pk", "number", "parent_id", "status", "helped_count"))
        opening = skeleton[0][0] if article.is_discussion and skeleton and skeleton[0][1] == 1 else None
        children, parents, roots = defaultdict(list), {}, []
        key = _root_key(order)
        for pk, number, parent_id, _, helped in skeleton:  # in number order, so each list is too
            parents[pk] = parent_id
            if pk != opening:
                children[parent_id].append(pk)
                if parent_id is None:
                    roots.append((key(number, helped), pk))
        on_page, room = [], 0
        for _, root in sorted(roots):
            thread = _subtree(root, children)
            if len(thread) > room and room < per_page:
                room = 0  # a thread that does not fit starts a page
            for pk in thread:
                if not room:
                    on_page.append(array("I"))  # and a long one goes on to the next
                    room = per_page
                on_page[-1].append(pk)
                room -= 1
        if not on_page:
            return cls(article, order=order)
        page_of_id = {pk: number for number, ids in enumerate(on_page, start=1) for pk in ids}
        page_by_number = array("I", bytes(4 * (skeleton[-1][1] + 1)))
        for pk, number, *_ in skeleton:
            page_by_number[number] = page_of_id.get(pk, 1)  # the opening post heads the first page
        published = sum(1 for pk, _, _, status, _ in skeleton if status == Comment.Status.PUBLISHED and pk != opening)
        return cls(article, count=len(on_page), on_page=tuple(on_page),
                   headings=tuple(_ancestors(ids[0], parents) for ids in on_page),
                   page_by_number=page_by_number, opening=opening, published=published, order=order)

    def page_url(self, page: int) -> str:
        """A page's address in this order."""
        url = self.article.get_page_url(page)
        return url if self.order == OLDEST else f"{url}?sort={self.order}"

    def comments_on(self, page: int) -> tuple[set[int], set[int]]:
        """The ids of the page's comments (with the opening post, on every page), and of the
        comments a thread continued from the page before hangs from, shown only as its heading."""
        chosen, heading = set(self.on_page[page - 1]), set(self.headings[page - 1])
        if self.opening is not None:
            chosen.add(self.opening)
        return chosen | heading, heading

    def page_of(self, number: int) -> int | None:
        """The page comment (number) is on, or None if there is no such comment."""
        if self.count == 1:
            return 1 if Comment.objects.filter(article=self.article, number=number).exists() else None
        return (self.page_by_number[number] or None) if 0 < number < len(self.page_by_number) else None

    def links(self, current: int) -> list[tuple[int, str, bool] | None]:
        """(page, address, is the current page) for the pages' navigation: the first and last
        pages and those near the current one, None where pages are left out between them."""
        first, last = max(current - NEARBY_PAGES, 1), min(current + NEARBY_PAGES, self.count)
        near = sorted({1, self.count, *range(first, last + 1)})
        links = []
        for before, n in zip([0, *near], near):
            if n - before > 1 and before:
                links.append(None)
            links.append((n, self.page_url(n), n == current))
        return links


def _ancestors(pk: int, parents: dict) -> tuple[int, ...]:
    """The comments pk hangs from: in thread order every earlier ancestor of a page is its first comment's."""
    found, parent = [], parents.get(pk)
    while parent is not None:
        found.append(parent)
        parent = parents[parent]
    return tuple(found)


def _subtree(root: int, children: dict) -> list[int]:
    """A comment and its replies in thread order (replies under their parent, by number), without
    recursion: a thread is as deep as FORUM_COMMENT_MAX_DEPTH allows, an import's may be deeper."""
    laid_out, stack = [], [root]
    while stack:
        pk = stack.pop()
        laid_out.append(pk)
        stack.extend(reversed(children.get(pk, ())))
    return laid_out


def comment_thread(
    comments: list[ThreadComment], shown: Callable[[Comment], bool] = lambda c: not c.is_removed,
    kept: set[int] = frozenset(), heading: set[int] = frozenset(), order: str = OLDEST,
) -> list[ThreadEntry]:
    """Lay comments out as a thread: replies under their parent, siblings by number, and the
    top-level threads in `order` (ORDERS).

    One pass groups comments by parent, one walk lays them out, so the cost is
    linear in the number of comments. A comment the viewer may not see in full
    (removed, or held for someone else) stays as a placeholder while it has
    visible replies, so the thread keeps its shape; without any it disappears,
    unless its pk is in `kept`. The comments in `heading` are those a thread continued
    from the page before hangs from: shown as a short link to where they are read.
    """
    children = defaultdict(list)
    for comment in sorted(comments, key=lambda c: c.number):
        children[comment.parent_id].append(comment)
    if order != OLDEST:
        key = _root_key(order)
        children[None].sort(key=lambda c: key(c.number, c.helped_count))

    def visible_subtree(parent_id, level):
        laid_out = []
        for comment in children.get(parent_id, ()):
            below = visible_subtree(comment.pk, level + 1)
            full = shown(comment) and comment.pk not in heading
            if below or full or comment.pk in kept:
                laid_out.append((comment, level, not full, comment.pk in heading))
                laid_out.extend(below)
        return laid_out

    flat = visible_subtree(None, 1)
    thread = []
    for index, (comment, level, placeholder, continued) in enumerate(flat):
        next_level = flat[index + 1][1] if index + 1 < len(flat) else 1
        thread.append(
            ThreadEntry(
                comment=comment,
                level=level,
                has_replies=next_level > level,
                closes=range(max(level - next_level, 0)),
                placeholder=placeholder,
                continued=continued,
            )
        )
    return thread


def member_page(pk: int, page_number) -> dict:
    """A member's public profile: name, joined, bio and their published comments, newest first."""
    member = get_object_or_404(User.objects.filter(is_active=True), pk=pk)
    comments = (
        Comment.objects.readable().filter(author=member).select_related("article").order_by("-created_at")
    )
    return {"member": member, "page": Paginator(comments, 20).get_page(page_number)}


def is_following(member, article: Article) -> bool:
    return member.is_authenticated and Follow.objects.filter(member=member, article=article, is_active=True).exists()


@dataclass(frozen=True)
class Reading:
    """What a signed-in member's page of an article needs to know about them, asked in one query:
    where they had read to (None on a first visit), whether they follow it, whether they may
    post (a verified address, no suspension or silence in force), their unread notifications and whether
    the header links to the review queue."""

    read_to: int | None
    following: bool
    verified: bool
    suspended_until: object
    silenced_until: object
    unread_notifications: int
    may_review: bool


def reading(member: User, article: Article) -> Reading:
    visit = ThreadVisit.objects.filter(member=OuterRef("pk"), article=article).values("last_seen_number")[:1]
    follow = Follow.objects.filter(member=OuterRef("pk"), article=article, is_active=True)
    row = (
        User.objects.filter(pk=member.pk)
        .annotate(**permissions.standing(), read_to=Subquery(visit), following=Exists(follow),
                  unread=unread_notifications_count(),
                  may_review=ExpressionWrapper(moderation_queries.may_review(), output_field=BooleanField()))
        .values("read_to", "following", "verified", "suspended_until", "silenced_until", "unread", "may_review")
        .get()
    )
    remember_verified(member, row["verified"])
    return Reading(read_to=row["read_to"], following=row["following"], verified=row["verified"],
                   suspended_until=row["suspended_until"], silenced_until=row["silenced_until"],
                   unread_notifications=row["unread"],
                   may_review=row["may_review"])


def member_data(member: User) -> dict:
    """Everything the forum keeps about a member, as JSON-ready data: the "download your data" file."""
    comments = (
        Comment.objects.filter(author=member).select_related("article").prefetch_related("revisions")
        .order_by("created_at")
    )
    return {
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "email": member.email,
            "display_name": member.display_name,
            "bio": member.bio,
            "joined": member.date_joined.isoformat(),
            "email_preferences": {kind: getattr(member, field) for kind, field in PREFERENCES.items()},
            "email_digests": {kind: getattr(member, field) for kind, field in DELIVERIES.items()},
            "appearance": {"theme": member.theme, "text_size": member.text_size},
            "email_addresses": list(member.emailaddress_set.values("email", "verified", "primary")),
        },
        "comments": [
            {
                "article": comment.article.title,
                "url": comment.get_absolute_url(),
                "number": comment.number,
                # A discussion's opening post: the discussion the member started, by its title.
                "starts_discussion": comment.article.title if comment.is_opening_post else None,
                "status": comment.status,
                "text": comment.body,
                # What readers are shown: the unverified-claim label, its note and source, if it carries them.
                "label": label.as_text() if (label := present(comment).label) else None,
                "notice_from_moderators": comment.moderation_notice or None,
                "posted_at": comment.created_at.isoformat(),
                "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
                "earlier_versions": [
                    {"text": revision.body, "written_at": revision.written_at.isoformat()}
                    for revision in comment.revisions.all()
                ],
            }
            for comment in comments
        ],
        "discussions_started": [
            {"title": discussion.title, "url": discussion.get_absolute_url(),
             "started_at": discussion.published_at.isoformat()}
            for discussion in Article.objects.discussions().filter(started_by=member).order_by("published_at")
        ],
        "suspensions": [
            {"kind": suspension.kind, "from": suspension.starts_at.isoformat(), "until": suspension.ends_at.isoformat(),
             "reason": suspension.reason,
             "lifted_at": suspension.lifted_at.isoformat() if suspension.lifted_at else None}
            for suspension in Suspension.objects.filter(member=member).order_by("starts_at")
        ],
        "appeals": [
            {"decision_appealed": appeal.decision, "text": appeal.text, "state": appeal.state,
             "sent_at": appeal.opened_at.isoformat(),
             "decided_at": appeal.decided_at.isoformat() if appeal.decided_at else None,
             "note_from_moderators": appeal.decision_note or None}
            for appeal in Appeal.objects.filter(member=member).order_by("opened_at")
        ],
        "notifications": [
            {"kind": note.kind, "text": note.text, "url": note.url, "at": note.created_at.isoformat(),
             "read_at": note.read_at.isoformat() if note.read_at else None}
            for note in member.notifications.all()
        ],
        "reports_made": [
            {"reason": report.reason, "note": report.note, "made_at": report.created_at.isoformat(),
             "post": report.case.post_label, "where": report.case.place_title}
            for report in Report.objects.filter(reporter=member).select_related("case")
        ],
        "following": [follow.article.title for follow in member.follows.filter(is_active=True)
                      .select_related("article")],
    }

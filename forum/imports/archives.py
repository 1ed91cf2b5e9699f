"""Reading comment archives: WordPress's export (WXR) and Disqus's XML export.

Streaming and hardened: defusedxml refuses entity declarations (no "billion laughs")
and external entities, and each record (a post's field or comment, a Disqus thread or
post) is dropped from the tree once read, so memory holds one record at a time
whatever the file's size. Pure: a file in, ArchivedArticle values out. A file that
is not well-formed, or holds a record far larger than any export's, raises
ArchiveError naming its line; read_* check the whole file first (check_xml), so an
import never stops half-way through one.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

# A record of an export (a comment with its fields, a Disqus post) holds a few dozen
# elements; one holding more is not an export, and would be read into memory whole.
MAX_RECORD_ELEMENTS = 10_000
WXR_RECORD = 3  # rss > channel > item > (a field or a comment)
DISQUS_RECORD = 1  # disqus > (a category, thread or post)


class ArchiveError(ValueError):
    """The file cannot be read as an archive of that kind; the message says where and why."""


@dataclass
class ArchivedComment:
    source: str  # its id in the archive, unique within it
    parent_source: str  # "" for a top-level comment
    author_name: str
    created_at: datetime  # aware, UTC
    html: str  # as the archive holds it, paragraphs as blank lines; sanitised when stored


@dataclass
class ArchivedArticle:
    source: str  # the post's address (or id): how it is found again
    title: str
    slug: str  # the archive's own, decoded; "" when it has none
    link: str
    author: str
    published_at: datetime | None
    html: str
    categories: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    comments: list[ArchivedComment] = field(default_factory=list)
    comments_open: bool = True


@dataclass
class Skipped:
    """What an archive held that is not imported, by reason."""

    counts: Counter = field(default_factory=Counter)

    def add(self, reason: str) -> None:
        self.counts[reason] += 1


def check_xml(path: Path, *, root: str, record: int) -> None:
    """Read the whole file once: well-formed, no entities, the expected root element,
    no record larger than MAX_RECORD_ELEMENTS."""
    for _ in _elements(path, root=root, record=record, check=True):
        pass


# What WordPress exports beside posts, counted apart so an editor sees what was left out.
WXR_LEFT_OUT = {"attachment": "attachments", "nav_menu_item": "menu items"}


def read_wxr(path: Path, skipped: Skipped, *, pages: bool = False, checked: bool = False
             ) -> Iterator[ArchivedArticle]:
    """The published posts of a WordPress export (and its pages, if `pages`) with their
    approved comments. Counted in `skipped`: pages (unless `pages`), attachments, menu
    items, other kinds of content, drafts and other unpublished posts, password-protected
    posts; pingbacks, trackbacks, spam, unapproved and trashed comments. The file is
    checked whole first (check_xml) unless `checked` says that was done already."""
    if not checked:
        check_xml(path, root="rss", record=WXR_RECORD)
    fields: dict[str, str] = {}
    categories: list[tuple[str, str]] = []
    comments: list[dict[str, str]] = []
    for level, name, element in _elements(path, root="rss", record=WXR_RECORD):
        if level == WXR_RECORD:
            if name == "comment":
                comments.append({_local(child.tag): (child.text or "").strip() for child in element})
            elif name == "category" and element.get("domain") == "category":
                categories.append((unquote(element.get("nicename", "")), (element.text or "").strip()))
            else:
                fields.setdefault(name, (element.text or "").strip())  # content:encoded before excerpt:encoded
            continue
        if level == WXR_RECORD - 1 and name == "item":
            article = _wxr_item(fields, categories, comments, skipped, pages=pages)
            if article is not None:
                yield article
        fields, categories, comments = {}, [], []


def read_disqus(path: Path, skipped: Skipped, *, checked: bool = False) -> Iterator[ArchivedArticle]:
    """Disqus threads with their posts. Counted in `skipped`: deleted and spam posts, and
    posts of a thread the export does not list.

    A Disqus export lists every thread, then every post: each thread is handed on as
    soon as its last post has been read, so only unfinished threads are held."""
    if not checked:
        check_xml(path, root="disqus", record=DISQUS_RECORD)
    listed, expected = set(), Counter()
    for _, name, element in _elements(path, root="disqus", record=DISQUS_RECORD):
        if name == "thread" and _dsq_id(element):
            listed.add(_dsq_id(element))
        elif name == "post" and not _deleted_or_spam(element):
            expected[_ref(element, "thread")] += 1
    threads: dict[str, ArchivedArticle] = {}
    waiting: dict[str, list[ArchivedComment]] = defaultdict(list)
    for _, name, element in _elements(path, root="disqus", record=DISQUS_RECORD):
        if name == "thread" and _dsq_id(element):
            threads[_dsq_id(element)] = _disqus_thread(element)
        elif name == "post" and _deleted_or_spam(element):
            skipped.add("deleted" if _text(element, "isDeleted") == "true" else "spam")
        elif name == "post" and _ref(element, "thread") not in listed:
            skipped.add("posts of threads the export does not list")
        elif name == "post":
            thread = _ref(element, "thread")
            waiting[thread].append(ArchivedComment(
                source=f"disqus:{_dsq_id(element)}", parent_source=_parent(element),
                author_name=_text(element, "author/name") or _text(element, "author/username") or "Anonymous",
                created_at=_iso(_text(element, "createdAt")), html=comment_text(_text(element, "message")),
            ))
            if len(waiting[thread]) == expected[thread]:
                article = threads.pop(thread)
                article.comments = waiting.pop(thread)
                yield article


def _elements(path: Path, *, root: str, record: int, check: bool = False):
    """(level, local name, element) for each element that ends at most `record` levels
    below the root (level 0), read whole with what it holds. Once the caller moves on it
    is dropped from its parent, with its earlier siblings, so the tree never grows; what
    lies deeper stays inside its record until the record ends. With check, every element
    is dropped as soon as it ends and none is handed on."""
    stack, inside = [], 0  # open elements; elements opened inside the current record
    try:
        with path.open("rb") as stream:
            for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=False,
                                            forbid_entities=True, forbid_external=True):
                if event == "start":
                    if not stack and _local(element.tag) != root:
                        raise ArchiveError(f"{path.name} is not a {root} export: it starts with "
                                           f"<{_local(element.tag)}>. Nothing was imported.")
                    if len(stack) > record:
                        inside += 1
                        if inside > MAX_RECORD_ELEMENTS:
                            raise ArchiveError(f"{path.name}: a <{_local(stack[record].tag)}> holds more than "
                                               f"{MAX_RECORD_ELEMENTS:,} elements, which no export's record "
                                               "does. Nothing was imported.")
                    stack.append(element)
                    continue
                stack.pop()
                level = len(stack)
                if level > record and not check:
                    continue
                if level <= record:
                    inside = 0
                    if not check:
                        yield level, _local(element.tag), element
                if stack:
                    del stack[-1][:]
    except ParseError as error:
        line, column = error.position
        raise ArchiveError(f"{path.name}, line {line}, column {column}: not well-formed XML "
                           f"({str(error).split(':')[0]}). Nothing was imported.") from error
    except DefusedXmlException as error:
        raise ArchiveError(f"{path.name}: refused, it declares XML entities ({error.__class__.__name__}), "
                           "which an export never needs and an attack would. Nothing was imported.") from error
    except OSError as error:
        raise ArchiveError(f"Cannot read {path}: {error}") from error


def _wxr_item(fields: dict[str, str], categories, comments: list[dict[str, str]], skipped: Skipped, *,
              pages: bool) -> ArchivedArticle | None:
    kind = fields.get("post_type", "")
    if kind in WXR_LEFT_OUT:
        skipped.add(WXR_LEFT_OUT[kind])
        return None
    if kind == "page" and not pages:
        skipped.add("pages (import them with --pages)")
        return None
    if kind not in ("post", "page"):
        skipped.add("other kinds of content")
        return None
    if fields.get("status") != "publish":
        skipped.add("drafts and other unpublished posts")
        return None
    if fields.get("post_password"):
        skipped.add("password-protected posts")
        return None
    post_id = fields.get("post_id", "")
    kept = []
    for comment in comments:
        kind, approved = comment.get("comment_type", ""), comment.get("comment_approved", "")
        if kind in ("pingback", "trackback"):
            skipped.add(kind + "s")
        elif approved == "spam":
            skipped.add("spam")
        elif approved != "1":
            skipped.add("unapproved or trashed")
        else:
            parent = comment.get("comment_parent", "")
            kept.append(ArchivedComment(
                source=f"wxr:{post_id}:{comment.get('comment_id', '')}",
                parent_source=f"wxr:{post_id}:{parent}" if parent not in ("", "0") else "",
                author_name=comment.get("comment_author", "") or "Anonymous",
                created_at=_wxr_date(comment.get("comment_date_gmt", ""), comment.get("comment_date", "")),
                html=comment_text(comment.get("comment_content", "")),
            ))
    link = fields.get("link", "")
    dated = fields.get("post_date_gmt") or fields.get("post_date")
    return ArchivedArticle(
        source=f"wxr:{link or post_id}", title=fields.get("title", "") or "Untitled",
        # WordPress writes a non-ASCII post name percent-encoded ("%ce%b5%cf%80..."), as in its addresses.
        slug=unquote(fields.get("post_name", "")), link=link, author=fields.get("creator", ""),
        html=fields.get("encoded", ""),
        published_at=(_wxr_date(fields.get("post_date_gmt", ""), fields.get("post_date", "")) if dated
                      else _rfc822(fields.get("pubDate", ""))),
        categories=categories, comments=kept, comments_open=fields.get("comment_status") != "closed",
    )


def _disqus_thread(thread) -> ArchivedArticle:
    link = _text(thread, "link")
    return ArchivedArticle(source=f"disqus:{link or _dsq_id(thread)}", title=_text(thread, "title") or "Untitled",
                           slug="", link=link, author=_text(thread, "author/name"),
                           published_at=_iso(_text(thread, "createdAt")) if _text(thread, "createdAt") else None,
                           html=_text(thread, "message"), comments_open=_text(thread, "isClosed") != "true")


_PARAGRAPH_BREAK = re.compile(r"\s*</p\s*>\s*<p\b[^>]*>\s*", re.IGNORECASE)
_PARAGRAPH_EDGE = re.compile(r"</?p\b[^>]*>", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)


def comment_text(html: str) -> str:
    """An archived comment as the forum keeps a comment's text: Disqus (and some WordPress
    themes) mark paragraphs and line breaks with <p> and <br>, which the comment rules do
    not allow and would run together; they become blank lines and line breaks."""
    text = _PARAGRAPH_BREAK.sub("\n\n", html)
    text = _LINE_BREAK.sub("\n", text)
    return _PARAGRAPH_EDGE.sub("\n\n", text).strip()


def _deleted_or_spam(post) -> bool:
    return _text(post, "isDeleted") == "true" or _text(post, "isSpam") == "true"


def _parent(post) -> str:
    parent = next(_children(post, "parent"), None)
    return f"disqus:{_dsq_id(parent)}" if parent is not None and _dsq_id(parent) else ""


def _ref(element, name: str) -> str:
    child = next(_children(element, name), None)
    return _dsq_id(child) if child is not None else ""


def _dsq_id(element) -> str:
    return next((value for key, value in element.attrib.items() if _local(key) == "id"), "")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str):
    return (child for child in element if _local(child.tag) == name)


def _text(element, path: str) -> str:
    for name in path.split("/"):
        element = next(_children(element, name), None)
        if element is None:
            return ""
    return (element.text or "").strip()


def _wxr_date(gmt: str, local: str) -> datetime:
    # WordPress writes "0000-00-00 00:00:00" for a GMT time it never knew; the local time is then all there is.
    value = gmt if gmt and not gmt.startswith("0000") else local
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
    except ValueError as error:
        raise ArchiveError(f"A date the export holds cannot be read: {value!r}.") from error


def _iso(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(re.sub(r"Z$", "+00:00", value))
    except ValueError as error:
        raise ArchiveError(f"A date the export holds cannot be read: {value!r}.") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _rfc822(value: str) -> datetime | None:
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None

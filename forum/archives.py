"""Reading comment archives: WordPress's export (WXR) and Disqus's XML export.

Streaming and hardened: defusedxml refuses entity declarations (no "billion laughs")
and external entities, and elements are freed as soon as they are read, so memory
does not grow with the file. Pure: a file in, ArchivedArticle values out. A file
that is not well-formed raises ArchiveError naming its line; read_* check the
whole file first (check_xml), so an import never stops half-way through one.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse


class ArchiveError(ValueError):
    """The file cannot be read as an archive of that kind; the message says where and why."""


@dataclass
class ArchivedComment:
    source: str  # its id in the archive, unique within it
    parent_source: str  # "" for a top-level comment
    author_name: str
    created_at: datetime  # aware, UTC
    html: str  # as the archive holds it; sanitised by the comment rules when stored


@dataclass
class ArchivedArticle:
    source: str  # the post's address (or id): how it is found again
    title: str
    slug: str
    link: str
    author: str
    published_at: datetime | None
    html: str
    categories: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    comments: list[ArchivedComment] = field(default_factory=list)


@dataclass
class Skipped:
    """What an archive held that is not imported, by reason."""

    counts: Counter = field(default_factory=Counter)

    def add(self, reason: str) -> None:
        self.counts[reason] += 1


def check_xml(path: Path, *, root: str) -> None:
    """Read the whole file once: well-formed, no entities, the expected root element."""
    for _ in _elements(path, root=root, depth=None):
        pass


def read_wxr(path: Path, skipped: Skipped) -> Iterator[ArchivedArticle]:
    """The published posts of a WordPress export with their approved comments; pingbacks,
    trackbacks, spam, unapproved and trashed comments are counted in `skipped`."""
    check_xml(path, root="rss")
    for name, element in _elements(path, root="rss", depth=2):  # rss > channel > item
        if name == "item":
            article = _wxr_item(element, skipped)
            if article is not None:
                yield article


def read_disqus(path: Path, skipped: Skipped) -> Iterator[ArchivedArticle]:
    """Disqus threads with their posts; deleted and spam posts are counted in `skipped`.

    A Disqus export lists every thread, then every post: each thread is handed on as
    soon as its last post has been read, so only unfinished threads are held."""
    check_xml(path, root="disqus")
    expected: Counter = Counter()
    for name, element in _elements(path, root="disqus", depth=1):
        if name == "post" and not _deleted_or_spam(element):
            expected[_ref(element, "thread")] += 1
    threads: dict[str, ArchivedArticle] = {}
    waiting: dict[str, list[ArchivedComment]] = defaultdict(list)
    for name, element in _elements(path, root="disqus", depth=1):
        if name == "thread" and _dsq_id(element):
            threads[_dsq_id(element)] = _disqus_thread(element)
        elif name == "post" and _deleted_or_spam(element):
            skipped.add("deleted" if _text(element, "isDeleted") == "true" else "spam")
        elif name == "post":
            thread = _ref(element, "thread")
            waiting[thread].append(ArchivedComment(
                source=f"disqus:{_dsq_id(element)}", parent_source=_parent(element),
                author_name=_text(element, "author/name") or _text(element, "author/username") or "Anonymous",
                created_at=_iso(_text(element, "createdAt")), html=_text(element, "message"),
            ))
            if len(waiting[thread]) == expected[thread]:
                yield _with_comments(threads, thread, waiting.pop(thread), path)
    for thread, comments in waiting.items():  # posts whose thread the export does not list
        yield _with_comments(threads, thread, comments, path)


def _elements(path: Path, *, root: str, depth: int | None):
    """(local name, element) for each element `depth` levels below the root, once it has
    been read whole; it is cleared as soon as the caller moves on. With depth None, every
    element is cleared as soon as it is read and none is handed on: a check of the file."""
    level = 0
    try:
        with path.open("rb") as stream:
            for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=False,
                                            forbid_entities=True, forbid_external=True):
                if event == "start":
                    if level == 0 and _local(element.tag) != root:
                        raise ArchiveError(f"{path.name} is not a {root} export: it starts with "
                                           f"<{_local(element.tag)}>. Nothing was imported.")
                    level += 1
                    continue
                level -= 1
                if depth is None:
                    element.clear()
                elif level == depth:
                    yield _local(element.tag), element
                    element.clear()
    except ParseError as error:
        line, column = error.position
        raise ArchiveError(f"{path.name}, line {line}, column {column}: not well-formed XML "
                           f"({str(error).split(':')[0]}). Nothing was imported.") from error
    except DefusedXmlException as error:
        raise ArchiveError(f"{path.name}: refused, it declares XML entities ({error.__class__.__name__}), "
                           "which an export never needs and an attack would. Nothing was imported.") from error
    except OSError as error:
        raise ArchiveError(f"Cannot read {path}: {error}") from error


def _wxr_item(item, skipped: Skipped) -> ArchivedArticle | None:
    if _text(item, "post_type") not in ("post", "page") or _text(item, "status") != "publish":
        skipped.add("posts not published")
        return None
    post_id = _text(item, "post_id")
    comments = []
    for comment in _children(item, "comment"):
        kind, approved = _text(comment, "comment_type"), _text(comment, "comment_approved")
        if kind in ("pingback", "trackback"):
            skipped.add(kind + "s")
        elif approved == "spam":
            skipped.add("spam")
        elif approved != "1":
            skipped.add("unapproved or trashed")
        else:
            parent = _text(comment, "comment_parent")
            comments.append(ArchivedComment(
                source=f"wxr:{post_id}:{_text(comment, 'comment_id')}",
                parent_source=f"wxr:{post_id}:{parent}" if parent not in ("", "0") else "",
                author_name=_text(comment, "comment_author") or "Anonymous",
                created_at=_wxr_date(_text(comment, "comment_date_gmt"), _text(comment, "comment_date")),
                html=_text(comment, "comment_content"),
            ))
    link = _text(item, "link")
    return ArchivedArticle(
        source=f"wxr:{link or post_id}", title=_text(item, "title") or "Untitled", slug=_text(item, "post_name"),
        link=link, author=_text(item, "creator"), html=_text(item, "encoded"),
        published_at=(_wxr_date(_text(item, "post_date_gmt"), _text(item, "post_date"))
                      if _text(item, "post_date_gmt") or _text(item, "post_date") else _rfc822(_text(item, "pubDate"))),
        categories=[(c.get("nicename", ""), (c.text or "").strip()) for c in _children(item, "category")
                    if c.get("domain") == "category"],
        comments=comments,
    )


def _disqus_thread(thread) -> ArchivedArticle:
    link = _text(thread, "link")
    return ArchivedArticle(source=f"disqus:{link or _dsq_id(thread)}", title=_text(thread, "title") or "Untitled",
                           slug="", link=link, author=_text(thread, "author/name"),
                           published_at=_iso(_text(thread, "createdAt")) if _text(thread, "createdAt") else None,
                           html=_text(thread, "message"))


def _with_comments(threads, thread: str, comments: list, path: Path) -> ArchivedArticle:
    if thread not in threads:
        raise ArchiveError(f"{path.name}: posts belong to thread {thread}, which the export does not list.")
    article = threads.pop(thread)
    article.comments = comments
    return article


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

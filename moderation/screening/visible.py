"""What readers see of a post: the visible text of its stored HTML, mapped back to what the member wrote.

Screening reads this text, not the source, so markup cannot hide a claim
("<i>Avo</i><b></b>id glutamate" reads "Avoid glutamate"). The stored HTML is
the sanitiser's own output: a few tags with double-quoted attributes, so a
small pattern reads it exactly. Each visible character is then aligned with
the source character it came from, skipping what the sanitiser removed, so
spans found in the visible text highlight what the member wrote.
"""

import html
import re
from dataclasses import dataclass

from moderation.screening.normalize import Normalized, decode_entities

# A tag as the sanitiser writes it: name, then attributes with double-quoted values.
_STORED_TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)((?:\s+[^\s=>/"]+(?:="[^"]*")?)*)\s*/?>')
_HREF = re.compile(r'\shref="([^"]*)"')
# What a member's source may hold that readers never see: comments, script and
# style blocks with their content, tags; matched only where the texts disagree.
_SOURCE_MARKUP = re.compile(
    r"<!--.*?(?:-->|$)|<(script|style)\b.*?(?:</\1\s*>|$)|</?[a-zA-Z][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>?",
    re.DOTALL | re.IGNORECASE,
)


@dataclass(frozen=True)
class Link:
    """A link's address and where its text sits in the visible text."""

    href: str
    start: int
    end: int


@dataclass(frozen=True)
class Visible:
    """The visible text, its map back to the source, and the links in it."""

    mapping: Normalized  # .text is the visible text; .original the source
    links: tuple[Link, ...] = ()

    @property
    def text(self) -> str:
        return self.mapping.text

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.mapping.original_span(start, end)


def visible_text(stored_html: str, source: str) -> Visible:
    """The text a reader sees in stored_html, each character mapped to source.

    Line breaks stay line breaks and paragraphs are separated by a blank line,
    so sentences end where readers see them end.
    """
    pieces: list[str] = []
    links: list[Link] = []
    length = 0
    open_link: tuple[str, int] | None = None
    position = 0
    for tag in _STORED_TAG.finditer(stored_html):
        if tag.start() > position:
            text = stored_html[position:tag.start()]
            if "&" in text:
                text = html.unescape(text)
            pieces.append(text)
            length += len(text)
        position = tag.end()
        name = tag.group(2)
        if name == "p":
            if length and not tag.group(1):
                pieces.append("\n\n")
                length += 2
        elif name == "a":
            if not tag.group(1):
                href = _HREF.search(tag.group(3))
                open_link = (html.unescape(href.group(1)), length) if href else None
            elif open_link:
                links.append(Link(open_link[0], open_link[1], length))
                open_link = None
    pieces.append(html.unescape(stored_html[position:]))
    text = "".join(pieces)
    return Visible(Normalized(text, _align(text, source), source), tuple(links))


def plain(source: str) -> Visible:
    """Text that is shown as it is (a discussion's title): each character is its own source."""
    return Visible(Normalized(source, list(range(len(source))), source))


def joined(first: Visible, second: Visible, separator: str = "\n\n") -> Visible:
    """Two texts shown one after the other, with sources joined by the same separator."""
    offset = len(first.mapping.original) + len(separator)
    text_offset = len(first.text) + len(separator)
    starts = (first.mapping.starts + [len(first.mapping.original) + i for i in range(len(separator))]
              + [start + offset for start in second.mapping.starts])
    links = first.links + tuple(Link(link.href, link.start + text_offset, link.end + text_offset)
                                for link in second.links)
    source = first.mapping.original + separator + second.mapping.original
    return Visible(Normalized(first.text + separator + second.text, starts, source), links)


def _align(text: str, source: str) -> list[int]:
    """For each character of text, the index in source it came from.

    Walks both at once: runs they share are taken whole; where they differ,
    markup in the source is skipped, else one source character. Entities in
    the source count as the characters they stand for. A visible character
    the source does not have (never expected) maps to the end of the source.
    """
    decoded, decoded_starts = decode_entities(source)
    starts: list[int] = []
    i = j = 0
    while j < len(text) and i < len(decoded):
        # Most runs end where the source has markup: try that whole run at once.
        markup_at = decoded.find("<", i + 1)
        run = (markup_at if markup_at != -1 else len(decoded)) - i
        if text.startswith(decoded[i:i + run], j):
            shared = run
        else:
            shared = _common_prefix(text, j, decoded, i)
        if shared:
            starts.extend(decoded_starts[i:i + shared])
            i += shared
            j += shared
            continue
        markup = _SOURCE_MARKUP.match(decoded, i) if decoded[i] == "<" else None
        i = markup.end() if markup and markup.end() > i else i + 1
    starts.extend([len(source)] * (len(text) - len(starts)))
    return starts


def _common_prefix(a: str, i: int, b: str, j: int) -> int:
    """Length of the run a[i:] and b[j:] share, found by comparing slices (quick in C)."""
    if a[i] != b[j]:
        return 0
    limit = min(len(a) - i, len(b) - j)
    shared, size, growing = 1, 1, True
    while size and shared < limit:
        step = min(size, limit - shared)
        if a[i + shared:i + shared + step] == b[j + shared:j + shared + step]:
            shared += step
            if growing:
                size *= 2
        else:
            growing = False
            size //= 2
    return shared

"""Member and editor text to safe HTML, done once when the text is written.

nh3 (the binding of the maintained Rust sanitiser ammonia) decides what is
safe; bleach's Linker only turns bare addresses into links, and its output is
cleaned by nh3 again, so safety never rests on bleach.
"""

import re
from html import unescape
from urllib.parse import urlsplit

import nh3
from bleach.html5lib_shim import HTML_TAGS, allowed_protocols
from bleach.linkifier import TLDS, Linker
from django.utils.html import strip_tags

from moderation.screening.alternation import by_first_letter

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

COMMENT_TAGS = frozenset({"a", "b", "i", "strike"})
# "*" set to nothing: without it nh3 keeps its default generic attributes (lang, title) on every tag.
COMMENT_ATTRIBUTES = {"a": {"href", "title"}, "*": set()}
# What the note under the comment form promises; kept beside the allowlist it describes.
COMMENT_HTML_NOTE = (
    "Line and paragraph breaks are automatic. "
    'Some HTML allowed: <a href="" title="">, <b>, <i>, <strike>'
)

ARTICLE_TAGS = frozenset(
    {
        "h2", "h3", "h4", "p", "br", "ul", "ol", "li", "blockquote",
        "a", "b", "i", "em", "strong", "strike", "cite", "sup", "sub",
    }
)
ARTICLE_ATTRIBUTES = {"a": {"href", "title"}, "blockquote": {"cite"}, "ol": {"start"}, "*": set()}


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Keep absolute safe addresses only, and attribute values on one line.

    Ammonia lets relative and scheme-less addresses through; the spec allows
    only http, https and mailto. Line breaks inside a value would otherwise be
    turned into <br> by the paragraph step.
    """
    value = " ".join(value.split())
    if attribute in ("href", "cite"):
        try:
            scheme = urlsplit(value).scheme.lower()
        except ValueError:
            return None
        return value if scheme in SAFE_SCHEMES else None
    return value


_strip_disallowed = nh3.Cleaner(
    tags=set(COMMENT_TAGS),
    attributes=COMMENT_ATTRIBUTES,
    url_schemes=set(SAFE_SCHEMES),
    attribute_filter=_filter_attribute,
    link_rel=None,
)
_final_comment_cleaner = nh3.Cleaner(
    tags=set(COMMENT_TAGS | {"p", "br"}),
    attributes=COMMENT_ATTRIBUTES,
    url_schemes=set(SAFE_SCHEMES),
    attribute_filter=_filter_attribute,
    link_rel="nofollow ugc noopener",
)
_article_cleaner = nh3.Cleaner(
    tags=set(ARTICLE_TAGS),
    attributes=ARTICLE_ATTRIBUTES,
    url_schemes=set(SAFE_SCHEMES),
    attribute_filter=_filter_attribute,
    link_rel="noopener",
)
# The top-level domains grouped by first letter: tried at every dot, 274 alternatives one
# by one made a text of many dots ("e.g. e.g. ...") cost 15 ms.
_TLDS = by_first_letter("(?:" + "|".join(sorted(TLDS)) + ")")
# bleach's e-mail pattern may start inside any word and run to its end, which is
# quadratic in a word's length: one 10,000-letter word took seconds, a cheap way
# to stall posting. This one starts only where an address can start and bounds
# every part (RFC 5321: 64 characters before the @, 63 per domain label), so
# linking stays linear in the text.
_EMAIL = re.compile(
    r"""(?<![-!#$%&'*+/=?^_`{{}}|~0-9A-Z.@])
    [-!#$%&'*+/=?^_`{{}}|~0-9A-Z]{{1,64}}(?:\.[-!#$%&'*+/=?^_`{{}}|~0-9A-Z]{{1,64}}){{0,16}}
    @(?:[A-Z0-9](?:[A-Z0-9-]{{0,61}}[A-Z0-9])?\.){{1,10}}(?:{tlds})(?![A-Z0-9-])""".format(tlds=_TLDS),
    re.IGNORECASE | re.VERBOSE,
)
# bleach's address pattern has the same fault on long runs of "a-a-a-" or "((((":
# here a run of brackets is entered only at its start and every domain label is
# bounded, with the same protocols and top-level domains as bleach's own.
_URL = re.compile(
    r"""(?<!\()\({{0,8}}
    \b(?<![@.])(?:(?:{protocols}):/{{0,3}}(?:(?:\w{{1,64}}:)?\w{{1,64}}@)?)?
    (?:[\w-]{{1,63}}\.){{1,10}}(?:{tlds})(?::[0-9]{{1,5}})?(?!\.\w)\b
    (?:[/?][^\s{{}}|\\^`<>"]*)?""".format(protocols="|".join(sorted(allowed_protocols)), tlds=_TLDS),
    re.IGNORECASE | re.VERBOSE | re.UNICODE,
)
# Either, to count the addresses in a run of text before handing it to the Linker.
_ADDRESS = re.compile(f"(?:{_URL.pattern})|(?:{_EMAIL.pattern})", re.IGNORECASE | re.VERBOSE | re.UNICODE)
# Bare addresses become links; the rel attribute is nh3's job, so no callbacks. Existing
# links are left as they are without skip_tags, which would escape the entities in their
# text a second time ("Diet &amp;amp; fibromyalgia").
_linker = Linker(
    callbacks=[], parse_email=True, url_re=_URL, email_re=_EMAIL,
    recognized_tags=HTML_TAGS | {"strike", "p", "br"},
)
# A link in nh3's output (attributes always double-quoted, never nested), to find those
# left without an address.
_LINK = re.compile(r'<a((?:\s[\w:-]+="[^"]*")*)>(.*?)</a>', re.DOTALL)
# Any tag in nh3's output; the text between tags is what the Linker is given.
_TAG = re.compile(r'(</?[a-z][a-z0-9]*(?:\s[\w:-]+="[^"]*")*\s*/?>)')
# At most this many bare addresses become links; past it the rest stay text. A real
# comment has a few (two already hold it for a moderator), and each costs the Linker
# about 50 µs: 2,000 of them would stall posting.
MAX_AUTO_LINKS = 50

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _line_breaks(html: str) -> str:
    """Blank lines separate paragraphs; single line breaks become <br>."""
    paragraphs = _PARAGRAPH_BREAK.split(html.strip())
    return "".join(
        "<p>" + paragraph.strip().replace("\n", "<br>\n") + "</p>"
        for paragraph in paragraphs
        if paragraph.strip()
    )


def _link_addresses(html: str) -> str:
    """Bare addresses in the text between tags become links, one run of text at a time, so
    the Linker's parser never sees the markup (3,000 nested tags cost it quadratic time);
    text inside existing links is left alone."""
    parts = _TAG.split(html)  # text, tag, text, tag, ..., text
    budget, in_link = MAX_AUTO_LINKS, False
    for index, part in enumerate(parts):
        if index % 2:
            in_link = part.startswith("<a") or (in_link and part != "</a>")
            continue
        # Every address has a dot in its domain.
        if in_link or not budget or "." not in part:
            continue
        addresses = [match.end() for match in _ADDRESS.finditer(part)]
        if not addresses:
            continue
        if len(addresses) > budget:
            cut = addresses[budget - 1]
            parts[index] = _linker.linkify(part[:cut]) + part[cut:]
        else:
            parts[index] = _linker.linkify(part)
        budget -= min(budget, len(addresses))
    return "".join(parts)


def _unlink_addressless(html: str) -> str:
    """An <a> whose address was dropped (not http, https or mailto, or none) is only its
    text: a link that goes nowhere would still look like one."""
    return _LINK.sub(lambda link: link[0] if ' href="' in link[1] else link[2], html)


def render_comment(text: str) -> str:
    """Return the safe HTML for a member's comment text.

    Allowed: <a href title>, <b>, <i>, <strike>; links get
    rel="nofollow ugc noopener" and keep only http, https and mailto addresses.
    Everything else is removed (script and style with their content) or left as
    escaped text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    html = _unlink_addressless(_strip_disallowed.clean(text))
    html = _line_breaks(html)
    html = _link_addresses(html)
    return _final_comment_cleaner.clean(html)


def render_article(html: str) -> str:
    """Return an article body cleaned to the editors' wider allowlist."""
    return _unlink_addressless(_article_cleaner.clean(html))


def plain_text(html_text: str) -> str:
    """Stored HTML as the words a reader sees, for search and snippets."""
    return " ".join(unescape(strip_tags(html_text.replace("<", " <"))).split())

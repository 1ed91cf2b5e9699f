"""Reading a saved article page in plain text: title, byline, body, references, comments.

The format is what a browser's "save as text" gives for the pages the forum
grew from: navigation lines around a title, a "By <date>" line, the body, an
optional "Research Reference:" list, numbered comments each under a date line
("(7) Name says:" after "October 6, 2010 at 12:02 am"), a "Leave a Comment" box,
and the breadcrumbs as a numbered list at the foot. Pure text in, data out.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
COMMENT_DATE = re.compile(rf"^({MONTHS}) (\d{{1,2}}), (\d{{4}}) at (\d{{1,2}}):(\d{{2}}) (am|pm)$")
COMMENT_BY = re.compile(r"^\((\d+)\) (.+?) says:$")
BYLINE = re.compile(rf"^(?:-\s*)?By\b\s*(?:(?P<month>{MONTHS}) (?P<day>\d{{1,2}}), (?P<year>\d{{4}}))?\s*$")
BREADCRUMB = re.compile(r"^\s*\d+\.\s+(.+?)\s*$")
REFERENCE_ITEM = re.compile(r"^\s*[•*-]\s*(.+)$")
DOI = re.compile(r"\b(10\.\d{4,9}/\S+?)[.,;)]?$")
COMMENT_BOX = re.compile(r"^Leave (?:a|Your) Comment$", re.IGNORECASE)
REFERENCES_HEADING = re.compile(r"^Research References?:$", re.IGNORECASE)
# Page furniture that is not part of the article.
NOISE = re.compile(r"^(Follow me on:|Discuss in my forum|You can opt-out at any time\..*)$")
NAME = re.compile(r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}$")
# A shop's advert ends with its call to action; its picture's caption lines come just before.
ADVERT_CALL = re.compile(r"\bClick Here\b", re.IGNORECASE)
CAPTION_LINE_MAX = 120
HEADING_MAX = 80


class PageFormatError(ValueError):
    """The text does not look like a saved article page."""


@dataclass
class ParsedComment:
    number: int
    author_name: str
    posted_at: datetime  # naive: the page gives no time zone
    text: str


@dataclass
class ParsedReference:
    citation: str
    doi: str = ""


@dataclass
class ParsedPage:
    title: str
    byline: str
    published_on: date | None
    breadcrumbs: list[str]
    paragraphs: list[str]
    references: list[ParsedReference] = field(default_factory=list)
    comments: list[ParsedComment] = field(default_factory=list)


def parse_page(text: str) -> ParsedPage:
    """Parse a saved page; raise PageFormatError if there is no title line to anchor on."""
    # Saved pages keep the non-breaking spaces around names ("(1)\xa0Deborah\xa0says:").
    text = text.replace("\r\n", "\n").replace("\xa0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    byline_at = next((i for i, line in enumerate(lines) if BYLINE.match(line.strip())), None)
    if byline_at is None:
        raise PageFormatError("No 'By ...' line was found, so the title cannot be located.")
    before = [i for i in range(byline_at) if lines[i].strip() and not NOISE.match(lines[i].strip())]
    if not before:
        raise PageFormatError("No title was found above the 'By ...' line.")
    title = lines[before[-1]].strip()
    author_line = lines[before[-2]].strip() if len(before) > 1 else ""
    byline = author_line if NAME.match(author_line) else ""
    match = BYLINE.match(lines[byline_at].strip())
    published_on = None
    if match.group("year"):
        published_on = datetime.strptime(
            f"{match['month']} {match['day']} {match['year']}", "%B %d %Y"
        ).date()

    end = next((i for i in range(byline_at, len(lines)) if COMMENT_BOX.match(lines[i].strip())), len(lines))
    body_lines = lines[byline_at + 1 : end]
    comments, first_comment = _comments(body_lines)
    body_lines = body_lines[:first_comment]
    body_lines, references = _references(body_lines)
    return ParsedPage(
        title=title,
        byline=byline,
        published_on=published_on,
        breadcrumbs=_breadcrumbs(lines[end:]),
        paragraphs=_paragraphs(body_lines),
        references=references,
        comments=comments,
    )


def _comments(lines: list[str]) -> tuple[list[ParsedComment], int]:
    """The comments, and the index of the line where the first one starts."""
    starts = [
        i for i in range(len(lines) - 1)
        if COMMENT_DATE.match(lines[i].strip()) and COMMENT_BY.match(lines[i + 1].strip())
    ]
    comments = []
    for k, start in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else len(lines)
        month, day, year, hour, minute, meridiem = COMMENT_DATE.match(lines[start].strip()).groups()
        hour = int(hour) % 12 + (12 if meridiem == "pm" else 0)
        posted_at = datetime.strptime(f"{month} {day} {year}", "%B %d %Y").replace(
            hour=hour, minute=int(minute)
        )
        number, name = COMMENT_BY.match(lines[start + 1].strip()).groups()
        text = "\n".join(lines[start + 2 : stop]).strip()
        text = re.sub(r"\n{3,}", "\n\n", text)
        comments.append(ParsedComment(int(number), name.strip(), posted_at, text))
    return comments, (starts[0] if starts else len(lines))


def _references(lines: list[str]) -> tuple[list[str], list[ParsedReference]]:
    heading = next((i for i, line in enumerate(lines) if REFERENCES_HEADING.match(line.strip())), None)
    if heading is None:
        return lines, []
    references = []
    for line in lines[heading + 1 :]:
        item = REFERENCE_ITEM.match(line)
        if item:
            citation = item.group(1).strip()
            doi = DOI.search(citation)
            if doi:
                # The DOI is shown once, as the reference's link, not again in its text.
                citation = re.sub(r"[\s.,;]*(?:DOI:?\s*)?" + re.escape(doi.group(1)) + r"[.,;)]?$", "", citation,
                                  flags=re.IGNORECASE).rstrip(" .,;") + "."
            references.append(ParsedReference(citation=citation, doi=doi.group(1) if doi else ""))
    return lines[:heading], references


def _breadcrumbs(lines: list[str]) -> list[str]:
    """The numbered list at the foot of the page, without the site's own name first."""
    crumbs = []
    for line in lines:
        match = BREADCRUMB.match(line)
        if match:
            crumbs.append(match.group(1))
        elif crumbs:
            break
    return crumbs[1:] if len(crumbs) > 1 else crumbs


def _paragraphs(lines: list[str]) -> list[str]:
    """The body's paragraphs, one per block of lines, without the shop adverts."""
    blocks, current = [], []
    for line in lines:
        stripped = line.strip()
        if stripped and not NOISE.match(stripped):
            current.append(stripped)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    kept = []
    for block in blocks:
        if any(ADVERT_CALL.search(line) for line in block):
            # The advert's picture caption: a block of short lines just above its call to action.
            if kept and len(kept[-1]) > 1 and all(len(line) <= CAPTION_LINE_MAX for line in kept[-1]):
                kept.pop()
            continue
        kept.append(block)
    return [" ".join(block) for block in kept]


def is_heading(paragraph: str) -> bool:
    """The one rule for a section heading in a saved page: a short paragraph that does not end
    as a sentence does (a question may be a heading)."""
    return len(paragraph) <= HEADING_MAX and paragraph[-1] not in ".!:;,\"'’”" and ". " not in paragraph

"""Recognised sources: links to research and health authorities, and citations written out.

Pure. A link counts only when its host is a recognised domain or one of its
subdomains, reached over http or https: "pubmed.evil.example",
"nih.gov.evil.example", an address hiding its host after "@", and punycode
("xn--") look-alikes do not count.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Source:
    domain: str  # e.g. "pubmed.ncbi.nlm.nih.gov"
    name: str  # e.g. "PubMed"


# Citations written in the text: a DOI with its prefix, a PubMed id, "et al." Domain
# names in plain text do not count: anyone can write "nih.gov.evil.example".
_DOI = re.compile(r"\bdoi:\s*(10\.\d{4,9}/[^\s\"<>]+)|(?<![\w/.])(10\.\d{4,9}/[^\s\"<>]+)")
_PMID = re.compile(r"\bpmid:?\s*(\d{5,9})\b")
_ET_AL = re.compile(r"\bet al\b")
_PUBMED_ID = re.compile(r"^/(?:pubmed/)?(\d{5,9})/?$")


def recognise(href: str, sources) -> Source | None:
    """The recognised source a link points to, or None."""
    try:
        parts = urlsplit(href.strip())
        host = parts.hostname or ""
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host.isascii() or "xn--" in host:
        return None
    host = host.rstrip(".")
    matches = [source for source in sources if host == source.domain or host.endswith("." + source.domain)]
    # The most specific: pubmed.ncbi.nlm.nih.gov is PubMed, not NCBI.
    return max(matches, key=lambda source: len(source.domain), default=None)


def link_citation(href: str, source: Source) -> str:
    """How a moderator reads a cited link: "PubMed 12345678", "doi:10.1000/xyz", "NHS (nhs.uk/...)"."""
    parts = urlsplit(href.strip())
    path = parts.path.rstrip("/")
    if source.domain == "doi.org" and path[1:].startswith("10."):
        return f"doi:{path[1:]}"
    pubmed = _PUBMED_ID.match(parts.path)
    if source.domain == "pubmed.ncbi.nlm.nih.gov" and pubmed:
        return f"PubMed {pubmed.group(1)}"
    return f"{source.name} ({(parts.hostname or '').removeprefix('www.')}{path})"


def text_citations(text: str) -> list[str]:
    """Citations written out in normalised text: DOIs and PubMed ids."""
    # Every DOI holds "10." and every PubMed id "pmid": most texts are spared both scans.
    found = [f"doi:{m.group(1) or m.group(2)}".rstrip(".,;)") for m in _DOI.finditer(text)] if "10." in text else []
    if "pmid" in text:
        found += [f"PubMed {m.group(1)}" for m in _PMID.finditer(text)]
    return found


def cites_in_text(text: str) -> bool:
    return bool(text_citations(text)) or bool(_ET_AL.search(text))

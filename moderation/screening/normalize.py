"""Text normalisation before matching, keeping a map back to the original text.

Obfuscation must not get a claim past the rules: HTML entities are decoded,
Unicode is NFKC-normalised and case-folded, zero-width and bidirectional
controls are dropped, look-alike letters (Cyrillic, Greek) become Latin, digits
standing in for letters inside words are read as letters, and words spelt out
letter by letter ("g.l.u.t.a.m.a.t.e", "g l u t a m a t e") are joined.
Every character of the result remembers the span of the original it came
from, so matches can be shown highlighted in what the member wrote.
"""

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters that render as nothing or reorder text: zero-width spaces and
# joiners, bidirectional marks, embeddings, overrides and isolates, soft hyphen.
INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufeff\uffa0"
)

# Letters that look like Latin ones; NFKC already folds fullwidth and styled forms.
LOOKALIKES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "σ": "o", "ς": "c", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "μ": "u",
    # Latin variants
    "ı": "i", "ł": "l", "ø": "o", "ß": "ss",
}

# Digits and symbols used for letters, read as letters only between two letters
# ("cur3s"), so numbers and doses ("500 mg", "b12") are left alone.
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
# Four or more single letters with one separator between each: "g.l.u.t.a.m.a.t.e".
_SPELLED_OUT = re.compile(r"(?<![^\W\d_])[^\W\d_](?:[ .\-_*·•/|+~]{1,2}[^\W\d_](?![^\W\d_])){3,}")
_SEPARATOR = re.compile(r"[ .\-_*·•/|+~]")
_WHITESPACE_RUN = re.compile(r"\s{2,}")


@dataclass(frozen=True)
class Normalized:
    """Normalised text and, per character, the original span it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text."""
        if end <= start:
            position = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return position, position
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=4096)
def _fold(ch: str) -> str:
    """One original character to its matching form (possibly several or none)."""
    if ch in INVISIBLE or unicodedata.category(ch) == "Cf":
        return ""
    folded = unicodedata.normalize("NFKC", ch).casefold()
    if folded.isascii():
        return folded
    folded = "".join(LOOKALIKES.get(c, c) for c in folded)
    # Accents are dropped so "glütamate" matches too.
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


def normalize(text: str) -> Normalized:
    """Return the normalised form of text with its map back to the original."""
    if text.isascii() and "&" not in text:
        # The common case, kept fast: only case folding changes characters.
        chars = list(text.lower())
        starts = list(range(len(text)))
        ends = list(range(1, len(text) + 1))
    else:
        chars, starts, ends = _fold_all(text)
    _read_leet(chars)
    folded = "".join(chars)
    folded, starts, ends = _join_spelled_out(folded, starts, ends)
    folded, starts, ends = _collapse_whitespace(folded, starts, ends)
    return Normalized(folded, tuple(starts), tuple(ends))


def _fold_all(text: str) -> tuple[list[str], list[int], list[int]]:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def emit(piece: str, start: int, end: int) -> None:
        for ch in piece:
            for out in _fold(ch):
                chars.append(out)
                starts.append(start)
                ends.append(end)

    position = 0
    for match in _ENTITY.finditer(text) if "&" in text else ():
        for index in range(position, match.start()):
            emit(text[index], index, index + 1)
        decoded = html.unescape(match.group())
        emit(decoded if decoded != match.group() else match.group(), match.start(), match.end())
        position = match.end()
    for index in range(position, len(text)):
        emit(text[index], index, index + 1)
    return chars, starts, ends


def _read_leet(chars: list[str]) -> None:
    for index in range(1, len(chars) - 1):
        if chars[index] in LEET and chars[index - 1].isalpha() and chars[index + 1].isalpha():
            chars[index] = LEET[chars[index]]


def _drop(text: str, starts: list[int], ends: list[int], drop: list[int]):
    if not drop:
        return text, starts, ends
    dropped = set(drop)
    keep = [i for i in range(len(text)) if i not in dropped]
    return "".join(text[i] for i in keep), [starts[i] for i in keep], [ends[i] for i in keep]


def _join_spelled_out(text: str, starts: list[int], ends: list[int]):
    drop = []
    for match in _SPELLED_OUT.finditer(text):
        drop.extend(match.start() + m.start() for m in _SEPARATOR.finditer(match.group()))
    return _drop(text, starts, ends, drop)


def _collapse_whitespace(text: str, starts: list[int], ends: list[int]):
    """Runs of white space become one character: a line break if the run had one."""
    drop = []
    chars = None
    for match in _WHITESPACE_RUN.finditer(text):
        drop.extend(range(match.start() + 1, match.end()))
        if "\n" in match.group() and text[match.start()] != "\n":
            chars = chars or list(text)
            chars[match.start()] = "\n"
    if chars is not None:
        text = "".join(chars)
    text, starts, ends = _drop(text, starts, ends, drop)
    return text.replace("\t", " ").replace("\r", "\n"), starts, ends

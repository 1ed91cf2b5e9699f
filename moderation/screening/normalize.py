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
# Three or more single letters with one separator between each: "g.l.u.t.a.m.a.t.e",
# "m s g". The separator must stay the same along a run, so "a.v.o.i.d g.l.u..."
# stays two words.
_SPELLED_OUT = re.compile(
    r"(?<![^\W\d_])[^\W\d_]([ .\-_*·•/|+~]{1,2})[^\W\d_](?:\1[^\W\d_])+(?![^\W\d_])"
)
_WHITESPACE_RUN = re.compile(r"\s{2,}")
_LEET = re.compile(r"(?<=[^\W\d_])[013457@$](?=[^\W\d_])")
_LEET_HINT = re.compile(r"[a-z][013457@$][a-z]", re.IGNORECASE)


@dataclass(frozen=True)
class Normalized:
    """Normalised text and, per character, the original span it came from."""

    text: str
    starts: list[int]
    ends: list[int]

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
        chars = text.lower()
        starts = list(range(len(text)))
        ends = list(range(1, len(text) + 1))
    else:
        chars, starts, ends = _fold_all(text)
    folded = _read_leet(chars)
    folded, starts, ends = _join_spelled_out(folded, starts, ends)
    folded, starts, ends = _collapse_whitespace(folded, starts, ends)
    return Normalized(folded, starts, ends)


def _fold_all(text: str) -> tuple[str, list[int], list[int]]:
    """Decode entities, then fold every character; each output character keeps its source span."""
    decoded, starts, ends = _decode_entities(text)
    table = {ord(ch): _fold(ch) for ch in set(decoded)}
    folded = decoded.translate(table)
    uneven = "".join(chr(code) for code, out in table.items() if len(out) != 1)
    if not uneven:
        return folded, starts, ends
    # Characters that vanish or expand ("\u200b", "ß") shift the offsets after them.
    sources, kept = [], 0
    for match in re.finditer("[" + re.escape(uneven) + "]", decoded):
        index = match.start()
        sources.extend(range(kept, index))
        sources.extend([index] * len(table[ord(decoded[index])]))
        kept = index + 1
    sources.extend(range(kept, len(decoded)))
    return folded, [starts[i] for i in sources], [ends[i] for i in sources]


def _decode_entities(text: str) -> tuple[str, list[int], list[int]]:
    if "&" not in text:
        return text, list(range(len(text))), list(range(1, len(text) + 1))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for match in _ENTITY.finditer(text):
        pieces.append(text[position:match.start()])
        starts.extend(range(position, match.start()))
        ends.extend(range(position + 1, match.start() + 1))
        decoded = html.unescape(match.group())
        pieces.append(decoded)
        starts.extend([match.start()] * len(decoded))
        ends.extend([match.end()] * len(decoded))
        position = match.end()
    pieces.append(text[position:])
    starts.extend(range(position, len(text)))
    ends.extend(range(position + 1, len(text) + 1))
    return "".join(pieces), starts, ends


def _read_leet(text: str) -> str:
    # One character for one, so the offsets stay as they are.
    return _LEET.sub(lambda m: LEET[m.group()], text) if _LEET_HINT.search(text) else text


def _drop(text: str, starts: list[int], ends: list[int], ranges: list[tuple[int, int]]):
    """Remove [start, end) ranges (sorted, apart) from the text and its offset lists."""
    if not ranges:
        return text, starts, ends
    pieces, new_starts, new_ends, kept = [], [], [], 0
    for start, end in ranges:
        pieces.append(text[kept:start])
        new_starts += starts[kept:start]
        new_ends += ends[kept:start]
        kept = end
    pieces.append(text[kept:])
    return "".join(pieces), new_starts + starts[kept:], new_ends + ends[kept:]


def _join_spelled_out(text: str, starts: list[int], ends: list[int]):
    """Keep every letter of a spelled-out run and none of its separators.

    The separator is the same all along a run, so its letters sit at a fixed
    stride and slicing picks them out.
    """
    runs = list(_SPELLED_OUT.finditer(text))
    if not runs:
        return text, starts, ends
    pieces, new_starts, new_ends, kept = [], [], [], 0
    for match in runs:
        stride = len(match.group(1)) + 1
        pieces.append(text[kept:match.start()])
        pieces.append(text[match.start():match.end():stride])
        new_starts += starts[kept:match.start()] + starts[match.start():match.end():stride]
        new_ends += ends[kept:match.start()] + ends[match.start():match.end():stride]
        kept = match.end()
    pieces.append(text[kept:])
    return "".join(pieces), new_starts + starts[kept:], new_ends + ends[kept:]


def _collapse_whitespace(text: str, starts: list[int], ends: list[int]):
    """Runs of white space become one character: a line break if the run had one."""
    runs = [(m.start(), m.end(), "\n" in m.group()) for m in _WHITESPACE_RUN.finditer(text)]
    if any(line_break and text[start] != "\n" for start, _, line_break in runs):
        chars = list(text)
        for start, _, line_break in runs:
            if line_break:
                chars[start] = "\n"
        text = "".join(chars)
    text, starts, ends = _drop(text, starts, ends, [(start + 1, end) for start, end, _ in runs])
    return text.replace("\t", " ").replace("\r", "\n"), starts, ends

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
from operator import itemgetter
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
    """Normalised text and, per character, where in the original it starts.

    Where it ends is worked out only for the few spans that are asked for: one
    character, or a whole HTML entity when it came from one.
    """

    text: str
    starts: list[int]
    original: str

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text."""
        if not self.starts:
            return 0, 0
        if end <= start:
            position = self.starts[start] if start < len(self.starts) else self._end_of(self.starts[-1])
            return position, position
        return self.starts[start], self._end_of(self.starts[end - 1])

    def _end_of(self, position: int) -> int:
        if position >= len(self.original):
            return len(self.original)
        entity = _ENTITY.match(self.original, position) if self.original[position] == "&" else None
        return entity.end() if entity else position + 1


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
        folded, starts = text.lower(), list(range(len(text)))
    else:
        folded, starts = _fold_all(text)
    folded = _read_leet(folded)
    folded, starts = _join_spelled_out(folded, starts)
    folded, starts = _collapse_whitespace(folded, starts)
    return Normalized(folded, starts, text)


def _fold_all(text: str) -> tuple[str, list[int]]:
    """Decode entities, then fold every character, keeping where each came from."""
    decoded, starts = decode_entities(text)
    table = {ord(ch): _fold(ch) for ch in set(decoded)}
    folded = decoded.translate(table)
    uneven = "".join(chr(code) for code, out in table.items() if len(out) != 1)
    if not uneven:
        return folded, starts
    # Characters that vanish or expand ("\u200b", "ß") shift the offsets after them.
    sources, kept = [], 0
    for match in re.finditer("[" + re.escape(uneven) + "]", decoded):
        index = match.start()
        sources.extend(range(kept, index))
        sources.extend([index] * len(table[ord(decoded[index])]))
        kept = index + 1
    sources.extend(range(kept, len(decoded)))
    return folded, _pick(starts, sources)


def _pick(values: list[int], indexes: list[int]) -> list[int]:
    """values[i] for each index; itemgetter does it in C, far quicker than a comprehension."""
    if len(indexes) < 2:
        return [values[i] for i in indexes]
    return list(itemgetter(*indexes)(values))


@lru_cache(maxsize=1024)
def _unescape(entity: str) -> str:
    return html.unescape(entity)


def decode_entities(text: str) -> tuple[str, list[int]]:
    """Text with HTML entities decoded and, per character, where in text it starts."""
    if "&" not in text:
        return text, list(range(len(text)))
    pieces: list[str] = []
    starts: list[int] = []
    position = 0
    for match in _ENTITY.finditer(text):
        pieces.append(text[position:match.start()])
        starts.extend(range(position, match.start()))
        decoded = _unescape(match.group())
        pieces.append(decoded)
        starts.extend([match.start()] * len(decoded))
        position = match.end()
    pieces.append(text[position:])
    starts.extend(range(position, len(text)))
    return "".join(pieces), starts


def _read_leet(text: str) -> str:
    # One character for one, so the offsets stay as they are.
    return _LEET.sub(lambda m: LEET[m.group()], text) if _LEET_HINT.search(text) else text


def _keep(text: str, starts: list[int], ranges: list[tuple[int, int, int]]) -> tuple[str, list[int]]:
    """Rebuild text and offsets from (start, end, step) slices that are kept."""
    pieces, new_starts = [], []
    for start, end, step in ranges:
        pieces.append(text[start:end:step])
        new_starts.extend(starts[start:end:step])
    return "".join(pieces), new_starts


def _join_spelled_out(text: str, starts: list[int]) -> tuple[str, list[int]]:
    """Keep every letter of a spelled-out run and none of its separators.

    The separator is the same all along a run, so its letters sit at a fixed
    stride and slicing picks them out.
    """
    ranges, kept = [], 0
    for match in _SPELLED_OUT.finditer(text):
        ranges.append((kept, match.start(), 1))
        ranges.append((match.start(), match.end(), len(match.group(1)) + 1))
        kept = match.end()
    if not ranges:
        return text, starts
    ranges.append((kept, len(text), 1))
    return _keep(text, starts, ranges)


def _collapse_whitespace(text: str, starts: list[int]) -> tuple[str, list[int]]:
    """Runs of white space become one character: a line break if the run had one."""
    ranges, kept, line_breaks = [], 0, []
    for match in _WHITESPACE_RUN.finditer(text):
        ranges.append((kept, match.start() + 1, 1))
        if "\n" in match.group() and text[match.start()] != "\n":
            line_breaks.append(match.start())
        kept = match.end()
    if line_breaks:
        chars = list(text)
        for index in line_breaks:
            chars[index] = "\n"
        text = "".join(chars)
    if ranges:
        ranges.append((kept, len(text), 1))
        text, starts = _keep(text, starts, ranges)
    return text.replace("\t", " ").replace("\r", "\n"), starts

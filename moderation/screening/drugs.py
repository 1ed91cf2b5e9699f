"""Medicines named in normalised text: drug names, brands and synonyms from a maintained dictionary
(lexicon/drug_names.txt, exported from drug-named-entity-recognition by `manage.py
export_drug_lexicon`), and the everyday words for kinds of medicine ("blood thinners", "the pill").

Pure: text in, spans out. The lexicon is read once per process, as a set of one-word names and,
for names of several words, their words by the first; a text is looked up word by word, so the
cost is the text's length whatever the lexicon's.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from moderation.screening.alternation import by_first_letter

LEXICON_FILE = Path(__file__).resolve().parent / "lexicon" / "drug_names.txt"
# Names the dictionary lacks, kept by hand beside the export.
SUPPLEMENT_FILE = LEXICON_FILE.with_name("supplement.txt")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_WORD_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")

# Kinds of medicine, as members name them: a directive to stop or change any of them is as risky
# as one that names the drug.
KINDS = re.compile(r"(?<![a-z0-9_])" + by_first_letter(
    r"(?:blood[- ]thinners?|anticoagulants?|anti-?coagulants?|statins?|antidepressants?|anti-?depressants?"
    r"|ssris?|snris?|maois?|tricyclics?|mood stabili[sz]ers?|antipsychotics?|anti-?psychotics?|neuroleptics?"
    r"|biologic (?:drugs?|medications?|injections?)|biologics?|steroid (?:creams?|inhalers?|tablets?|pills?"
    r"|injections?)|steroids?|corticosteroids?|insulin|thyroid (?:pills?|tablets?|medications?|meds|hormones?)"
    r"|(?:blood[- ]pressure|bp|heart|cholesterol|diabetes|seizure|epilepsy|adhd|sleeping|sleep|water|pain"
    r"|anxiety|migraine|arthritis|psych|psychiatric|mental health) (?:pills?|tablets?|meds|medications?"
    r"|medicines?|drugs?)|(?:preventer |reliever |brown |blue )?inhalers?|puffers?|(?:asthma|inhaler) pumps?"
    r"|preventers?|antibiotics?|anti-?biotics?|antiepileptics?"
    r"|anti-?epileptics?"
    r"|anticonvulsants?|anti-?convulsants?|immunosuppressants?|immuno-?suppressants?|stimulants?"
    r"|sleeping pills?|sleeping tablets?|painkillers?|pain killers?|opioids?|opiates?|narcotics?"
    r"|the pill|birth control(?: pills?)?|contraceptives?|the coil|hrt|hormone replacement(?: therapy)?"
    r"|chemo(?:therapy)?|radiotherapy|immunotherapy|beta[- ]blockers?|ace inhibitors?|diuretics?"
    r"|water pills?|benzos?|benzodiazepines?|sedatives?|tranquili[sz]ers?|muscle relaxants?|nsaids?"
    r"|anti-?inflammatories|antihistamines?|anti-?histamines?|epipens?|epi-?pens?|injections?|jabs?"
    r"|meds|medications?|medicines?|prescriptions?|prescribed (?:drugs?|medications?|medicines?)|tablets|pills)"
) + r"(?![a-z0-9_])")


# A medicine named by what it is for and the form it comes in, whatever the first word: "the iron
# tablets", "eye drops", "b12 injections", "hiv meds". Not "my pills" or "those drops".
FORM = re.compile(r"(?<=[a-z0-9] )(?:tablets?|pills?|capsules?|injections?|jabs?|shots?|drops|sprays?|patches"
                  r"|gummies|meds|medications?|medicines?)(?![a-z0-9_])")
_MODIFIER = re.compile(r"(?<![a-z0-9_'-])[a-z0-9][a-z0-9-]* $")
_NOT_MODIFIERS = frozenset({"my", "your", "ur", "his", "her", "their", "our", "its", "the", "a", "an", "some", "any",
                            "those", "these", "this", "that", "of", "on", "off", "all", "no", "more", "few", "and",
                            "or", "to", "with", "for", "taking", "using", "extra", "double", "two", "three",
                            # Medicine as a field: "herbal medicine", "functional medicine".
                            "natural", "alternative", "herbal", "chinese", "functional", "holistic", "western",
                            "modern", "conventional", "traditional", "integrative", "lifestyle", "sports", "family",
                            "internal", "emergency", "general", "evidence-based", "preventive", "preventative"})


@dataclass(frozen=True)
class Lexicon:
    single: frozenset[str]
    several: dict[str, tuple[tuple[str, ...], ...]]  # first word -> the rest of each name, longest first
    source: str  # the package and version it was exported from
    first_words: frozenset[str]  # every name's first word: a text without one names no medicine


def lexicon_lines(version: str, names: list[str]) -> list[str]:
    """The lexicon file: a header naming its source, then one name per line."""
    return [f"# drug-named-entity-recognition {version}: {len(names):,} names (manage.py export_drug_lexicon)",
            *names]


@cache
def lexicon() -> Lexicon:
    """The exported lexicon, read once per process."""
    lines = LEXICON_FILE.read_text(encoding="utf-8").splitlines()
    source = lines[0].lstrip("# ").split(":")[0] if lines and lines[0].startswith("#") else ""
    names = [line for line in lines + supplement() if line and not line.startswith("#")]
    several: dict[str, list[tuple[str, ...]]] = {}
    for name in names:
        words = name.split()
        if len(words) > 1:
            several.setdefault(words[0], []).append(tuple(words[1:]))
    single = frozenset(name for name in names if " " not in name)
    return Lexicon(
        single=single,
        several={first: tuple(sorted(rests, key=len, reverse=True)) for first, rests in several.items()},
        source=source,
        first_words=single | several.keys(),
    )


def supplement() -> list[str]:
    """The names kept by hand that the dictionary lacks."""
    lines = SUPPLEMENT_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def mentions(text: str) -> list[tuple[int, int]]:
    """Spans of medicines named in normalised text, by name or by kind, in order and apart."""
    return apart(_named(text) + [match.span() for match in KINDS.finditer(text)] + _by_form(text))


def _by_form(text: str) -> list[tuple[int, int]]:
    spans = []
    for form in FORM.finditer(text):
        modifier = _MODIFIER.search(text, max(0, form.start() - 30), form.start())
        if modifier and modifier.group().rstrip() not in _NOT_MODIFIERS:
            start = modifier.start()
            # "the vitamin k jab", "vitamin d tablets": the vitamin is named in two words.
            spans.append((start - len("vitamin ") if text.endswith("vitamin ", 0, start) else start, form.end()))
    return spans


def apart(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in order, each overlapping one left out for the longest that starts first."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def _named(text: str) -> list[tuple[int, int]]:
    """Names from the lexicon, each whole words of the text, the longest that starts at a word."""
    known = lexicon()
    # Only the words of the text that begin a name are looked for (most texts have none, or a few):
    # a match object for each of a long text's words would cost more than all the rest.
    spans = []
    for name in known.first_words.intersection(_WORD.findall(text)):
        at = text.find(name)
        while at != -1:
            end = at + len(name)
            if _whole_word(text, at, end) and (span := _name_at(text, known, name, at, end)):
                spans.append(span)
            at = text.find(name, at + 1)
    return sorted(spans)


def _name_at(text: str, known: Lexicon, name: str, start: int, end: int) -> tuple[int, int] | None:
    """The longest name that starts with the word at start, its words one space apart."""
    for rest in known.several.get(name, ()):
        position = end
        for word in rest:
            following = _WORD.match(text, position + 1) if text.startswith(" ", position) else None
            if following is None or following.group() != word:
                break
            position = following.end()
        else:
            return start, position
    return (start, end) if name in known.single else None


def _whole_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is one of the words _WORD finds in the text, not part of one."""
    before, after = text[max(0, start - 2):start], text[end:end + 2]
    return not (before[-1:] in _WORD_CHARACTERS or (before[-1:] == "-" and before[:1] in _WORD_CHARACTERS)
                or after[:1] in _WORD_CHARACTERS or (after[:1] == "-" and after[1:] in _WORD_CHARACTERS))

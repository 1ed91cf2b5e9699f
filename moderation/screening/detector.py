"""The health-claim detector: assertive, unsupported health claims and advice.

Works on normalised text (see normalize.py) and returns findings in its
coordinates. A claim is recognised by its structure rather than by trigger
words alone: an effect or causal verb near a condition ("X causes Y", "cures",
"lowers the risk of"), an imperative with a health subject ("avoid dietary
glutamate"), a change to medication, a dose, certainty ("at all costs",
"proven"), distrust of medicine ("big pharma") or a miracle product.

Each finding has a weight; the sentence it sits in can lower it: a question,
hedging, personal experience, a hypothetical. A cited source (DOI, PubMed, a
health authority's site) lowers the whole text. Directives and medication
changes are lowered less, so a citation never erases "stop taking your
medication". The score combines the weights as independent evidence.

The words come from vocabulary.py, the rules that pair them from claim_rules.py, the stances
that lower a finding from stance.py; this module finds the rules' spans and reads each
sentence's context.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import islice

from moderation.screening import drugs
from moderation.screening.claim_rules import (
    CAUSAL, DERIVED, DIRECTIVE, FIRM_CATEGORIES, FIRM_REASONS, MIRACLE, RULES, Directive, Near,
)
from moderation.screening.model import MAX_CHARS as MODEL_MAX_CHARS
from moderation.screening.sources import cites_in_text
from moderation.screening.stance import (
    ASPIRATION, ASPIRATION_FACTOR, BENEFIT, CITATION_FACTOR, CLEFT, CLEFT_AGAIN, CONTRAST, DEFERS, DEFERS_FACTOR,
    DENIAL, DIRECTIVE_MIN_FACTOR, DISBELIEF, HEARSAY, HEDGE, HEDGE_FACTOR, HYPOTHETICAL, HYPOTHETICAL_FACTOR,
    NEGATED_SCOPE, NEGATION, NEGATION_REACH, NEWS, NEWS_FACTOR, PERSONAL, PERSONAL_FACTOR, PRECAUTION, QUESTION_FACTOR,
    REFUTATION_FACTOR, RHETORICAL, SAFETY, SCEPTICISM, SCEPTICISM_FACTOR, SCOPE_END, TREATMENT,
)
from moderation.screening.vocabulary import (
    DIRECTIVE_REACH, DRUG_STEM, FILLER, IMPERATIVE_LEAD, IMPERATIVE_REACH, PRONOUN, REDOSE, REFERENT_REACH,
    SENTENCE_OPENING, VOCABULARY, Words,
)

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    category: str
    reason: str
    weight: float


@dataclass(frozen=True)
class Detection:
    score: float
    findings: tuple[Finding, ...]
    mitigations: tuple[str, ...]
    cited: bool = False
    # How much the text's own context lowers a claim the trained model reads in it: the
    # model weighs words, not sentences, so each kind of mitigation anywhere in the text
    # (a question, doubt, a wish, experience, a citation ...) counts once.
    context_factor: float = 1.0
    # Short windows of a long text for the model to read as well as the whole, so that
    # greetings and small talk never dilute a claim: (start, end, their own context factor).
    windows: tuple[tuple[int, int, float], ...] = ()
    # The sentences that name a medicine and a change to one ("stop", "halve", "bin", "you don't
    # need"): a claim the model reads in one is held as a medicine change the rules' wording missed.
    medicine_changes: tuple[tuple[int, int], ...] = ()

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.category for f in sorted(self.findings, key=lambda f: -f.weight)))


def detect(text: str, *, cited: bool = False) -> Detection:
    """Score normalised text for unsupported health claims; findings index text.

    cited says the post links to a recognised source (sources.py); a DOI or
    PubMed id written in the text counts too.
    """
    scan = _Scan(text, cited)
    findings: list[Finding] = []
    for category, weight, source, reason in RULES:
        if isinstance(source, Near):
            spans = scan.pair(source, limit=RULE_FINDINGS_LIMIT)
        elif isinstance(source, Directive):
            spans = scan.directives(source, limit=RULE_FINDINGS_LIMIT)
        else:
            spans = scan.matches(source, limit=RULE_FINDINGS_LIMIT)
        for start, end in spans:
            sentence = scan.sentence(start)
            factor = scan.factor(sentence)
            # A claim that a medicine can be done without, reported and then disbelieved, is not held
            # ("someone said cinnamon replaces metformin, I don't believe it"); telling readers is.
            disbelieved = isinstance(source, Directive) and not source.imperative and scan.disbelieved(end)
            # Nor is a miracle product doubted ("no good evidence that enemas detox the liver"), or advice
            # on taking a medicine safely ("never take ibuprofen on an empty stomach").
            precaution = category == DIRECTIVE and scan.precaution(sentence)
            if precaution:
                factor *= DEFERS_FACTOR
            softened = disbelieved or precaution or (category == MIRACLE and scan.has(sentence, "doubts a claim"))
            if (category in FIRM_CATEGORIES or reason in FIRM_REASONS) \
                    and not scan.has(sentence, "defers to a professional") and not softened:
                factor = max(factor, DIRECTIVE_MIN_FACTOR)
            elif category == CAUSAL and scan.negated(start, end):
                factor *= REFUTATION_FACTOR
            start, end = _trim(text, start, end)
            findings.append(Finding(start, end, category, reason, round(weight * factor, 3)))
    # The model's context is read where the model reads: a refutation at the end of a 100 KB text
    # does not lower what it found at the start, and a long text costs no more to read.
    return Detection(_combine(findings), tuple(findings), scan.mitigations(), scan.cited,
                     scan.context_factor(0, min(len(text), MODEL_MAX_CHARS)), scan.windows(),
                     scan.medicine_changes())


MITIGATIONS = (
    (HEDGE, HEDGE_FACTOR, "hedged"),
    (PERSONAL, PERSONAL_FACTOR, "personal experience"),
    (HYPOTHETICAL, HYPOTHETICAL_FACTOR, "hypothetical or figurative"),
    (ASPIRATION, ASPIRATION_FACTOR, "charity, awareness or a wish"),
    (NEWS, NEWS_FACTOR, "reports research or an authority's action"),
    (SCEPTICISM, SCEPTICISM_FACTOR, "doubts a claim"),
    (DEFERS, DEFERS_FACTOR, "defers to a professional"),
)
# What lowers the model's score wherever it is in the text: a stance no claim takes (doubting
# a claim, a wish or charity, sending readers to their doctor or telling them to keep to what
# was prescribed) and, in context_factor, a genuine question and a citation. Not
# hedging or experience: "I think sugar feeds cancer" and "it worked for me, so it will work
# for you" are claims all the same, which the model reads better than a rule.
MODEL_MITIGATIONS = ((SCEPTICISM, SCEPTICISM_FACTOR), (ASPIRATION, ASPIRATION_FACTOR), (DEFERS, DEFERS_FACTOR),
                     (SAFETY, DEFERS_FACTOR), (NEWS, NEWS_FACTOR))
# A rule's first findings decide everything: past a few the score is saturated
# (1 - 0.8**50 rounds to 1.0) and a moderator gains nothing from more
# highlights, so a long hostile text stops costing time there.
RULE_FINDINGS_LIMIT = 50
# The model reads windows of a text with at least this many sentences (of WINDOW_MIN_WORDS words or
# more): each sentence, and each two in a row. Cross-validated, windows of shorter texts (most
# tweets) found no more claims and flagged more that were not; a long post's windows are capped
# (at the first 100 sentences, more than a comment at its length limit holds).
WINDOW_MIN_SENTENCES = 3
WINDOW_MIN_WORDS = 3
WINDOW_MIN_CHARS = 300
MAX_WINDOWS = 200
_WORD_START = re.compile(r"(?:^|\W)\w")
# Where a sentence may end and the next deny it (DENIAL read from there); which are sentence ends is
# checked against the sentences found.
_DENIAL_AFTER_END = re.compile(rf"(?<=[.!?\n])(?={DENIAL.pattern})")
MEDICINE_PRONOUN = re.compile(r"\b(?:it|them)\b")
# The verbs that stop, swap or re-dose a medicine wherever they stand ("give" and "cut" need the
# rules' wording, "you don't need" the medicine just after it); the writer as subject, and their own medicine.
CHANGE_VERBS = ("stop_verb",)
_REDOSE = re.compile(rf"\b(?:{REDOSE})\b")
_FIRST_PERSON = re.compile(r"\b(?:i|we|i'?m|i'?ve|we'?re|we'?ve)\b")
_OWN = re.compile(r"\b(?:my|our) $")
# A pronoun after a directive's verb stands for a medicine only where the words say it is taken.
_TAKEN = re.compile(r"\b(?:off|taking|using|on)\b")
# Verbs that can only mean getting rid of it, so "bin them" after a medicine is of the medicine.
_DISCARDING = re.compile(r"(?:bin|ditch|chuck|flush|dump|drop)\b")


class _Scan:
    """One text's sentences, vocabulary spans and mitigations, each found once."""

    def __init__(self, text: str, cited: bool = False):
        self.text = text
        self.sentence_ends = [m.end() for m in _SENTENCE.finditer(text)]
        self.cited = cited or cites_in_text(text)
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._factors: dict[int, float] = {}
        self._contexts: dict[int, list[tuple[str, float]]] = {}
        self._medicine_referents: frozenset[tuple[int, int]] | None = None
        self._denials: frozenset[int] | None = None

    def sentence(self, position: int) -> int:
        return bisect_right(self.sentence_ends, position)

    def matches(self, pattern: re.Pattern | Words, limit: int | None = None) -> list[tuple[int, int]]:
        return [m.span() for m in islice(pattern.finditer(self.text), limit)]

    def spans(self, name: str) -> list[tuple[int, int]]:
        if name not in self._spans:
            derived = DERIVED.get(name)
            if name == "substance_or_referent":
                self._spans[name] = self._substances_and_referents()
            elif name == "drug":
                self._spans[name] = self._medicines()
            else:
                self._spans[name] = self.pair(derived) if derived else self.matches(VOCABULARY[name])
        return self._spans[name]

    def _medicines(self) -> list[tuple[int, int]]:
        """Medicines named by the lexicon or by kind, and generics known by their stems."""
        return drugs.apart(drugs.mentions(self.text) + [m.span() for m in DRUG_STEM.finditer(self.text)])

    def directives(self, directive: Directive, limit: int | None = None) -> list[tuple[int, int]]:
        """Each verb of the directive with the medicine it acts on (the verb to the medicine)."""
        found = []
        verbs = self.spans(directive.verbs)
        medicines = self._medicines_and_referents() if verbs else []
        referents = self._medicine_referents or frozenset()
        starts = [start for start, _ in medicines]
        for verb_start, verb_end in verbs:
            index = bisect_left(starts, verb_end)
            if index == len(medicines):
                continue
            start, end = medicines[index]
            if (start - verb_end > DIRECTIVE_REACH or not FILLER.fullmatch(self.text, verb_end, start)
                    or self.sentence(verb_start) != self.sentence(end - 1)):
                continue
            # "stop it" is said of many things; "come off it", "stop taking them", "bin them" and
            # "cinnamon replaces it", after a medicine, of the medicine.
            if (start, end) in referents and directive.imperative \
                    and not _TAKEN.search(self.text, verb_start, start) \
                    and not _DISCARDING.match(self.text, verb_start):
                continue
            if directive.negatable and NEGATION.search(self.text, max(0, verb_start - 30), verb_start):
                continue
            if directive.imperative and not self._imperative(verb_start):
                continue
            if directive.then is not None:
                after = directive.then.match(self.text, end)
                if after is None:
                    continue
                end = after.end()
            found.append((verb_start, end))
            if limit and len(found) >= limit:
                break
        return found

    def _medicines_and_referents(self) -> list[tuple[int, int]]:
        """Medicines, and "it" or "them" within reach after one: "if your son is on Ritalin, take him off it"."""
        if self._medicine_referents is None:
            medicines = self.spans("drug")
            self._medicine_referents = frozenset(self._referents(medicines, MEDICINE_PRONOUN))
            self._spans["drug_or_referent"] = sorted(set(medicines) | self._medicine_referents)
        return self._spans["drug_or_referent"]

    def _substances_and_referents(self) -> list[tuple[int, int]]:
        """Substances, and pronouns within reach after one (which stand for it)."""
        substances = self.spans("substance")
        if not substances:
            return []
        return sorted(substances + self._referents(substances, PRONOUN))

    def _referents(self, spans: list[tuple[int, int]], pronouns: re.Pattern | Words) -> list[tuple[int, int]]:
        """The pronouns within REFERENT_REACH after one of the spans, which stand for it."""
        ends = [end for _, end in spans]
        return [(start, end) for start, end in self.matches(pronouns)
                if (before := bisect_right(ends, start)) and start - ends[before - 1] <= REFERENT_REACH]

    def medicine_changes(self) -> tuple[tuple[int, int], ...]:
        """The sentences where a medicine and a verb that changes one both stand, neither the writer's
        own: not "I quit the antidepressants too fast" or "stopping my statins was a mistake"."""
        verbs = [span for name in CHANGE_VERBS for span in self.spans(name)]
        verbs += [match.span() for match in _REDOSE.finditer(self.text)]
        if not verbs:
            return ()
        changed = {self.sentence(start) for start, _ in verbs
                   if not _FIRST_PERSON.search(self.text, self._bounds(self.sentence(start))[0], start)}
        named = changed & {self.sentence(start) for start, _ in self.spans("drug")
                           if not _OWN.search(self.text, max(0, start - 4), start)}
        return tuple(_trim(self.text, *self._bounds(sentence)) for sentence in sorted(named))

    def _imperative(self, position: int) -> bool:
        """Whether the verb at position opens its sentence or follows "you should", "just" and the like."""
        sentence = self.sentence(position)
        start = self.sentence_ends[sentence - 1] if sentence else 0
        if position - start <= 8 and SENTENCE_OPENING.fullmatch(self.text, start, position):
            return True
        lead = self.text[max(start, position - IMPERATIVE_REACH):position]
        return bool(IMPERATIVE_LEAD.search(lead))

    def pair(self, near: Near, limit: int | None = None) -> list[tuple[int, int]]:
        """For each span of near.first, the closest span of near.second in reach (at most limit)."""
        # The second vocabulary first: it is often empty, and then the first need not be found.
        seconds = self.spans(near.second)
        firsts = self.spans(near.first) if seconds else []
        if not firsts:
            return []
        sentence_ends = self.sentence_ends
        starts = [start for start, _ in seconds]
        by_end = sorted(seconds, key=lambda span: span[1])
        ends = [end for _, end in by_end]
        gap = near.gap
        paired = []
        for start, end in firsts:
            best = None  # (distance, span)
            after = bisect_left(starts, start)
            for second_start, second_end in seconds[after:after + 2]:  # inside this span, or next after it
                if second_end <= end:
                    best = (0, (start, end))
                    break
                if 0 <= second_start - end <= gap:
                    best = (second_start - end, (start, second_end))
                    break
            if not near.ordered:
                before = bisect_right(ends, start) - 1
                if before >= 0 and start - ends[before] <= gap and (best is None or start - ends[before] < best[0]):
                    best = (start - ends[before], (by_end[before][0], end))
            if best:
                sentence = bisect_right(sentence_ends, start)
                if (bisect_right(sentence_ends, best[1][0]) == sentence == bisect_right(sentence_ends, best[1][1] - 1)
                        # Checked last: only verbs with a substance in reach get here.
                        and (not near.imperative or self._imperative(start))):
                    paired.append(best[1])
                    if limit and len(paired) >= limit:
                        break
        return paired

    def factor(self, sentence: int) -> float:
        """How much the context of a sentence lowers what is found in it."""
        if sentence not in self._factors:
            factor = CITATION_FACTOR if self.cited else 1.0
            for name, value in self._context(sentence):
                factor *= value
            self._factors[sentence] = factor
        return self._factors[sentence]

    def has(self, sentence: int, mitigation: str) -> bool:
        """Whether the sentence's context includes the named mitigation ("defers to a professional")."""
        return any(name == mitigation for name, _ in self._context(sentence))

    def precaution(self, sentence: int) -> bool:
        """Whether the sentence says how to take a medicine safely."""
        return PRECAUTION.search(self.text, *self._bounds(sentence)) is not None

    def _bounds(self, sentence: int) -> tuple[int, int]:
        return (self.sentence_ends[sentence - 1] if sentence else 0), self._sentence_end(sentence)

    def negated(self, start: int, end: int) -> bool:
        """Whether a claim's span is inside a negation's scope: "vaccines don't cause autism", not
        "it doesn't just help, it cures"; denying that a treatment works stays a claim."""
        sentence = self.sentence(start)
        scope_start = max(self.sentence_ends[sentence - 1] if sentence else 0, start - NEGATION_REACH)
        for brk in SCOPE_END.finditer(self.text, scope_start, start):
            scope_start = brk.end()
        # Searched a little past the span: what follows the negator decides it ("nothing cures it like...").
        negator = NEGATED_SCOPE.search(self.text, scope_start, end + NEGATION_REACH)
        if negator is None or negator.start() >= end:
            return False
        # The negator of a question that asserts ("why does no one admit that...") asserts too.
        rhetorical = RHETORICAL.search(self.text, scope_start, end)
        if rhetorical is not None and rhetorical.start() <= negator.start() < rhetorical.end():
            return False
        if CONTRAST.match(self.text, end, self._sentence_end(sentence)) or (
                CLEFT.search(self.text, scope_start, start)
                and CLEFT_AGAIN.match(self.text, end, self._sentence_end(sentence))):
            return False
        if BENEFIT.search(self.text, negator.end(), end) and (
                TREATMENT.search(self.text, scope_start, negator.start())
                or any(scope_start <= a < negator.start() for a, _ in self.spans("drug"))):
            return False
        return True

    def refutes(self, start: int, end: int) -> bool:
        """Whether every effect a span states is negated ("does not cause", "won't give you"), and it states one."""
        effects = [(a, b) for name in ("strong", "weak") for a, b in self._effects(name, start, end)]
        return bool(effects) and all(self.negated(a, b) for a, b in effects)

    def context_factor(self, start: int = 0, end: int | None = None) -> float:
        """Each mitigation found anywhere in the text (or a span of it), once, a refutation, and a citation."""
        end = len(self.text) if end is None else end
        factor = CITATION_FACTOR if self.cited else 1.0
        if self.refutes(start, end) or self._denies_within(start, end):
            factor *= REFUTATION_FACTOR
        for pattern, value in MODEL_MITIGATIONS:
            if pattern.search(self.text, start, end):
                factor *= value
        if "?" in self.text[start:end] and not RHETORICAL.search(self.text, start, end):
            factor *= QUESTION_FACTOR
        return round(factor, 3)

    def windows(self) -> tuple[tuple[int, int, float], ...]:
        """Each sentence of a long enough text, and each two in a row, with their own context."""
        sentences = []
        start = 0
        for end in self.sentence_ends:
            # The length test first: it spares counting words in thousands of one-word lines.
            if end - start >= 2 * WINDOW_MIN_WORDS - 1 and \
                    len(_WORD_START.findall(self.text, start, end)) >= WINDOW_MIN_WORDS:
                sentences.append((start, end))
                if len(sentences) > MAX_WINDOWS // 2:
                    break
            start = end
        if len(sentences) < WINDOW_MIN_SENTENCES or len(self.text) < WINDOW_MIN_CHARS:
            return ()
        contexts = [self._model_context(start, end) for start, end in sentences]
        # A sentence the next one denies is refuted, in its own window and with the denial.
        denied = [self._denied_at(end) for _, end in sentences]
        windows = []
        for i, (start, end) in enumerate(sentences):
            refuted = REFUTATION_FACTOR if denied[i] else 1.0
            windows.append((*_trim(self.text, start, end),
                            round(_window_factor(self.cited, contexts[i:i + 1]) * refuted, 3)))
            if i + 1 < len(sentences):
                windows.append((*_trim(self.text, start, sentences[i + 1][1]),
                                round(_window_factor(self.cited, contexts[i:i + 2]) * refuted, 3)))
        return tuple(windows[:MAX_WINDOWS])

    def disbelieved(self, position: int) -> bool:
        """Whether what stands before position is disbelieved later in its sentence or denied by the next."""
        end = self._sentence_end(self.sentence(position - 1))
        return DISBELIEF.search(self.text, position, end) is not None or self._denied_at(end)

    def _sentence_end(self, sentence: int) -> int:
        return self.sentence_ends[sentence] if sentence < len(self.sentence_ends) else len(self.text)

    def _denied_at(self, position: int) -> bool:
        """Whether the sentence starting at position denies the one before it outright."""
        if self._denials is None:
            # One pass over the text, not a match at each of (up to thousands of) sentence ends.
            ends = set(self.sentence_ends)
            self._denials = frozenset(m.start() for m in _DENIAL_AFTER_END.finditer(self.text) if m.start() in ends)
        return position in self._denials

    def _denies_within(self, start: int, end: int) -> bool:
        """Whether a sentence after the first in the span denies the one before it."""
        self._denied_at(start)
        return any(start < e < end for e in self._denials)

    def _model_context(self, start: int, end: int) -> tuple[frozenset[int], bool, int, int]:
        """What context_factor reads in one sentence: the model mitigations found (their places in
        MODEL_MITIGATIONS), whether it asks a genuine question, its effects and how many are negated."""
        found = frozenset(i for i, (pattern, _) in enumerate(MODEL_MITIGATIONS) if pattern.search(self.text, start, end))
        asks = "?" in self.text[start:end] and not RHETORICAL.search(self.text, start, end)
        effects = [(a, b) for name in ("strong", "weak") for a, b in self._effects(name, start, end)]
        return found, asks, len(effects), sum(self.negated(a, b) for a, b in effects)

    def _effects(self, name: str, start: int, end: int) -> list[tuple[int, int]]:
        spans = self.spans(name)
        return spans[bisect_left(spans, (start, -1)):bisect_left(spans, (end, -1))]

    def mitigations(self) -> tuple[str, ...]:
        """Mitigations found in the sentences that had findings."""
        found = {name for sentence in self._factors for name, _ in self._context(sentence)}
        if self.cited:
            found.add("cites a source")
        return tuple(sorted(found))

    def _context(self, sentence: int) -> list[tuple[str, float]]:
        if sentence not in self._contexts:
            self._contexts[sentence] = self._find_context(sentence)
        return self._contexts[sentence]

    def _find_context(self, sentence: int) -> list[tuple[str, float]]:
        start, end = self._bounds(sentence)
        found = [(name, value) for pattern, value, name in MITIGATIONS if pattern.search(self.text, start, end)]
        if self._denied_at(end):
            found.append(("refuted by the next sentence", REFUTATION_FACTOR))
        if self.text[start:end].rstrip().endswith("?") and not RHETORICAL.search(self.text, start, end):
            found.append(("asks a question", QUESTION_FACTOR))
        elif HEARSAY.search(self.text, start, end) and self._asks_next(sentence):
            found.append(("asks about a claim it reports", QUESTION_FACTOR))
        return found

    def _asks_next(self, sentence: int) -> bool:
        """Whether the sentence after this one is a question."""
        if sentence + 1 >= len(self.sentence_ends):
            return False
        return self.text[self.sentence_ends[sentence]:self.sentence_ends[sentence + 1]].rstrip().endswith("?")


def _window_factor(cited: bool, contexts: list[tuple[frozenset[int], bool, int, int]]) -> float:
    """context_factor of a window, from its sentences' contexts (_Scan._model_context)."""
    factor = CITATION_FACTOR if cited else 1.0
    for i in frozenset().union(*(found for found, _, _, _ in contexts)):
        factor *= MODEL_MITIGATIONS[i][1]
    if any(asks for _, asks, _, _ in contexts):
        factor *= QUESTION_FACTOR
    effects, negated = sum(c[2] for c in contexts), sum(c[3] for c in contexts)
    if effects and negated == effects:
        factor *= REFUTATION_FACTOR
    return round(factor, 3)


def _combine(findings: list[Finding]) -> float:
    """Independent evidence adds up (1 - product of misses); overlapping findings
    are one piece of evidence, counted at their strongest."""
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    miss = 1.0
    for finding in sorted(findings, key=lambda f: -f.weight):
        # Taken spans never overlap, so sorted by start they are sorted by end too.
        index = bisect_left(taken_starts, finding.end)
        if index and taken_ends[index - 1] > finding.start:
            continue
        taken_starts.insert(index, finding.start)
        taken_ends.insert(index, finding.end)
        miss *= 1.0 - finding.weight
    return round(1.0 - miss, 3)


_LEADING = re.compile(r"[\W_]*(?:\d+[.)]\s*)?[\W_]*")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading separators and list markers a pattern had to consume."""
    start = _LEADING.match(text, start, end).end()
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end

"""The claim rules: categories, their labels, and the table of patterns and pairings the detector
reads a text with (detector.py), each with its weight and the reason a moderator sees.
"""

import re
from dataclasses import dataclass

from moderation.screening.alternation import by_first_letter
from moderation.screening.vocabulary import CONDITION, ROOT_CAUSE, Words, words

DIRECTIVE = "directive"
CERTAINTY = "certainty"
CAUSAL = "causal"
MEDICATION = "medication_change"
DOSAGE = "dosage"
CONSPIRACY = "conspiracy"
MIRACLE = "miracle_product"

CATEGORY_LABELS = {
    DIRECTIVE: "Directive health advice",
    CERTAINTY: "Certainty or absolute claim",
    CAUSAL: "Causal or effect claim",
    MEDICATION: "Change to medication",
    DOSAGE: "Dosage instruction",
    CONSPIRACY: "Distrust of medicine",
    MIRACLE: "Miracle product",
}


@dataclass(frozen=True)
class Near:
    """Spans of one vocabulary next to spans of another in the same sentence.

    Within gap characters; first before second when ordered, else either way.
    The finding covers both. Vocabularies are scanned once per text, so pairing
    costs little beside one combined pattern per rule.
    """

    first: str
    second: str
    gap: int = 60
    ordered: bool = False
    imperative: bool = False  # keep only pairs whose first span is an imperative verb


@dataclass(frozen=True)
class Directive:
    """A verb telling readers to do something to a medicine named just after it ("stop taking
    your lithium", "halve the warfarin"), with only small words between (FILLER), so "stop my
    statins" (the writer's own) and "stop eating oats" are not. imperative: the verb must be
    one (drugs.py finds the medicines). negatable: "does not replace insulin" is not one."""

    verbs: str  # a VOCABULARY name
    imperative: bool = True
    negatable: bool = False
    then: re.Pattern | None = None  # what must follow the medicine ("don't take your insulin anymore")


# "Don't take your insulin anymore" and "never take statins." (nothing after the medicine but the
# clause's end, or a reason) stop it; "don't take your statins with grapefruit" does not.
NO_MORE = re.compile(r"(?:\s+(?:at all|for now))?\s+(?:any ?more|again|ever again|from now on)\b|\s+at all\b"
                     r"|\s*(?:[.!;]|$|,(?!\s*(?:unless|if|when|whenever|while|until|before|after|without|with|on|just"
                     r"|especially|even|except|only|and|or)\b))")

# Where a medicine goes: "throw your inhaler in the bin", "chuck the statins away", "give the
# lamotrigine a miss". Not "out" ("put your pills out the night before") and not "put ... away",
# which is also where they are kept.
DISCARDED = re.compile(r"\s+(?:away|in the (?:bin|trash|rubbish|garbage)|down the (?:toilet|sink|drain)"
                       r"|a (?:miss|rest|break)|up)\b")

# "Take your thyroid pill every other day" changes a dose as much as halving it does.
LESS_OFTEN = re.compile(r"(?:\s+(?:only|just|instead))?\s+(?:every other day|every second day|on alternate days"
                        r"|every few days|only on (?:bad|good) days|on (?:bad|good) days only"
                        r"|when(?:ever)? you feel like it)\b")

# Pairings that are themselves used as vocabularies.
DERIVED: dict[str, Near] = {
    "substance_acts": Near("substance_or_referent", "weak", 40, ordered=True),
    "changed_medicine": Near("changed", "drug", 40, ordered=True),
}

# (category, weight, source, reason): a source is a regular expression or a Near pairing.
RULES: list[tuple[str, float, Words | Near, str]] = [
    (CAUSAL, 0.6, Near("strong", "condition"), "states an effect on a health condition"),
    (CAUSAL, 0.6, Near("substance_acts", "condition", 40, ordered=True),
     "says something taken or done acts on a condition"),
    (CAUSAL, 0.55, Near("research", "condition", 80), "reports a research finding"),
    (CAUSAL, 0.55, Near("statistic", "condition", 50), "gives a statistic about a condition"),
    (CAUSAL, 0.55, Near("condition", "caused_by", 40, ordered=True), "names what causes a condition"),
    (CAUSAL, 0.55, Near("reported", "condition", 80), "reports what experts say about a condition"),
    (CAUSAL, 0.5, words(rf"\b(?:signs|symptoms|causes|risk factors|warning signs|early signs|treatments?) (?:of|for)"
                      rf" (?:\w+ )?{CONDITION}\b", "signs", "symptoms", "causes", "risk factors", "treatment"),
     "explains a condition"),
    (CAUSAL, 0.5, Near("new_treatment", "condition", 40, ordered=True), "announces a new treatment or test"),
    (CAUSAL, 0.5, words(rf"\b(?:natural |best |only |new |real )?(?:drug|remedy|medicine|cure|solution|answer)"
                      rf" (?:for|to) (?:\w+ )?{CONDITION}\b",
                      "drug", "remedy", "medicine", "cure", "solution", "answer"),
     "offers a remedy for a condition"),
    (CAUSAL, 0.5, Near("medical", "condition", 40, ordered=True), "makes a medical statement"),
    # Present tense: "it clears acne for good" promises; "it cleared my acne for good" tells a story.
    (CAUSAL, 0.6, words(r"\b" + by_first_letter(r"(?:cures|fixes|clears|ends|heals|gets rid of|sorts|banishes"
                                                 r"|reverses|eliminates|beats|kills|will (?:cure|fix|clear|end|heal"
                                                 r"|get rid of|sort|banish|reverse|eliminate|beat|kill))")
                        + r"\b[^.!?\n]{0,40}?\b(?:for good|once and for all|permanently|forever)\b",
                        "for good", "once and for all", "permanently", "forever"), "promises a lasting cure"),
    (CAUSAL, 0.65, words(ROOT_CAUSE, "cause"), "names a root cause"),
    (CAUSAL, 0.6, words(rf"\b{CONDITION} (?:is|are) (?:just|really|simply|only|actually|basically|nothing but|all)? ?"
                      r"(?:a |an )?(?:[\w-]+ ){0,2}(?:deficiency|deficiencies|imbalance|overload|parasites?|candida"
                      r"|fungus|toxicity)\b", "deficien", "imbalance", "overload", "parasite", "candida", "fungus",
                      "toxicity"), "names a root cause"),
    (CAUSAL, 0.65, Near("generalise", "condition", 120), "makes one person's experience a rule for everyone"),
    (CAUSAL, 0.6, words(rf"\b(?:real|main|true|hidden|only) reasons? (?:why |that )?(?:[\w']+ ){{0,4}}?(?:get|gets"
                      rf"|have|has|develop|suffer from|end up with) (?:[\w']+ )?{CONDITION}\b", "reason"),
     "names a root cause"),
    (CAUSAL, 0.55, words(r"\b(?:anti-?cancer|anti-?tumou?r|anti-?inflammatory|carcinogenic|cancer-?causing"
                       r"|neurotoxic|neurotoxin)\b", "anti", "carcinogen", "causing", "neurotox"),
     "attributes a medical property"),
    (CERTAINTY, 0.6, words(r"\bat all costs?\b|\bno matter what\b", "all cost", "no matter"), "absolute advice"),
    (CERTAINTY, 0.4, words(r"\b(?:guarantee[ds]?|100 ?%|(?:clinically |scientifically )?proven|definitely|undeniabl[ey]"
                          r"|without (?:a )?doubt|works every time|the only (?:way|cure|thing that works)"
                          r"|always works|never fails)\b", "guarantee", "100", "proven", "definitely", "undeniabl",
                          "without", "every time", "the only", "always works", "never fails"), "certainty"),
    (DIRECTIVE, 0.75, Near("instruction", "substance", 50, ordered=True, imperative=True),
     "tells readers what to do about their health"),
    (MEDICATION, 0.85, Directive("stop_verb"), "tells readers to stop or swap a medication"),
    (MEDICATION, 0.85, Directive("no_more", then=NO_MORE), "tells readers to stop or swap a medication"),
    (MEDICATION, 0.85, Directive("discard_verb", then=DISCARDED), "tells readers to stop or swap a medication"),
    (MEDICATION, 0.85, words(r"\bno more (?:pills|meds|medications?|medicines?|tablets|drugs|jabs|injections"
                             r"|inhalers?) for (?:you|him|her|them|your \w+)\b", "no more"),
     "tells readers to stop or swap a medication"),
    (MEDICATION, 0.85, words(r"\b(?:no need to|(?:you )?(?:don'?t|do not) (?:need|have|bother) to|never|don'?t"
                             r"|do not) (?:finish|complete) (?:the|your|their|a) (?:whole |full )?"
                             r"(?:course|antibiotics|pack)\b", "finish", "complete"),
     "tells readers to stop or swap a medication"),
    (MEDICATION, 0.85, Directive("no_need", imperative=False), "tells readers they do not need a medication"),
    (MEDICATION, 0.85, Directive("no_need_to_take", imperative=False, then=NO_MORE),
     "tells readers they do not need a medication"),
    (MEDICATION, 0.85, Near("changed_medicine", "copy_me", 80, ordered=True),
     "tells readers to copy a change to a medication"),
    (MEDICATION, 0.8, Directive("in_place_of", imperative=False, negatable=True),
     "proposes something in place of medical treatment"),
    (MEDICATION, 0.8, words(
        r"\b(?:instead of|rather than|in place of|replaces?|replacing|substitute for|no need for|(?:you )?don'?t need"
        r"|better than) (?:your |the |any |taking )?(?:doctors?|vaccines?)\b",
        "instead", "rather than", "in place", "replac", "substitute", "need", "better than"),
     "proposes something in place of medical treatment"),
    (DOSAGE, 0.6, words(
        r"\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|ug|g|grams?|iu|ml|drops?|capsules?|tablets?|pills?|tsp|teaspoons?"
        r"|tablespoons?)\b[^.!?\n]{0,30}?\b(?:a day|daily|per day|twice|three times|every (?:day|morning|night)"
        r"|each (?:day|morning|night)|before bed|at night|a week|weekly)\b", *"0123456789"), "gives a dose"),
    (DOSAGE, 0.8, words(
        r"\b" + by_first_letter(r"(?:double|triple|halve|half|increase|up|raise|cut|reduce|lower|drop|skip|split"
                                 r"|stop)") + r" (?:your|the|their) (?:\w+ )?(?:dose|dosage|doses)\b", "dose"),
     "tells readers to change a dose"),
    (DOSAGE, 0.8, Directive("dose_verb"), "tells readers to change a dose"),
    (DOSAGE, 0.8, Directive("take_verb", then=LESS_OFTEN), "tells readers to change a dose"),
    (DOSAGE, 0.8, words(r"\btake (?:\d+|one|two|three|four|five|six) (?:[\w-]+ ){0,2}instead of (?:the )?"
                        r"(?:\d+|one|two|three|four|usual|recommended)\b", "instead of"),
     "tells readers to change a dose"),
    (DOSAGE, 0.8, words(r"\btake (?:twice|double|triple|half|three times|two times) (?:the|your|as much)"
                        r"(?: (?:dose|dosage|amount|recommended))?\b", "take "),
     "tells readers to change a dose"),
    (CONSPIRACY, 0.6, words(
        r"\bbig pharma\b|\b(?:doctors?|pharma|the fda|the government|they|the media)\b[^.!?\n]{0,20}?"
        r"\b(?:won'?t|don'?t want (?:you )?to|will never|refuse to)\b (?:tell|know|let|admit|cure|want you)"
        r"|\b(?:hide|hid|hiding|hidden|suppress(?:es|ed|ing)?|cover(?:ing)? up|covered up|bury|buried)"
        r" (?:the |a )?(?:cure|truth|facts?|data|evidence|side[- ]effects|link)"
        r"|\b(?:hidden|suppressed|secret|banned) (?:cure|remedy|treatment)s?\b",
        "pharma", "won", "want", "will never", "refus", "hid", "suppress", "cover", "bur", "secret", "banned"),
     "distrust of medicine"),
    (MIRACLE, 0.65, words(
        r"\bmiracle (?:cure|pill|supplement|remedy|drug|treatment|oil|tea)s?\b|\b(?:detox|cleanse)(?:es|ing)? "
        r"(?:your |the )?(?:body|liver|blood|system|organs)\b|\bsuperfoods?\b|\bsecret (?:remedy|formula)\b"
        r"|\bmiracle\b[^.!?\n]{0,30}\b(?:heal|cure)", "miracle", "detox", "cleans", "superfood", "secret"),
     "miracle product"),
    (MIRACLE, 0.7, Near("seller", "condition", 100), "sells a remedy for a condition"),
    (MIRACLE, 0.7, Near("seller", "strong", 100), "sells a remedy for a condition"),
]
# Never lowered by more than DIRECTIVE_MIN_FACTOR: an anecdote or a citation does not make them safe.
FIRM_CATEGORIES = (DIRECTIVE, MEDICATION, MIRACLE, CONSPIRACY)
# Telling readers to change a dose is firm too ("it worked for me, so double your dose").
# So is making one's own experience a rule for everyone: it is what undoes "it worked for me".
FIRM_REASONS = ("tells readers to change a dose", "makes one person's experience a rule for everyone")

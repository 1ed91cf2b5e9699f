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
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import islice

from moderation.screening import drugs
from moderation.screening.alternation import by_first_letter
from moderation.screening.sources import cites_in_text

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

# Conditions, symptoms and outcomes that health claims are about.
CONDITION = by_first_letter(
    r"(?:cancers?|tumou?rs?|carcinomas?|leuka?emia|lymphoma|melanoma|metastas[ie]s|dementia|alzheimer'?s?"
    r"|parkinson'?s?|diabetes|diabetic|pre-?diabetes|(?<!great )depression|depressive|anxiety|fibromyalgia|fibro|fms"
    r"|me/cfs|cfs|chronic fatigue|arthritis|heart (?:disease|attacks?|failure|problems)|strokes?|obesity|obese"
    r"|weight gain|hypertension|blood (?:pressure|sugar|clots?)|cholesterol|inflammation|inflammatory|insomnia"
    r"|migraines?|headaches?|autism|adhd|asthma|covid(?:-?19)?|long covid|hiv|aids|psoriasis|eczema"
    r"|multiple sclerosis|lupus|memory loss|cognitive (?:decline|impairment)|infections?|chronic (?:pain|illness)"
    r"|diseases?|illness(?:es)?|disorders?|conditions?|syndrome|neuropathy|ibs|crohn'?s|thyroid|kidney"
    r"|liver|cirrhosis|copd|osteoporosis|epilepsy|seizures?|schizophrenia|bipolar|ptsd|psychosis|pain"
    r"|symptoms?|side[- ]effects?|immune (?:system|response)|brain fog|fatigue|mortality|deaths?|dying"
    r"|toxicity|neurotoxin|damage|erectile dysfunction|insulin resistance|acid reflux|allerg(?:y|ies)"
    # Body parts and systems stand for their health: "destroys your liver", "good for the brain".
    r"|nerves?|nervous system|brain(?: cells)?|liver|kidneys?|lungs?|heart|gut(?: lining| flora| bacteria)?"
    r"|immune system|immunity|joints?|cartilage|bones?|muscles?|skin|teeth|gums|arteries|blood vessels|hormones"
    r"|metabolism|fertility|eyesight|memory|cells|mood|iq"
    # Everyday infections and complaints.
    r"|colds?|flu|influenza|viruse?s?|viral|bacteria|bacterial|ulcers?|infertil(?:e|ity)|baldness|hair loss|acne"
    r"|hay fever|restless legs|strep throat|mrsa|ms|toxins)"
)

# Generic drug names by their standard stems (pregabalin, sertraline, lisinopril, atorvastatin,
# omeprazole...), beside the drug lexicon (drugs.py): a new or misspelt generic is still one.
DRUG_NAME = (r"[a-z]{2,}(?:gabalin|xetine|traline|pram|oxetine|faxine|pril|sartan|statin|olol|dipine|prazole"
             r"|tidine|azepam|zolam|formin|gliptin|glitazone|profen|oxacin|cycline|mycin|cillin|mab|nib|tide"
             r"|triptan|setron|lukast|dronate|thyroxine|sone|olone|tiapine|peridol|piprazole|zodone|mazepine"
             r"|trigine|amate|etam|barbital)")

# Things people take, eat, do or are exposed to.
SUBSTANCE = by_first_letter(
    r"(?:medications?|meds|medicines?|pills?|drugs?|prescriptions?|antidepressants?|ssris?|snris?|statins?"
    r"|insulin|metformin|chemo(?:therapy)?|radiation|radiotherapy|vaccines?|vaccinations?|jabs?|boosters?"
    r"|supplements?|vitamins?(?: [a-z]\d*)?|minerals?|magnesium|zinc|iron|oils?|herbs?|herbal|cbd|cannabis"
    r"|marijuana|hemp|turmeric|curcumin|gluten|dairy|sugars?|carbs?|carbohydrates?|msg|glutamate|aspartame"
    r"|sweeteners?|alcohol|caffeine|coffee|tea|fasting|keto(?:genic)?|diets?|detox|cleanse|painkillers?"
    r"|opioids?|antibiotics?|steroids?|hormones?|estrogen|oestrogen|testosterone|aspirin|ibuprofen"
    r"|acetaminophen|paracetamol|fluoride|smoking|cigarettes?|tobacco|vaping|processed foods?|red meat|meat"
    r"|soy|fruits?|vegetables?|juices?|water|salt|fats?|protein|food|foods|exercise|sauna|acupuncture"
    r"|treatments?|therapy|therapies|remed(?:y|ies)|cures?|protocol|ivermectin|plants?|extracts?"
    r"|honey|vinegar|garlic|ginger|onions?|lemons?|iodine|silver|melatonin|probiotics?|collagen|baths?|showers?"
    r"|saunas?|bracelets?|homeopathy|homeopathic|chiropractic|crystals?|essential oils?|salt water|enemas?|powders?)"
)

# Verbs that state a claim whenever a condition is near: "X causes Y", "lowers the risk of Y".
STRONG_EFFECT = by_first_letter(
    rf"(?:causes|caused|causing|can cause|may cause|will cause|to cause|cause of|cause(?= (?:\w+ )?{CONDITION}\b)"
    r"|lead(?:s|ing)? (?:\w+ ){0,2}to|led (?:\w+ )?to|(?:linked|tied|connected) (?:to|with)|associated with"
    r"|contributes? to|triggers?|results? in|resulted in|resulting in|(?:is|are|was|were) (?:\w+ )?behind"
    r"|keeps? (?:\w+ ){1,3}at bay|destroys?|destroyed|destroying|damages|damaged|damaging|ruins?|ruined"
    r"|(?:can|may|could|will|often|usually) (?:develop|trigger|worsen)"
    r"|(?:increases?|raises?|lowers?|reduces?|boosts?|improves?|decreases?|decreased|increased|improved)"
    r" (?:\w+ ){0,2}(?:levels?|survival|function|outcomes)"
    r"|triggered|promotes?|fuels?|worsens?"
    r"|(?:increases?|raises?|ups|doubles?|triples?|reduces?|lowers?|cuts?|decreases?|halves?) (?:the |your |their )?"
    r"(?:risks?|rates?|chances?|odds|severity|incidence)"
    r"|(?:higher|increased|greater|elevated|lower|reduced|decreased) (?:risks?|rates?|odds|chances?|incidence)"
    r"|(?:more|less) likely to (?:develop|get|have|die|suffer|undergo|experience|be diagnosed)|risk factor"
    r"|predictor (?:of|for)|keeps? (?:the )?\w+ away|clears? up|cleared up|clearing up|gets? rid of"
    r"|(?:can|could|may|will|does|do) (?:help (?:to )?)?(?:cure|treat|prevent|delay|reverse|reduce|lower|improve"
    r"|relieve|heal|stop|slow|fight|detect|predict|diagnose|shrink|kill|boost|ease|manage)"
    r"|helps?(?: to)? (?:reduce|fight|treat|prevent|cure|heal|relieve|ease|manage|lower|protect|delay|improve|cope)s?"
    r"|(?:good|great|excellent|bad|best|terrible|amazing|essential) for (?:your |the )?"
    r"|works? (?:\w+ ){0,3}?(?:for|against)|helps? (?:me |you |people )?(?:to )?(?:cope|deal) with"
    r"|(?:does not|doesn'?t|do not|don'?t|won'?t|can'?t|cannot) (?:cause|cure|prevent|put|help|treat)"
    r"|(?:superior|inferior) to placebo|(?:better|worse) than placebo"
    r"|prevents?|prevented|preventing|protects? (?:you |us )?(?:against|from)|cures|cured|curing|reverses?|reversed"
    r"|reversing|heals|healed|healing|regrows?|repairs?|restores?"
    r"|effective (?:against|in|for|at))"
)
# Verbs that make a claim only with something taken or done as their subject:
# "turmeric fights cancer" is a claim, "let's fight cancer" is not.
WEAK_EFFECT = by_first_letter(
    r"(?:treats?|heals?|fights?|kills?|destroys?|shrinks?|starves?|feeds?|fuels?|stops?|halts?|slows?|delays?|improves?"
    r"|boosts?|relieves?|eases?|alleviates?|eliminates?|gets? rid of|lowers?|reduces?|decreases?|increases?"
    r"|damages?|is (?:toxic|poisonous|dangerous|bad|good|poison)|are (?:toxic|poisonous|dangerous|bad|good|poison)"
    r"|clears? up|prevents?|reverses?|regrows?|repairs?|replaces?|cleans?|cleanses?|detox(?:es)?|resets?|starves?"
    r"|helps?(?: to)?(?: with| reduce| fight| treat| prevent| cure| heal| relieve| ease| manage| lower| protect)?"
    r"|works? (?:against|for)|can (?:detect|predict|diagnose|replace)|detects?|predicts?|cures?|curing|offers? relief)"
)
RESEARCH = (
    by_first_letter(r"(?:study|studies|research|researchers|scientists|trial|rct|data|reports?|analysis|review|experts?"
                     r"|evidence)")
    + r"\b[^.!?\n]{0,40}?\b(?:finds?|found|shows?|showed|shown|suggests?|suggested|reveals?|revealed|links?|linked"
    r"|confirms?|confirmed|proves?|proved|indicates?|indicated|demonstrates?|demonstrated|reports?)"
)
REPORTED = (
    r"(?:according to (?:a |an |the )?(?:new )?(?:experts?|study|studies|research|researchers|scientists|doctors)"
    r"|(?:researchers|scientists|experts|doctors|studies) (?:say|said|believe|warn|agree)"
    r"|(?:say|said|warn) (?:researchers|scientists|experts|doctors))"
)
STATISTIC = (
    r"(?:\d+(?:\.\d+)? ?(?:%|percent)[^.!?\n]{0,40}?\b(?:lower|higher|reduced|increased|reduction|increase|less|more"
    r"|risks?|effective|survival|of (?:patients|cases|people)|rise|drop|fall|jump)\b"
    # "up 65%", "rates rose 900%", "cut by a third"
    r"|(?:up|down|rose|risen|rise|rising|fell|fallen|jumped|dropped|climbed|soared|surged|grew|increased|decreased"
    r"|reduced|cut|lowered|raised)(?: by)? (?:\d+(?:\.\d+)? ?(?:%|percent|fold)|half|a third|a quarter|two-?thirds))"
)
ROOT_CAUSE = (
    r"\b(?:root|real|main|true|underlying|hidden|determining|causal) causes?\b(?: (?:of|for|behind) [^.!?\n,;]{1,40})?"
)

_FLAGS = 0


def _rx(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(pattern, _FLAGS | flags)


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
class Words:
    """A pattern, skipped at no cost when none of its hints occurs in the text.

    Hints are substrings every match must contain one of; they keep long
    alternations from scanning text that cannot match.
    """

    regex: re.Pattern
    hints: tuple[str, ...] = ()

    def finditer(self, text: str):
        if self.hints and not any(map(text.__contains__, self.hints)):
            return iter(())
        return self.regex.finditer(text)


@dataclass(frozen=True)
class Directive:
    """A verb telling readers to do something to a medicine named just after it ("stop taking
    your lithium", "halve the warfarin"), with only small words between (FILLER), so "stop my
    statins" (the writer's own) and "stop eating oats" are not. imperative: the verb must be
    one (drugs.py finds the medicines). negatable: "does not replace insulin" is not one."""

    verbs: str  # a VOCABULARY name
    imperative: bool = True
    negatable: bool = False


def _words(pattern: str, *hints: str) -> Words:
    # A look-behind instead of a leading \b lets the engine reject most
    # positions sooner; the text is lower case, so [a-z0-9] stands for a letter.
    return Words(_rx(pattern.replace(r"\b", r"(?<![a-z0-9_])", 1) if pattern.startswith(r"\b") else pattern),
                 hints)


# Each vocabulary is matched once over the whole text.
VOCABULARY: dict[str, Words] = {
    "condition": _words(rf"\b{CONDITION}\b"),
    "substance": _words(rf"\b{SUBSTANCE}\b"),
    "strong": _words(rf"\b{STRONG_EFFECT}\b"),
    "weak": _words(rf"\b{WEAK_EFFECT}\b"),
    "research": _words(rf"\b{RESEARCH}\b"),
    "statistic": _words(rf"\b{STATISTIC}", "%", "percent", "fold", "half", "third", "quarter"),
    "reported": _words(rf"\b{REPORTED}\b", "accord", "say", "said", "warn", "believe", "agree"),
    "caused_by": _words(
        r"\b(?:due to (?:the |a )?(?:use|eating|drinking|smoking|taking|exposure|consumption|\w+ing)|caused by"
        r"|from (?:being )?exposed to|(?:is|are) (?:a |the )?(?:result|consequence|side effect) of)\b",
        "due to", "caused by", "exposed", "result", "consequence", "side effect"),
    "medical": _words(
        r"\b" + by_first_letter(
            r"(?:treatments?|therap(?:y|ies)|immunotherapy|study|studies|researchers|scientists|progression"
            r"|onset|detection|prevention|biomarkers?|mechanisms?)") + r"\b(?! (?:money|update|in crisis))"),
    "new_treatment": _words(r"\bnew (?:\w+ )?(?:treatments?|drugs?|therap(?:y|ies)|tests?|vaccines?|targets?|cures?"
                            r"|approach)\b", "new "),
    "stop_verb": _words(r"\b" + by_first_letter(
        r"(?:stop|stopping|quit|cease|skip|skipping|taper(?: off)?|come off|get off|wean (?:yourself |them )?off"
        r"|ditch|drop|throw (?:away|out)|give up|bin|flush|swap|switch|replace|trade|abandon|discontinue"
        r"|cut out|cut back on|forget about|lay off|leave off|go off)") + r"\b"),
    "dose_verb": _words(r"\b" + by_first_letter(
        r"(?:double|triple|halve|half|cut|reduce|lower|up|increase|raise|split|take (?:double|twice|half|extra)"
        r"|take more|take less)") + r"\b"),
    "no_need": _words(r"\b(?:you|u|we|they|people) (?:don'?t|do not|won'?t|will not|never) (?:really |even )?need\b"
                      r"|\b(?:no need for|nobody needs|no one needs)\b", "need"),
    "in_place_of": _words(r"\b(?:instead of|rather than|in place of|substitute for|better than|replaces?|replacing"
                          r"|beats|works better than|is as good as)\b",
                          "instead", "rather", "place of", "substitute", "better", "replac", "beats", "as good as"),
    # Selling to readers: a price, an order, a bottle posted. Not "message me if you want to talk".
    "seller": _words(
        r"\b(?:i (?:sell|make and sell|supply) (?:a|an|my|this|these|the|some) [\w -]{0,30}?(?:that|which|for)"
        r"|i can sell you|(?:dm|pm|inbox|message|text|whatsapp) me"
        r" (?:for (?:the link|my|a|some|prices?|details|a bottle|a sample|an order)|to (?:order|buy|get (?:some|a|yours)))"
        r"|for (?:a small fee|prices|a discount|\u00a3\d+|\$\d+)|(?:price list|discount code)"
        r"|i'?ll (?:send|post|ship) you (?:a|some|the) (?:bottle|tub|jar|pack|sample|batch|plan|kit))\b",
        "sell", "me ", "for ", "price", "discount", "send", "post", "ship", "supply"),
    "instruction": _words(r"\b" + by_first_letter(
        r"(?:avoid|stop|quit|cut out|cut back on|eliminate|ditch|throw out|never (?:eat|take|use|drink)"
        r"|don'?t (?:eat|take|use|drink|touch)|do not (?:eat|take|use|drink|touch)|take|try|start|switch to"
        r"|use|eat|drink|ingest|supplement with|get off|stay away from|look into|load up on)") + r"\b"),
}
# What may stand before an instruction verb in its sentence for it to be an
# imperative: nothing, a list marker, a colon, or "you should", "if you have X,",
# "just", "never" and the like.
IMPERATIVE_LEAD = _rx(
    r"(?:[:;,]|\d+[.)]|[-*•]|\b(?:you|we|everyone|anyone|people|patients|one)\b[^.!?\n]{0,30}?"
    r" (?:should|must|need to|have to|ought to|better)|\bif you (?:have|suffer from|are|get)\b[^.!?\n]{0,40}?"
    r"|\b(?:just|simply|always|never|please|so|then|now|and))\s*$"
)
SENTENCE_OPENING = _rx(r"\s*(?:\d+[.)]|[-*•])?\s*")
# What may stand between a directive's verb and the medicine: "stop taking all of your
# morning metformin". Not "my": a writer telling of their own medicine gives no directive.
FILLER = _rx(r"(?:\s+(?:taking|using|on|off|from|all|your|ur|the|any|of|those|these|that|them|this|a|an"
             r"|every|daily|morning|evening|night|nightly|prescribed|prescription|current|usual|regular"
             r"|dose|doses|dosage|with|to|for|and|or))*\s+")
# Words that deny what follows: "okra water does not replace insulin".
# Words that negate what follows: "not", "no", "never" and every contraction ("doesn't", "won't", "dont").
NEGATOR = (r"(?:\b(?:not|never|no|cannot|nor|neither|nothing|none)\b|n't\b"
           r"|\b(?:dont|doesnt|didnt|cant|wont|isnt|arent|wasnt|werent|shouldnt|wouldnt|couldnt|aint)\b)")
NEGATION = _rx(NEGATOR + r"\s+(?:\w+\s+){0,2}$")
# Negation scope, after NegEx: a negator governs what follows it up to a clause break or a
# conjunction that starts a new assertion ("sugar doesn't just help, it cures").
# Nor does a question that expects "yes" ("isn't it obvious that...", "don't you think...").
NEGATED_SCOPE = _rx(NEGATOR + r"(?!\s+(?:doubt|question|denying)\b)"
                    r"(?!\s+(?:it|they|you|we|that|this|everyone|everybody|anyone)\s+(?:obvious|clear|know|think|see"
                    r"|agree|funny|strange|odd|interesting|amazing|time|true|just)\b)"
                    r"(?![\s\w']{0,25}?\b(?:just|only|merely|simply|like|better than|compares)\b)")
SCOPE_END = _rx(r"[,;:()\-]|\b(?:but|because|since|which|who|though|although|yet|instead|unlike|whereas|except"
                r"|and)\b")
# How far before a claim its negator may stand, and how far past it the words that undo it
# ("not just", "like") are looked for; it bounds the cost of a long, unpunctuated text.
NEGATION_REACH = 120
# Denying a treatment works is a claim of its own ("chemo doesn't cure cancer"); denying it
# harms ("statins don't cause dementia") is not.
BENEFIT = _rx(r"\b(?:cur|treat|help|work|prevent|revers|heal|reliev|fix|protect|sav|beat|stop|kill)\w*")
TREATMENT = _rx(r"\b(?:chemo\w*|radiation|radiotherapy|vaccines?|vaccinations?|jabs?|surgery|treatments?|therap(?:y|ies)"
                r"|doctors?|medicine|medicines|medications?|meds|drugs?|pills?|prescriptions?)\b")
# The longest lead IMPERATIVE_LEAD can need ("if you suffer from ... ,").
IMPERATIVE_REACH = 90
# How far a directive's medicine may stand from its verb ("stop taking all of your ...").
DIRECTIVE_REACH = 45
DRUG_STEM = _rx(rf"\b{DRUG_NAME}\b")
# Pairings that are themselves used as vocabularies.
DERIVED: dict[str, Near] = {
    "substance_acts": Near("substance_or_referent", "weak", 40, ordered=True),
}
# A pronoun stands for a substance named shortly before it: "Sugar is poison. It feeds tumours."
PRONOUN = _words(r"\b(?:it|they|this|these|that|those)\b")
REFERENT_REACH = 120

# (category, weight, source, reason): a source is a regular expression or a Near pairing.
RULES: list[tuple[str, float, Words | Near, str]] = [
    (CAUSAL, 0.6, Near("strong", "condition"), "states an effect on a health condition"),
    (CAUSAL, 0.6, Near("substance_acts", "condition", 40, ordered=True),
     "says something taken or done acts on a condition"),
    (CAUSAL, 0.55, Near("research", "condition", 80), "reports a research finding"),
    (CAUSAL, 0.55, Near("statistic", "condition", 50), "gives a statistic about a condition"),
    (CAUSAL, 0.55, Near("condition", "caused_by", 40, ordered=True), "names what causes a condition"),
    (CAUSAL, 0.55, Near("reported", "condition", 80), "reports what experts say about a condition"),
    (CAUSAL, 0.5, _words(rf"\b(?:signs|symptoms|causes|risk factors|warning signs|early signs|treatments?) (?:of|for)"
                      rf" (?:\w+ )?{CONDITION}\b", "signs", "symptoms", "causes", "risk factors", "treatment"),
     "explains a condition"),
    (CAUSAL, 0.5, Near("new_treatment", "condition", 40, ordered=True), "announces a new treatment or test"),
    (CAUSAL, 0.5, _words(rf"\b(?:natural |best |only |new |real )?(?:drug|remedy|medicine|cure|solution|answer)"
                      rf" (?:for|to) (?:\w+ )?{CONDITION}\b", "drug", "remedy", "medicine", "cure", "solution", "answer"),
     "offers a remedy for a condition"),
    (CAUSAL, 0.5, Near("medical", "condition", 40, ordered=True), "makes a medical statement"),
    (CAUSAL, 0.65, _words(ROOT_CAUSE, "cause"), "names a root cause"),
    (CAUSAL, 0.55, _words(r"\b(?:anti-?cancer|anti-?tumou?r|anti-?inflammatory|carcinogenic|cancer-?causing"
                       r"|neurotoxic|neurotoxin)\b", "anti", "carcinogen", "causing", "neurotox"),
     "attributes a medical property"),
    (CERTAINTY, 0.6, _words(r"\bat all costs?\b|\bno matter what\b", "all cost", "no matter"), "absolute advice"),
    (CERTAINTY, 0.4, _words(r"\b(?:guaranteed?|100 ?%|(?:clinically |scientifically )?proven|definitely|undeniabl[ey]"
                          r"|without (?:a )?doubt|works every time|the only (?:way|cure|thing that works)"
                          r"|always works|never fails)\b", "guarantee", "100", "proven", "definitely", "undeniabl",
                          "without", "every time", "the only", "always works", "never fails"), "certainty"),
    (DIRECTIVE, 0.75, Near("instruction", "substance", 50, ordered=True, imperative=True),
     "tells readers what to do about their health"),
    (MEDICATION, 0.85, Directive("stop_verb"), "tells readers to stop or swap a medication"),
    (MEDICATION, 0.85, Directive("no_need", imperative=False), "tells readers they do not need a medication"),
    (MEDICATION, 0.8, Directive("in_place_of", imperative=False, negatable=True),
     "proposes something in place of medical treatment"),
    (MEDICATION, 0.8, _words(
        r"\b(?:instead of|rather than|in place of|replaces?|replacing|substitute for|no need for|(?:you )?don'?t need"
        r"|better than) (?:your |the |any |taking )?(?:doctors?|vaccines?)\b",
        "instead", "rather than", "in place", "replac", "substitute", "need", "better than"),
     "proposes something in place of medical treatment"),
    (DOSAGE, 0.6, _words(
        r"\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|ug|g|grams?|iu|ml|drops?|capsules?|tablets?|pills?|tsp|teaspoons?"
        r"|tablespoons?)\b[^.!?\n]{0,30}?\b(?:a day|daily|per day|twice|three times|every (?:day|morning|night)"
        r"|each (?:day|morning|night)|before bed|at night|a week|weekly)\b", *"0123456789"), "gives a dose"),
    (DOSAGE, 0.8, _words(
        r"\b" + by_first_letter(r"(?:double|triple|halve|half|increase|up|raise|cut|reduce|lower|drop|skip|split"
                                 r"|stop)") + r" (?:your|the|their) (?:\w+ )?(?:dose|dosage|doses)\b", "dose"),
     "tells readers to change a dose"),
    (DOSAGE, 0.8, Directive("dose_verb"), "tells readers to change a dose"),
    (DOSAGE, 0.8, _words(r"\btake (?:twice|double|triple|half|three times|two times) (?:the|your|as much)"
                         r"(?: (?:dose|dosage|amount|recommended))?\b", "take "),
     "tells readers to change a dose"),
    (CONSPIRACY, 0.6, _words(
        r"\bbig pharma\b|\b(?:doctors?|pharma|the fda|the government|they|the media)\b[^.!?\n]{0,20}?"
        r"\b(?:won'?t|don'?t want (?:you )?to|will never|refuse to)\b (?:tell|know|let|admit|cure|want you)"
        r"|\b(?:hide|hid|hiding|hidden|suppress(?:es|ed|ing)?|cover(?:ing)? up|covered up|bury|buried)"
        r" (?:the |a )?(?:cure|truth|facts?|data|evidence|side[- ]effects|link)"
        r"|\b(?:hidden|suppressed|secret|banned) (?:cure|remedy|treatment)s?\b",
        "pharma", "won", "want", "will never", "refus", "hid", "suppress", "cover", "bur", "secret", "banned"),
     "distrust of medicine"),
    (MIRACLE, 0.65, _words(
        r"\bmiracle (?:cure|pill|supplement|remedy|drug|treatment|oil|tea)s?\b|\b(?:detox|cleanse)(?:es|ing)? "
        r"(?:your |the )?(?:body|liver|blood|system|organs)\b|\bsuperfoods?\b|\bsecret (?:remedy|formula)\b"
        r"|\bmiracle\b[^.!?\n]{0,30}\b(?:heal|cure)", "miracle", "detox", "cleans", "superfood", "secret"),
     "miracle product"),
    (MIRACLE, 0.7, Near("seller", "condition", 100), "sells a remedy for a condition"),
    (MIRACLE, 0.7, Near("seller", "strong", 100), "sells a remedy for a condition"),
]

# The speaker's own doubt; "may" and "could" are left out, as research findings use them too.
HEDGE = _rx(r"\b(?:might|possibly|perhaps|maybe|i think|i believe|i guess|i wonder|not sure|i suspect"
            r"|in some cases|for some people)\b")
PERSONAL = _rx(r"\b(?:for me|in my (?:case|experience)|i (?:tried|took|take|have|had|was|am|used|found|feel|felt"
               r"|lost|watched|got)|i'm|i've|my (?:doctor|mom|mum|mother|dad|father|wife|husband|son|daughter"
               r"|sister|sis|brother|friend|uncle|aunt|family|grandma|grandpa|grandmother|grandfather|partner"
               r"|cousin|niece|nephew|boss|dog|cat)|worked for me|helped me|saved my"
               rf"|my {CONDITION}|(?:cures?|cured|heals?|healed) (?:my|me))\b")
# Conditionals and figures of speech: "it would be nice if...", "this traffic is giving me a
# migraine", "spreading like a cancer".
HYPOTHETICAL = _rx(r"\b(?:if (?:he|she|they|you|we|it|\w+) (?:cured?|found|finds)|could (?:find|cure)|would"
                   r"|giving me|gives me|give me|like an? (?:\w+ )?(?:cancer|disease|plague|virus|drug|poison))\b")
# Reporting a claim in order to doubt it: "the idea that wifi causes cancer is not supported",
# "the study didn't show a cause", "I'd be wary of anyone saying...".
SCEPTICISM = _rx(r"\b(?:claim(?:s|ed|ing)? (?:that )?|the idea that|(?:there'?s|there is|with) no (?:good |real |solid )?"
                 r"(?:evidence|proof|cure)|not (?:supported|proven|true)|debunked|a myth|retracted|i don'?t believe"
                 r"|i doubt|sceptical|skeptical|be careful with|(?:be |i'?d be |i am |i'?m )?wary of|beware of"
                 r"|(?:didn'?t|did not|doesn'?t|does not|never) (?:\w+ )?(?:show|prove|find|test|establish|demonstrate)"
                 r"|not (?:from|in) (?:this|that|the) (?:article|study|paper|research))")
# Questions that assert: "why do doctors still prescribe X when...?", "isn't it obvious...?"
RHETORICAL = _rx(r"(?:\bwhy (?:do|does|did|are|is|would|won'?t|don'?t|doesn'?t"
                 r"|aren'?t|isn'?t)\b[^.!?\n]{0,80}?\b(?:still|even|when|if)\b|\b(?:isn'?t|aren'?t|wasn'?t) it\b"
                 r"|\bwho (?:would|needs)\b|\bhow (?:is it|can anyone|come)\b"
                 # "why does nobody tell you...", "why are doctors hiding...", "why give X when..."
                 r"|\bwhy (?:do|does|did|is|are|has|have|will|would|won'?t) (?:nobody|no one|no-one)\b"
                 r"|\bwhy (?:do|does|did|is|are) [\w ]{1,30}?\b(?:hiding|hide|suppress(?:ing)?|ignor(?:e|ing)|cover(?:ing)? up)\b"
                 r"|\bwhy (?:give|tell|feed|let|take|use|buy|prescribe|bother with)\b[^.!?\n]{0,80}?\bwhen\b)")
# Passing on what someone else said: with a question after it, it asks about the claim.
HEARSAY = _rx(r"\b(?:(?:someone|somebody|people|a friend|my \w+|he|she|they)\b[^.!?\n]{0,20}?\b(?:told me|tells me"
              r"|says?|said|swears?|claims?|insists?|keeps? saying)|i'?ve (?:heard|read)|i (?:heard|read) (?:that|somewhere)"
              r"|i keep (?:hearing|reading))\b")
# Telling readers to act only with their doctor turns a directive into safe advice.
DEFERS = _rx(r"\b(?:without (?:talking to |asking |checking with |consulting )?(?:your|a) (?:doctor|gp|prescriber"
             r"|pharmacist|specialist|consultant|nurse)|(?:talk|speak) to your (?:doctor|gp|prescriber|pharmacist)"
             r"|ask your (?:doctor|gp|prescriber|pharmacist|specialist|consultant|nurse|care team|team)"
             r"|under (?:medical|your doctor'?s?) supervision|with your (?:doctor|gp|prescriber)'?s? (?:help|advice))")
# Safety advice, keeping to what was prescribed: it lowers the model's reading of a text only,
# never a rule's directive ("don't stop at pills, ditch your insulin too" is one all the same).
SAFETY = _rx(r"\b(?:(?:don'?t|do not|never) (?:just )?(?:stop|skip|quit|change)|keep (?:on )?taking"
             r"|stick (?:with|to) (?:your|the)|as (?:prescribed|your (?:doctor|gp|team) (?:said|says|prescribed)))")
# Charity, awareness and wishes: speaking of fighting or curing a disease is not a claim.
ASPIRATION = _rx(r"\b(?:donate|donations?|raised?|raising|fundrais\w*|sponsor\w*|awareness|pray\w*"
                 r"|hoping|hope|wish|find(?:ing)? a cure|(?:fund|towards?) (?:\w+ )?(?:research|the cure|a cure)"
                 r"|cure for (?:cancer|it) (?:would|will)|help \w+ fight"
                 r"|petition|charity|charities|support)\b")
# News: an authority's action ("FDA approves...", "batch of tablets recalled"), a paper's title
# ("Paper: ...") or a company's word. Not "researchers found" or "scientists say": that is how
# cure claims are passed on, and a finding reported so stays a claim to read.
NEWS = _rx(r"(?:^|\n)\s*(?:paper|trial results|preprint|press release)\s*:"
           r"|\b(?:(?:the )?(?:fda|mhra|ema|nice|cdc|nhs|regulators?|(?:health |medicines? )?agency"
           r"|drug ?makers?|manufacturers?)\b[^.!?\n]{0,40}?\b(?:approves|approved|recommends|recalls|recalled"
           r"|warns|launches|licenses|authori[sz]es|withdraws)\b"
           r"|, (?:the )?(?:company|manufacturer|officials|regulators?) (?:says|said)\b)")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")

# How much each context lowers a finding; directives, medication changes,
# miracle products and distrust of medicine are never lowered by more than
# DIRECTIVE_MIN_FACTOR: an anecdote or a citation does not make them safe.
QUESTION_FACTOR = 0.45
HEDGE_FACTOR = 0.8
PERSONAL_FACTOR = 0.6
HYPOTHETICAL_FACTOR = 0.4
ASPIRATION_FACTOR = 0.5
NEWS_FACTOR = 0.6
CITATION_FACTOR = 0.6
SCEPTICISM_FACTOR = 0.5
DEFERS_FACTOR = 0.4
DIRECTIVE_MIN_FACTOR = 0.8
# "X does not cause Y", "there is no diet that reverses Y": a refutation, not a claim.
REFUTATION_FACTOR = 0.3
FIRM_CATEGORIES = (DIRECTIVE, MEDICATION, MIRACLE, CONSPIRACY)
# Telling readers to change a dose is firm too ("it worked for me, so double your dose").
FIRM_REASONS = ("tells readers to change a dose",)


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
            if (category in FIRM_CATEGORIES or reason in FIRM_REASONS) and not scan.defers(sentence):
                factor = max(factor, DIRECTIVE_MIN_FACTOR)
            elif category == CAUSAL and scan.negated(start, end):
                factor *= REFUTATION_FACTOR
            start, end = _trim(text, start, end)
            findings.append(Finding(start, end, category, reason, round(weight * factor, 3)))
    return Detection(_combine(findings), tuple(findings), scan.mitigations(), scan.cited, scan.context_factor(),
                     scan.windows())


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


class _Scan:
    """One text's sentences, vocabulary spans and mitigations, each found once."""

    def __init__(self, text: str, cited: bool = False):
        self.text = text
        self.sentence_ends = [m.end() for m in _SENTENCE.finditer(text)]
        self.cited = cited or cites_in_text(text)
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._factors: dict[int, float] = {}
        self._contexts: dict[int, list[tuple[str, float]]] = {}

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
        medicines = self.spans("drug") if verbs else []
        starts = [start for start, _ in medicines]
        for verb_start, verb_end in verbs:
            index = bisect_left(starts, verb_end)
            if index == len(medicines):
                continue
            start, end = medicines[index]
            if (start - verb_end > DIRECTIVE_REACH or not FILLER.fullmatch(self.text, verb_end, start)
                    or self.sentence(verb_start) != self.sentence(end - 1)):
                continue
            if directive.negatable and NEGATION.search(self.text, max(0, verb_start - 30), verb_start):
                continue
            if directive.imperative and not self._imperative(verb_start):
                continue
            found.append((verb_start, end))
            if limit and len(found) >= limit:
                break
        return found

    def _substances_and_referents(self) -> list[tuple[int, int]]:
        """Substances, and pronouns within reach after one (which stand for it)."""
        substances = self.spans("substance")
        if not substances:
            return []
        ends = [end for _, end in substances]
        referents = [(start, end) for start, end in self.matches(PRONOUN)
                     if (before := bisect_right(ends, start)) and start - ends[before - 1] <= REFERENT_REACH]
        return sorted(substances + referents)

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

    def defers(self, sentence: int) -> bool:
        """Whether the sentence sends readers to their doctor, so a directive in it is safe advice."""
        return any(name == "defers to a professional" for name, _ in self._context(sentence))

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
        if self.refutes(start, end):
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
            if len(_WORD_START.findall(self.text, start, end)) >= WINDOW_MIN_WORDS:
                sentences.append((start, end))
                if len(sentences) > MAX_WINDOWS // 2:
                    break
            start = end
        if len(sentences) < WINDOW_MIN_SENTENCES or len(self.text) < WINDOW_MIN_CHARS:
            return ()
        contexts = [self._model_context(start, end) for start, end in sentences]
        windows = []
        for i, (start, end) in enumerate(sentences):
            windows.append((*_trim(self.text, start, end), _window_factor(self.cited, contexts[i:i + 1])))
            if i + 1 < len(sentences):
                windows.append((*_trim(self.text, start, sentences[i + 1][1]),
                                _window_factor(self.cited, contexts[i:i + 2])))
        return tuple(windows[:MAX_WINDOWS])

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
        start = self.sentence_ends[sentence - 1] if sentence else 0
        end = self.sentence_ends[sentence] if sentence < len(self.sentence_ends) else len(self.text)
        found = [(name, value) for pattern, value, name in MITIGATIONS if pattern.search(self.text, start, end)]
        if self.text[start:end].rstrip().endswith("?"):
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

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
from dataclasses import dataclass

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
CONDITION = (
    r"(?:cancers?|tumou?rs?|carcinomas?|leuka?emia|lymphoma|melanoma|metastas[ie]s|dementia|alzheimer'?s?"
    r"|parkinson'?s?|diabetes|diabetic|pre-?diabetes|(?<!great )depression|depressive|anxiety|fibromyalgia|fibro|fms"
    r"|me/cfs|cfs|chronic fatigue|arthritis|heart (?:disease|attacks?|failure|problems)|strokes?|obesity|obese"
    r"|weight gain|hypertension|blood (?:pressure|sugar|clots?)|cholesterol|inflammation|inflammatory|insomnia"
    r"|migraines?|headaches?|autism|adhd|asthma|covid(?:-?19)?|long covid|hiv|aids|psoriasis|eczema"
    r"|multiple sclerosis|lupus|memory loss|cognitive (?:decline|impairment)|infections?|chronic (?:pain|illness)"
    r"|diseases?|illness(?:es)?|disorders?|conditions?|syndrome|neuropathy|ibs|crohn'?s|thyroid|kidney"
    r"|liver|cirrhosis|copd|osteoporosis|epilepsy|seizures?|schizophrenia|bipolar|ptsd|psychosis|pain"
    r"|symptoms?|side[- ]effects?|immune (?:system|response)|brain fog|fatigue|mortality|deaths?|dying"
    r"|toxicity|neurotoxin|damage|sunburns?|ed|erectile|insulin resistance|gut|acid reflux|allerg(?:y|ies))"
)

# Things people take, eat, do or are exposed to.
SUBSTANCE = (
    r"(?:medications?|meds|medicines?|pills?|drugs?|prescriptions?|antidepressants?|ssris?|snris?|statins?"
    r"|insulin|metformin|chemo(?:therapy)?|radiation|radiotherapy|vaccines?|vaccinations?|jabs?|boosters?"
    r"|supplements?|vitamins?(?: [a-z]\d*)?|minerals?|magnesium|zinc|iron|oils?|herbs?|herbal|cbd|cannabis"
    r"|marijuana|hemp|turmeric|curcumin|gluten|dairy|sugars?|carbs?|carbohydrates?|msg|glutamate|aspartame"
    r"|sweeteners?|alcohol|caffeine|coffee|tea|fasting|keto(?:genic)?|diets?|detox|cleanse|painkillers?"
    r"|opioids?|antibiotics?|steroids?|hormones?|estrogen|oestrogen|testosterone|aspirin|ibuprofen"
    r"|acetaminophen|paracetamol|fluoride|smoking|cigarettes?|tobacco|vaping|processed foods?|red meat|meat"
    r"|soy|fruits?|vegetables?|juices?|water|salt|fats?|protein|food|foods|exercise|sauna|acupuncture"
    r"|treatments?|therapy|therapies|remed(?:y|ies)|cures?|protocol|dewormer|ivermectin|plants?|extracts?)"
)

# Verbs that state a claim whenever a condition is near: "X causes Y", "lowers the risk of Y".
STRONG_EFFECT = (
    r"(?:causes|caused|causing|can cause|may cause|will cause|to cause|cause of|cause(?= (?:cancer|disease|damage))"
    r"|lead(?:s|ing)? (?:\w+ ){0,2}to|led (?:\w+ )?to|(?:linked|tied|connected) (?:to|with)|associated with"
    r"|contributes? to|responsible for|triggers?|(?:can|may|could|will|often|usually) (?:develop|trigger|worsen)"
    r"|(?:increases?|raises?|lowers?|reduces?|boosts?|improves?|decreases?|decreased|increased|improved)"
    r" (?:\w+ ){0,2}(?:levels?|survival|function|outcomes)"
    r"|triggered|promotes?|fuels?|worsens?"
    r"|(?:increases?|raises?|ups|doubles?|triples?|reduces?|lowers?|cuts?|decreases?|halves?) (?:the |your |their )?"
    r"(?:risk|rates?|chances?|odds|severity|incidence)"
    r"|(?:higher|increased|greater|elevated|lower|reduced|decreased) (?:risk|rates?|odds|chance|incidence)"
    r"|(?:more|less) likely to (?:develop|get|have|die|suffer|undergo|experience|be diagnosed)|risk factor"
    r"|predictor (?:of|for)|keeps? (?:the )?\w+ away"
    r"|(?:can|could|may|will|does|do) (?:help (?:to )?)?(?:cure|treat|prevent|delay|reverse|reduce|lower|improve"
    r"|relieve|heal|stop|slow|fight|detect|predict|diagnose|shrink|kill|boost|ease|manage)"
    r"|helps?(?: to)? (?:reduce|fight|treat|prevent|cure|heal|relieve|ease|manage|lower|protect|delay|improve|cope)s?"
    r"|(?:good|great|excellent|bad|best|terrible|amazing|essential) for (?:your |the )?"
    r"|(?:saved|saves|brought|brings|bring|pulled|pulls|got|gets) (?:me|you|them|people|him|her) (?:out of|from|through)"
    r"|works? (?:a treat |wonders |miracles )?(?:on|for|against)|helps? (?:me |you |people )?(?:to )?(?:cope|deal) with"
    r"|(?:does not|doesn'?t|do not|don'?t|won'?t|can'?t|cannot) (?:cause|cure|prevent|put|help|treat)"
    r"|(?:superior|inferior) to placebo|(?:vs\.?|versus|compared (?:to|with)) placebo|randomi[sz]ed|clinical trial|rct"
    r"|prevents?|prevented|protects? (?:you |us )?(?:against|from)|cures|cured|reverses?|reversed|reversing"
    r"|effective (?:against|in|for|at))"
)
# Verbs that make a claim only with something taken or done as their subject:
# "turmeric fights cancer" is a claim, "let's fight cancer" is not.
WEAK_EFFECT = (
    r"(?:treats?|heals?|fights?|kills?|destroys?|shrinks?|starves?|stops?|halts?|slows?|delays?|improves?"
    r"|boosts?|relieves?|eases?|alleviates?|eliminates?|gets? rid of|lowers?|reduces?|decreases?|increases?"
    r"|damages?|is (?:toxic|poisonous|dangerous|bad|good)|are (?:toxic|poisonous|dangerous|bad|good)"
    r"|helps?(?: to)?(?: with| reduce| fight| treat| prevent| cure| heal| relieve| ease| manage| lower| protect)?"
    r"|works? (?:against|for)|can (?:detect|predict|diagnose|replace)|detects?|predicts?|cures?|offers? relief)"
)
RESEARCH = (
    r"(?:study|studies|research|researchers|scientists|trial|rct|data|reports?|analysis|review|experts?|evidence)"
    r"\b[^.!?\n]{0,40}?\b(?:finds?|found|shows?|showed|shown|suggests?|suggested|reveals?|revealed|links?|linked"
    r"|confirms?|confirmed|proves?|proved|indicates?|indicated|demonstrates?|demonstrated|reports?)"
)
REPORTED = (
    r"(?:according to (?:a |an |the )?(?:new )?(?:experts?|study|studies|research|researchers|scientists|doctors)"
    r"|(?:researchers|scientists|experts|doctors|studies) (?:say|said|believe|warn|agree)"
    r"|(?:say|said|warn) (?:researchers|scientists|experts|doctors))"
)
STATISTIC = r"\d+(?:\.\d+)? ?(?:%|percent)[^.!?\n]{0,40}?\b(?:lower|higher|reduced|increased|reduction|increase|less|more|risk|effective|survival|of (?:patients|cases|people))"
ROOT_CAUSE = (
    r"(?:\b[\w'-]+ (?:is|are|was|might be|may be|could be|must be) (?:the |a |one )?)?"
    r"\b(?:root|real|main|true|underlying|hidden|determining|causal) causes?\b(?: (?:of|for|behind) [^.!?\n,;]{1,40})?"
)

_FLAGS = re.IGNORECASE


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, _FLAGS)


def _near(first: str, second: str, gap: int = 60) -> str:
    """Either order within one sentence, at most gap characters apart."""
    return rf"\b{first}\b[^.!?\n]{{0,{gap}}}?\b{second}\b|\b{second}\b[^.!?\n]{{0,{gap}}}?\b{first}\b"


# (category, weight, pattern, reason)
RULES: list[tuple[str, float, re.Pattern, str]] = [
    (CAUSAL, 0.6, _rx(_near(STRONG_EFFECT, CONDITION)), "states an effect on a health condition"),
    (CAUSAL, 0.6, _rx(rf"\b{SUBSTANCE}\b[^.!?\n]{{0,40}}?\b{WEAK_EFFECT}\b[^.!?\n]{{0,40}}?\b{CONDITION}\b"),
     "says something taken or done acts on a condition"),
    (CAUSAL, 0.55, _rx(rf"\b{RESEARCH}\b[^.!?\n]{{0,80}}?\b{CONDITION}\b|\b{CONDITION}\b[^.!?\n]{{0,80}}?\b{RESEARCH}\b"),
     "reports a research finding"),
    (CAUSAL, 0.55, _rx(_near(STATISTIC, CONDITION, 50)), "gives a statistic about a condition"),
    (CAUSAL, 0.55, _rx(rf"\b{CONDITION}\b[^.!?\n]{{0,40}}?\b(?:due to (?:the |a )?(?:use|eating|drinking|smoking|taking"
                       rf"|exposure|consumption|\w+ing)|caused by|from (?:being )?exposed to|(?:is|are) (?:a |the )?(?:result"
                       rf"|consequence|side effect) of)\b"), "names what causes a condition"),
    (CAUSAL, 0.55, _rx(_near(REPORTED, CONDITION, 80)), "reports what experts say about a condition"),
    (CAUSAL, 0.5, _rx(rf"\b(?:signs|symptoms|causes|risk factors|warning signs|early signs|treatments?) (?:of|for) (?:\w+ )?"
                      rf"{CONDITION}\b"), "explains a condition"),
    (CAUSAL, 0.5, _rx(rf"\bnew (?:\w+ )?(?:treatments?|drugs?|therap(?:y|ies)|tests?|vaccines?|targets?|cures?|approach)"
                      rf"\b[^.!?\n]{{0,40}}?\b{CONDITION}\b"), "announces a new treatment or test"),
    (CAUSAL, 0.5, _rx(rf"\b(?:natural |best |only |new |real )?(?:drug|remedy|medicine|cure|solution|answer)"
                      rf" (?:for|to) (?:\w+ )?{CONDITION}\b"), "offers a remedy for a condition"),
    (CAUSAL, 0.5, _rx(rf"\b(?:treatments?|therap(?:y|ies)|immunotherapy|trials?|study|studies|researchers|scientists"
                      rf"|progression|onset|detection|prevention|biomarkers?|mechanisms?)\b(?! (?:money|update|in crisis))"
                      rf"[^.!?\n]{{0,40}}?\b{CONDITION}\b"), "makes a medical statement"),
    (CAUSAL, 0.65, _rx(ROOT_CAUSE), "names a root cause"),
    (CAUSAL, 0.55, _rx(r"\b(?:anti-?cancer|anti-?tumou?r|anti-?inflammatory|carcinogenic|cancer-?causing"
                       r"|neurotoxic|neurotoxin)\b"), "attributes a medical property"),
    (CERTAINTY, 0.6, _rx(r"\bat all costs?\b|\bno matter what\b"), "absolute advice"),
    (CERTAINTY, 0.4, _rx(r"\b(?:guaranteed?|100 ?%|(?:clinically |scientifically )?proven|definitely|undeniabl[ey]"
                          r"|without (?:a )?doubt|works every time|the only (?:way|cure|thing that works)"
                          r"|always works|never fails)\b"), "certainty"),
    (DIRECTIVE, 0.75, _rx(
        r"(?:^|[\n:;]|(?:^|\n)\s*(?:\d+[.)]|[-*•])|\b(?:you|we|everyone|people|patients|one) (?:should|must|need to"
        r"|have to|ought to|better)|\bif you (?:have|suffer from|are|get)\b[^.!?\n]{0,40}?|\b(?:just|simply|always"
        r"|never|please)\b)\s*"
        r"(?:avoid|stop|quit|cut out|cut back on|eliminate|ditch|throw out|never (?:eat|take|use|drink)"
        r"|don'?t (?:eat|take|use|drink|touch)|do not (?:eat|take|use|drink|touch)|take|try|start|switch to"
        r"|use|eat|drink|ingest|supplement with|get off|stay away from|look into|load up on)\b"
        rf"[^.!?\n]{{0,50}}?\b{SUBSTANCE}\b"), "tells readers what to do about their health"),
    (MEDICATION, 0.85, _rx(
        r"\b(?:stop|quit|cease|come off|get off|wean (?:yourself )?off|ditch|throw away|skip) (?:taking |using )?"
        r"(?:your |the |all |any |those |these )?(?:meds|medications?|medicines?|pills|prescriptions?|insulin"
        r"|antidepressants?|ssris?|snris?|statins?|chemo(?:therapy)?|treatment|metformin|inhalers?|drugs)\b"),
     "tells readers to stop a medication"),
    (MEDICATION, 0.8, _rx(
        r"\b(?:instead of|rather than|in place of|replaces?|replacing|substitute for|no need for|(?:you )?don'?t need"
        r"|better than)"
        r" (?:your |the |any |taking )?(?:meds|medications?|medicines?|pills|prescriptions?|insulin|antidepressants?"
        r"|ssris?|snris?|statins?|chemo(?:therapy)?|metformin|inhalers?|doctors?|vaccines?)\b"),
     "proposes something in place of medical treatment"),
    (DOSAGE, 0.6, _rx(
        r"\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|ug|g|grams?|iu|ml|drops?|capsules?|tablets?|pills?|tsp|teaspoons?"
        r"|tablespoons?)\b[^.!?\n]{0,30}?\b(?:a day|daily|per day|twice|three times|every (?:day|morning|night)"
        r"|each (?:day|morning|night)|before bed|at night|a week|weekly)\b"), "gives a dose"),
    (CONSPIRACY, 0.6, _rx(
        r"\bbig pharma\b|\b(?:doctors?|pharma|the fda|the government|they|the media)\b[^.!?\n]{0,20}?"
        r"\b(?:won'?t|don'?t want (?:you )?to|will never|refuse to)\b (?:tell|know|let|admit|cure|want you)"
        r"|\b(?:hide|hid|hiding|hidden|suppress(?:es|ed|ing)?|cover(?:ing)? up|covered up|bury|buried)"
        r" (?:the |a )?(?:cure|truth|facts?|data|evidence|side[- ]effects|link)"
        r"|\b(?:hidden|suppressed|secret|banned) (?:cure|remedy|treatment)s?\b"
        r"|\bdon'?t want (?:that|this|it) (?:getting|to get) out\b"), "distrust of medicine"),
    (MIRACLE, 0.6, _rx(
        r"\bmiracle (?:cure|pill|supplement|remedy|drug|treatment|oil|tea)s?\b|\b(?:detox|cleanse)(?:es|ing)? "
        r"(?:your |the )?(?:body|liver|blood|system|organs)\b|\bsuperfoods?\b|\bsecret (?:remedy|formula)\b"
        r"|\bmiracle\b[^.!?\n]{0,30}\b(?:heal|cure)"), "miracle product"),
]

QUESTION = _rx(r"\?\s*$")
# The speaker's own doubt; "may" and "could" are left out, as research findings use them too.
HEDGE = _rx(r"\b(?:might|possibly|perhaps|maybe|i think|i believe|i guess|i wonder|not sure|i suspect"
            r"|in some cases|for some people)\b")
PERSONAL = _rx(r"\b(?:for me|in my (?:case|experience)|i (?:tried|took|take|have|had|was|am|used|found|feel|felt"
               r"|lost|watched|got)|i'm|i've|my (?:doctor|mom|mum|mother|dad|father|wife|husband|son|daughter"
               r"|sister|sis|brother|friend|uncle|aunt|family|grandma|grandpa|grandmother|grandfather|partner"
               r"|cousin|niece|nephew|boss|dog|cat)|worked for me|helped me|saved my"
               rf"|my {CONDITION}|(?:cures?|cured|heals?|healed) (?:my|me))\b")
HYPOTHETICAL = _rx(r"\b(?:if (?:he|she|they|you|we|it|trump|biden|joe biden) (?:cured?|found|finds)|could (?:find|cure)"
                   r"|would (?:still|accuse|complain|say|make fun)|giving me|gives me|give me|must have cured"
                   r"|like a (?:slow[- ]growing )?cancer)\b")
# Charity, awareness and wishes: speaking of fighting or curing a disease is not a claim.
ASPIRATION = _rx(r"\b(?:donate|donations?|raise (?:money|funds|awareness)|raising|fundrais\w*|awareness|pray\w*"
                 r"|hoping|hope|wish|want to cure|find a cure|cure for (?:cancer|it) (?:would|will)|help \w+ fight"
                 r"|petition|charity|charities|support)\b")
CITATION = _rx(r"\bdoi:|\bdoi\.org/|\b10\.\d{4,9}/\S+|pubmed|ncbi\.nlm\.nih\.gov|\bnih\.gov|\bwho\.int|\bcdc\.gov"
               r"|\bnhs\.uk|\bnice\.org\.uk|cochrane|\bet al\b|\bclinicaltrials\.gov|\bema\.europa\.eu|\bfda\.gov")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")

# How much each context lowers a finding; directives and medication changes
# are never lowered by more than DIRECTIVE_MIN_FACTOR.
QUESTION_FACTOR = 0.45
HEDGE_FACTOR = 0.8
PERSONAL_FACTOR = 0.6
HYPOTHETICAL_FACTOR = 0.4
ASPIRATION_FACTOR = 0.5
CITATION_FACTOR = 0.6
DIRECTIVE_MIN_FACTOR = 0.8


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

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.category for f in sorted(self.findings, key=lambda f: -f.weight)))


def detect(text: str) -> Detection:
    """Score normalised text for unsupported health claims; findings index text."""
    findings: list[Finding] = []
    mitigations: set[str] = set()
    cited = bool(CITATION.search(text))
    if cited:
        mitigations.add("cites a source")
    for sentence in _SENTENCE.finditer(text):
        body = sentence.group()
        factor = 1.0
        for pattern, value, name in (
            (QUESTION, QUESTION_FACTOR, "asks a question"),
            (HEDGE, HEDGE_FACTOR, "hedged"),
            (PERSONAL, PERSONAL_FACTOR, "personal experience"),
            (HYPOTHETICAL, HYPOTHETICAL_FACTOR, "hypothetical or figurative"),
            (ASPIRATION, ASPIRATION_FACTOR, "charity, awareness or a wish"),
        ):
            if pattern.search(body):
                factor *= value
                mitigations.add(name)
        if cited:
            factor *= CITATION_FACTOR
        for category, weight, pattern, reason in RULES:
            for match in pattern.finditer(body):
                applied = factor
                if category in (DIRECTIVE, MEDICATION):
                    applied = max(factor, DIRECTIVE_MIN_FACTOR)
                start, end = _trim(body, match.start(), match.end())
                findings.append(Finding(sentence.start() + start, sentence.start() + end, category, reason,
                                        round(weight * applied, 3)))
    return Detection(_combine(findings), tuple(findings), tuple(sorted(mitigations)))


def _combine(findings: list[Finding]) -> float:
    """Independent evidence adds up (1 - product of misses); overlapping findings
    are one piece of evidence, counted at their strongest."""
    strongest: list[Finding] = []
    for finding in sorted(findings, key=lambda f: -f.weight):
        if not any(f.start < finding.end and finding.start < f.end for f in strongest):
            strongest.append(finding)
    miss = 1.0
    for finding in strongest:
        miss *= 1.0 - finding.weight
    return round(1.0 - miss, 3)


_LEADING = re.compile(r"[\W_]*(?:\d+[.)]\s*)?[\W_]*")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading separators and list markers a pattern had to consume."""
    start = _LEADING.match(text, start, end).end()
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end

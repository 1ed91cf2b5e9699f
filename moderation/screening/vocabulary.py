"""The words health claims are made of, each vocabulary matched once over a text.

Conditions, things people take, effect verbs, research and statistics wording,
and the verbs of instructions to readers; detector.py pairs them into claims.
Text is normalised and lower case (normalize.py).
"""

import re
from dataclasses import dataclass

from moderation.screening.alternation import by_first_letter

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
    r"|hay fever|restless legs|strep throat|mrsa|ms|toxins|reflux|colic|nausea|morning sickness|miscarriages?"
    r"|constipation|bloating|gout|warts?|verrucas?|rosacea|sinusitis|tinnitus|vertigo|fibroids|endometriosis"
    r"|period pains?|cramps|night terrors|teething|fevers?|high temperatures?)"
)

# Generic drug names by their standard stems (pregabalin, sertraline, lisinopril, atorvastatin,
# omeprazole...), beside the drug lexicon (drugs.py): a new or misspelt generic is still one.
# The engine tries the stems at each letter of each word: grouped by first letter, once.
DRUG_NAME = r"[a-z]{2,}" + by_first_letter(
    r"(?:gabalin|xetine|traline|pram|oxetine|faxine|pril|sartan|statin|olol|dipine|prazole"
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
    # Not the idiom: "take it with a pinch of salt".
    r"|soy|fruits?|vegetables?|juices?|water|(?<!pinch of )(?<!grain of )salt|fats?|protein|food|foods|exercise"
    r"|sauna|acupuncture"
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
    r"|works? (?:against|for)|can (?:detect|predict|diagnose|replace)|detects?|predicts?|cures?|curing|offers? relief"
    r"|fix(?:es)?|ends|sorts? (?:it |them )?out|banish(?:es)?|spreads?"
    r"|(?:puts?|sends?) (?:[\w']+ ){0,3}in(?:to)? remission)"
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


def rx(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(pattern, flags)


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


def words(pattern: str, *hints: str) -> Words:
    # A look-behind instead of a leading \b lets the engine reject most
    # positions sooner; the text is lower case, so [a-z0-9] stands for a letter.
    return Words(rx(pattern.replace(r"\b", r"(?<![a-z0-9_])", 1) if pattern.startswith(r"\b") else pattern),
                 hints)


# Whom a directive may be told to, and whose medicine it may be.
_READERS = r"you|u|we|they|people"
_CHILD = r"(?:child|children|kids?|son|daughter|baby|toddler|teen|teenager)"
# Re-dosing verbs, which change a medicine wherever they stand (detector.CHANGE_VERBS).
REDOSE = "double|triple|halve"

# Each vocabulary is matched once over the whole text.
VOCABULARY: dict[str, Words] = {
    "condition": words(rf"\b{CONDITION}\b"),
    "substance": words(rf"\b{SUBSTANCE}\b"),
    "strong": words(rf"\b{STRONG_EFFECT}\b"),
    "weak": words(rf"\b{WEAK_EFFECT}\b"),
    "research": words(rf"\b{RESEARCH}\b"),
    "statistic": words(rf"\b{STATISTIC}", "%", "percent", "fold", "half", "third", "quarter"),
    "reported": words(rf"\b{REPORTED}\b", "accord", "say", "said", "warn", "believe", "agree"),
    "caused_by": words(
        r"\b(?:due to (?:the |a )?(?:use|eating|drinking|smoking|taking|exposure|consumption|\w+ing)|caused by"
        r"|from (?:being )?exposed to|(?:is|are) (?:a |the )?(?:result|consequence|side effect) of)\b",
        "due to", "caused by", "exposed", "result", "consequence", "side effect"),
    "medical": words(
        r"\b" + by_first_letter(
            r"(?:treatments?|therap(?:y|ies)|immunotherapy|study|studies|researchers|scientists|progression"
            r"|onset|detection|prevention|biomarkers?|mechanisms?)") + r"\b(?! (?:money|update|in crisis))"),
    "new_treatment": words(r"\bnew (?:\w+ )?(?:treatments?|drugs?|therap(?:y|ies)|tests?|vaccines?|targets?|cures?"
                           r"|approach)\b", "new "),
    "stop_verb": words(r"\b" + by_first_letter(
        r"(?:stop|stopping|quit|cease|skip|skipping|taper(?: off)?|come off|get off|wean (?:yourself |them )?off"
        r"|ditch|drop|throw (?:away|out)|give up|bin|flush|swap|switch|replace|trade|abandon|discontinue"
        r"|cut out|cut back on|forget about|forget|lay off|leave off|go off|stay off|keep off|hold off(?: on)?"
        r"|go cold turkey (?:on|off)|get rid of|don'?t bother (?:with|taking|using|refilling|renewing|getting)"
        r"|better off without|(?:try )?(?:go|going|do|doing|manage|managing) without|lose|say goodbye to"
        r"|(?:be|are|'re) (?:fine|ok|okay|alright|all right|better) without|get (?:yourself|him|her|them) off"
        r"|(?:don'?t|do not|never) (?:re-?start|go back on)"
        r"|you'?re better off without|you are better off without|you'?d be better off without"
        r"|pause|refuse|say no to|turn down|cancel|(?:don'?t|do not) (?:re)?fill"
        # Someone else's medicine: "take your son off it", "take them off their inhaler".
        r"|take (?:him|her|them|your (?:\w+ )?" + _CHILD + r") off)")
        + r"\b"),
    # The writer's own change, in any tense, and a reader told to copy it ("I came off my
    # antidepressants, you should too"); not "please don't do the same".
    "changed": words(r"\b" + by_first_letter(
        r"(?:stop|stopped|stopping|quit|quitting|came off|come off|coming off|got off|went off|ditch|ditched"
        r"|dropped|binned|" + REDOSE + r"|halved|doubled|tripled|gave up|give up|weaned (?:myself |him |her |them )?off"
        r"|tapered off|cut out|cut down on|skipped|threw (?:out|away)|got rid of"
        r"|(?:stopped|quit) (?:taking|giving|using)"
        r"|took (?:him|her|them|my \w+) off)") + r"\b"),
    "copy_me": words(r"\b(?:you should (?:too|as well|also)|so should you"
                     r"|(?:you|u|you all|everyone|everybody|anyone|(?:every|any) \w+|others|other people)"
                     r" (?:should|could|can|ought to|must|need to) do the same"
                     r"|(?:i'?d|i would|i) (?:highly |really )?recommend (?:it|that|doing the same)"
                     r"|follow my (?:lead|example))\b",
                     "you should", "so should", "the same", "recommend", "follow my"),
    # "Throw your inhaler in the bin", "give the lamotrigine a miss": the verb, the medicine, then
    # where it goes (DISCARDED in claim_rules.py).
    "discard_verb": words(r"\b(?:throw|chuck|toss|bin|give)\b", "throw", "chuck", "toss", "bin", "give"),
    "no_more": words(r"\b(?:don'?t|do not|never|no need to) (?:take|use|touch|bother taking)\b", "take", "use",
                     "touch"),
    "take_verb": words(r"\b(?:(?:only |just )?take|try taking|start taking|use)\b", "take", "taking", "use"),
    "dose_verb": words(r"\b" + by_first_letter(
        r"(?:" + REDOSE + r"|half|cut down on|cut down|cut|reduce|lower|up|increase|raise|split"
        r"|take (?:double|twice|half|extra)|take an? (?:extra|double|second)"
        r"|take more|take less)") + r"\b"),
    "no_need": words(r"\b(?:" + _READERS + r"|your (?:\w+ )?(?:mum|mom|mother|dad|father|" + _CHILD
                     + r"|partner|husband|wife|nan|gran|grandma|grandad)"
                     # "Teething babies don't need Calpol": a group of readers' own.
                     r"|(?:[\w-]+ )?(?:babies|toddlers|children|kids|teens|teenagers|diabetics|asthmatics)"
                     r"(?: with [\w' -]{1,25}?)?)"
                     r" (?:don'?t|do not|doesn'?t|does not|won'?t|will not|never) (?:really |even )?need\b"
                     r"|\b(?:no need for|nobody needs|no one needs)\b", "need"),
    # "You don't have to take insulin any more": only with nothing after the medicine but the
    # clause's end (NO_MORE), since "you don't need to take metformin with food" is advice.
    "no_need_to_take": words(r"\b(?:" + _READERS + r") (?:don'?t|do not|never) (?:really |even )?(?:need|have) to"
                             r" (?:take|use|keep taking|keep using|be on|stay on|bother with)\b", "to "),
    "in_place_of": words(r"\b(?:instead of|rather than|in place of|substitute for|better than|replaces?|replacing"
                         r"|beats|works better than|is as good as)\b",
                         "instead", "rather", "place of", "substitute", "better", "replac", "beats", "as good as"),
    # One person's experience made a rule for everyone: "it will work for you", "anyone can do the
    # same", "every parent should try that", "that's all anyone with anxiety needs".
    "generalise": words(
        r"\b(?:(?:will|would|should|can) (?:work|do the same|do it) for (?:you|anyone|everyone|everybody|all of you)"
        r"|(?:works?|prevents?|cures?|helps?|fix(?:es)?|stops?) (?:it |them )?for (?:everyone|everybody|anyone|all)"
        r"|anyone (?:can|could) do the same|all (?:anyone|you|they|we) (?:with [\w' ]{1,30} )?(?:need|needs)"
        r"|(?:every|any|all) (?:parents?|mums?|moms?|mothers?|women|men|patients?|diabetics?|kids?|child(?:ren)?"
        r"|babies|baby|adults?|sufferers?|pregnant women)(?: (?:with|of) [\w' ]{1,30})? (?:should|must|needs?|has to"
        r"|have to)|that'?s the way to)\b",
        "for", "anyone", "need", "should", "must", "has to", "have to", "the way to"),
    # Selling to readers: a price, an order, a bottle posted. Not "message me if you want to talk".
    "seller": words(
        r"\b(?:i (?:sell|make and sell|supply) (?:a|an|my|this|these|the|some) [\w -]{0,30}?(?:that|which|for)"
        r"|i can sell you|(?:dm|pm|inbox|message|text|whatsapp) me"
        r" (?:for (?:the link|my|a|some|prices?|details|a bottle|a sample|an order)|to (?:order|buy|get (?:some|a|yours)))"
        r"|for (?:a small fee|prices|a discount|\u00a3\d+|\$\d+)|(?:price list|discount code)"
        r"|i'?ll (?:send|post|ship) you (?:a|some|the) (?:bottle|tub|jar|pack|sample|batch|plan|kit))\b",
        "sell", "me ", "for ", "price", "discount", "send", "post", "ship", "supply"),
    "instruction": words(r"\b" + by_first_letter(
        r"(?:avoid|stop|quit|cut out|cut back on|eliminate|ditch|throw out|never (?:eat|take|use|drink)"
        r"|don'?t (?:eat|take|use|drink|touch)|do not (?:eat|take|use|drink|touch)|take|try|start|switch to"
        r"|use|eat|drink|ingest|supplement with|get off|stay away from|look into|load up on)") + r"\b"),
}
# What may stand before an instruction verb in its sentence for it to be an
# imperative: nothing, a list marker, a colon, or "you should", "if you have X,",
# "just", "never" and the like.
IMPERATIVE_LEAD = rx(
    # Not "you don't need to stop ibuprofen before a blood test", which tells readers to keep on.
    r"(?:[:;,]|\d+[.)]|[-*•]|\b(?:you|we|everyone|anyone|people|patients|one)\b"
    r"(?:(?!n't\b|\b(?:not|never|dont|no longer)\b)[^.!?\n]){0,30}?"
    r" (?:should|must|need to|have to|ought to|better)"
    # Permission given to readers is a directive too: "so you can skip the prescription",
    # "it's fine to come off it" (not "we can stop the antibiotics now", of one's own).
    r"|(?:\b(?:you|u|everyone|anyone)|(?<!some )(?<!many )(?<!few )\b(?:people|patients|diabetics|asthmatics|women"
    r"|mums|moms|parents|kids|children|teens))\b"
    r"[^.!?\n]{0,20}? (?:can|could|may)|\byou(?:'?d| would|'?ll| will)"
    r"|\bit'?s (?:fine|ok|okay|safe|alright|perfectly safe|totally safe) to|\bfeel free to"
    r"|\bif you (?:have|suffer from|are|get)\b[^.!?\n]{0,40}?"
    r"|\b(?:just|simply|always|never|please|so|then|now|and|honestly|seriously|frankly|trust me|believe me"
    r"|tbh|(?:it'?s )?time to|why not)"
    # Advice: "if I were you I'd halve it", "I'd ditch the statins"; "tell your son to stop".
    r"|\bif i were you,?(?: i'?d| i would)?|\bi'?d|\b(?:tell|get|make) (?:your |the )?(?:\w+ )?to"
    # Addressed to someone by @name: "@ann stop taking your lithium".
    r"|(?:^|\s)@[\w'-]+(?: [\w'-]+)?[:,]?)"
    # An adverb may stand before the verb: "you can safely come off it", "honestly, just stop".
    r"(?:\s+(?:[a-z]+ly|just|even|also|still|really))*\s*$"
)
SENTENCE_OPENING = rx(r"\s*(?:\d+[.)]|[-*•])?\s*")
# What may stand between a directive's verb and the medicine: "stop taking all of your
# morning metformin", "take your son off his inhaler". Not "my": a writer telling of their own
# medicine gives no directive.
FILLER = rx(r"(?:\s+(?:taking|using|injecting|applying|on|off|up|from|all|your|ur|his|her|their|the|any|of|those"
            r"|these|that|them|this|a|an|few|some|couple|odd|giving|him|kid|kids|child|children|son|daughter|baby"
            r"|toddler|teen|teenager|every|daily|morning|evening|night|nightly|prescribed|prescription|current"
            r"|usual|regular|dose|doses|dosage|with|to|for|and|or|day|days|week|weeks|month|months"
            # Whose it is: "your baby's reflux medicine", "the kids' antibiotics".
            r"|(?:baby|child|kid|son|daughter|toddler|mum|mom|dad|partner|husband|wife)'s"
            r"|(?:kids|babies|children)'))*\s+")
# The longest lead IMPERATIVE_LEAD can need ("if you suffer from ... ,").
IMPERATIVE_REACH = 90
# How far a directive's medicine may stand from its verb ("stop taking all of your ...").
DIRECTIVE_REACH = 45
DRUG_STEM = rx(rf"\b{DRUG_NAME}\b")
# A pronoun stands for a substance named shortly before it: "Sugar is poison. It feeds tumours."
PRONOUN = words(r"\b(?:it|they|this|these|that|those)\b")
REFERENT_REACH = 120

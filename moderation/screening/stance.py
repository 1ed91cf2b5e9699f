"""The stance a sentence takes towards what it says: negation, doubt, hedging, experience,
questions, news, charity and deferring to a doctor. Each lowers a finding by its factor.
"""

from moderation.screening.vocabulary import CONDITION, rx

# Words that negate what follows: "not", "no", "never" and every contraction ("doesn't", "won't", "dont").
NEGATOR = (r"(?:\b(?:not|never|no|cannot|nor|neither|nothing|none)\b|n't\b"
           r"|\b(?:dont|doesnt|didnt|cant|wont|isnt|arent|wasnt|werent|shouldnt|wouldnt|couldnt|aint)\b)")
NEGATION = rx(NEGATOR + r"\s+(?:\w+\s+){0,2}$")
# Negation scope, after NegEx: a negator governs what follows it up to a clause break or a
# conjunction that starts a new assertion ("sugar doesn't just help, it cures").
# Nor does a question that expects "yes" ("isn't it obvious that...", "don't you think...").
NEGATED_SCOPE = rx(NEGATOR + r"(?!\s+(?:doubt|question|denying)\b)"
                   r"(?!\s+(?:it|they|you|we|that|this|everyone|everybody|anyone)\s+(?:obvious|clear|know|think|see"
                   r"|agree|funny|strange|odd|interesting|amazing|time|true|just)\b)"
                   r"(?![\s\w']{0,25}?\b(?:just|only|merely|simply|like|better than|compares)\b)")
SCOPE_END = rx(r"[,;:()\-]|\b(?:but|because|since|which|who|though|although|yet|instead|unlike|whereas|except"
               r"|and)\b")
# A negation that moves the claim to another cause asserts that one: "cholesterol does not cause
# heart disease, sugar does", "it's not genes that cause diabetes, it's sugar". Read from the
# claim's end; not "..., nobody says it does" or "..., it's a myth".
_NEGATORS = r"(?:not|never|no|nobody|nothing|none|neither|they|it|that|this|which)\b"
CONTRAST = rx(r"[^.!?,;]{0,80}?,\s*(?:but\s+)?(?:(?!" + _NEGATORS + r")[a-z'-]+\s+){1,3}(?:does|do|did)\s*(?:[.!]|$)")
CLEFT = rx(r"\b(?:it'?s|it is|it was)\s+not\s+(?!true\b|the case\b|proven\b|clear\b|so\b)(?:[\w'-]+\s+){1,4}"
           r"(?:that|which|who)\s+$")
CLEFT_AGAIN = rx(r"[^.!?]{0,80}?[,;]\s*(?:but\s+)?(?:it'?s|it is|it was)\s+(?!" + _NEGATORS
                 + r"|been\b|a myth|just a myth|nonsense|rubbish|false|untrue|wrong|a lie|made up)")
# How far before a claim its negator may stand, and how far past it the words that undo it
# ("not just", "like") are looked for; it bounds the cost of a long, unpunctuated text.
NEGATION_REACH = 120
# Denying a treatment works is a claim of its own ("chemo doesn't cure cancer"); denying it
# harms ("statins don't cause dementia") is not.
BENEFIT = rx(r"\b(?:cur|treat|help|work|prevent|revers|heal|reliev|fix|protect|sav|beat|stop|kill)\w*")
TREATMENT = rx(r"\b(?:chemo\w*|radiation|radiotherapy|vaccines?|vaccinations?|jabs?|surgery|treatments?|therap(?:y|ies)"
               r"|doctors?|medicine|medicines|medications?|meds|drugs?|pills?|prescriptions?)\b")

# The speaker's own doubt; "may" and "could" are left out, as research findings use them too.
HEDGE = rx(r"\b(?:might|possibly|perhaps|maybe|i think|i believe|i guess|i wonder|not sure|i suspect"
           r"|in some cases|for some people)\b")
PERSONAL = rx(r"\b(?:for me|in my (?:case|experience)|i (?:tried|took|take|have|had|was|am|used|found|feel|felt"
              r"|lost|watched|got)|i'm|i've|my (?:doctor|mom|mum|mother|dad|father|wife|husband|son|daughter"
              r"|sister|sis|brother|friend|uncle|aunt|family|grandma|grandpa|grandmother|grandfather|partner"
              r"|cousin|niece|nephew|boss|dog|cat)|worked for me|helped me|saved my"
              rf"|my {CONDITION}|(?:cures?|cured|heals?|healed) (?:my|me))\b")
# Conditionals and figures of speech: "it would be nice if...", "this traffic is giving me a
# migraine", "spreading like a cancer".
HYPOTHETICAL = rx(r"\b(?:if (?:he|she|they|you|we|it|\w+) (?:cured?|found|finds)|could (?:find|cure)|would"
                  r"|giving me|gives me|give me|like an? (?:\w+ )?(?:cancer|disease|plague|virus|drug|poison))\b")
# Reporting a claim in order to doubt it: "the idea that wifi causes cancer is not supported",
# "the study didn't show a cause", "I'd be wary of anyone saying...".
SCEPTICISM = rx(r"\b(?:claim(?:s|ed|ing)? (?:that )?|the idea that|(?:there'?s|there is|with) no (?:good |real |solid )?"
                r"(?:evidence|proof|cure)|not (?:supported|proven|true)|debunked|a myth|retracted|i don'?t believe"
                r"|i doubt|sceptical|skeptical|be careful with|(?:be |i'?d be |i am |i'?m )?wary of|beware of"
                r"|(?:didn'?t|did not|doesn'?t|does not|never) (?:\w+ )?(?:show|prove|find|test|establish|demonstrate)"
                r"|not (?:from|in) (?:this|that|the) (?:article|study|paper|research))")
# Questions that assert: "why do doctors still prescribe X when...?", "isn't it obvious...?"
RHETORICAL = rx(r"(?:\bwhy (?:do|does|did|are|is|would|won'?t|don'?t|doesn'?t"
                r"|aren'?t|isn'?t)\b[^.!?\n]{0,80}?\b(?:still|even|when|if)\b|\b(?:isn'?t|aren'?t|wasn'?t) it\b"
                r"|\bwho (?:would|needs)\b|\bhow (?:is it|can anyone|come)\b"
                # "did you know that X cures Y?" tells.
                r"|\bdid (?:you|u|ya) (?:know|realise|realize)\b"
                # "why does nobody tell you...", "why are doctors hiding...", "why give X when..."
                r"|\bwhy (?:do|does|did|is|are|has|have|will|would|won'?t) (?:nobody|no one|no-one)\b"
                r"|\bwhy (?:do|does|did|is|are) [\w ]{1,30}?\b(?:hiding|hide|suppress(?:ing)?|ignor(?:e|ing)|cover(?:ing)? up)\b"
                r"|\bwhy (?:give|tell|feed|let|take|use|buy|prescribe|bother with)\b[^.!?\n]{0,80}?\bwhen\b)")
# Passing on what someone else said: with a question after it, it asks about the claim.
HEARSAY = rx(r"\b(?:(?:someone|somebody|people|a friend|my \w+|he|she|they)\b[^.!?\n]{0,20}?\b(?:told me|tells me"
             r"|says?|said|swears?|claims?|insists?|keeps? saying)|i'?ve (?:heard|read)|i (?:heard|read) (?:that|somewhere)"
             r"|i keep (?:hearing|reading))\b")
# A sentence that denies the one before it outright: "People say turmeric cures arthritis. It
# doesn't." Not "it doesn't work" or "it doesn't just help": denying that a treatment works, or
# going further, is a claim of its own.
DENIAL = rx(r"\s*(?:no[,.!]?\s+)?(?:(?:(?:it|they|that|this)\s+(?:doesn'?t|does not|don'?t|do not|won'?t|will not"
            r"|can'?t|cannot|isn'?t|is not|aren'?t|are not))\s*(?:[.,;:!]|$|(?:though|but|and|at all|whatever)\b)"
            r"|(?:that'?s|that is|this is|it'?s|it is)\s+(?:simply |just )?(?:not true|false|untrue|a myth|nonsense"
            r"|rubbish|wrong)\b|(?:not true|nope|false|wrong|myth)\b)")
# Disbelief stated after a claim: "someone said cinnamon can replace metformin, I don't believe
# it". Not "it's not a myth".
DISBELIEF = rx(r"\b(?:i (?:don'?t|do not) (?:believe|buy)|i doubt|(?<!not )(?:a myth|debunked|untrue|nonsense|rubbish)"
               r"|not true|not (?:supported|proven)|retracted)\b")
# Who may decide a change of medicine with a patient.
_PROFESSIONAL = (r"(?:doctor|gp|prescriber|pharmacist|specialist|consultant|nurse|midwife|paediatrician|pediatrician"
                 r"|dermatologist|cardiologist|neurologist|psychiatrist|surgeon|(?:\w+ )?clinic|(?:\w+ )?team)")
# Telling readers to act only with their doctor turns a directive into safe advice.
DEFERS = rx(r"\b(?:without (?:talking to |asking |checking with |consulting )?(?:your|a|the|my) (?:[\w-]+ ){0,2}"
            + _PROFESSIONAL + r"|(?:(?:talk|speak) to|ask) your " + _PROFESSIONAL
            + r"|under (?:medical |(?:your|my|a|the|their|his|her) (?:[\w']+ )?)?supervision"
            r"|with (?:your|my|a|the|their|his|her) " + _PROFESSIONAL
            + r"'?s? (?:help|advice|support|blessing|agreement|ok|okay)"
            r"|if (?:your|their|the) " + _PROFESSIONAL
            + r" (?:agrees|approves|is happy|says (?:it'?s |that'?s )?(?:ok|okay|fine|safe))"
            # A professional deciding or having decided: "the nurse will tell you when", "the clinic
            # plans it with you", "my son's paediatrician told us to drop the dose".
            r"|(?:the|your|my|our|his|her|their) (?:\w+'s )?" + _PROFESSIONAL
            + r" (?:will (?:tell|plan|decide|advise|talk)|plans|decides"
            r"|told (?:us|me|him|her|them)|advised|suggested|recommended|asked (?:us|me|him|her|them)))")
# Safety advice, keeping to what was prescribed: it lowers the model's reading of a text only,
# never a rule's directive ("don't stop at pills, ditch your insulin too" is one all the same).
SAFETY = rx(r"\b(?:(?:don'?t|do not|never) (?:just )?(?:stop|skip|quit|change)|keep (?:on )?(?:taking|using)"
            r"|stick (?:with|to) (?:your|the)|as (?:prescribed|your (?:doctor|gp|team) (?:said|says|prescribed)))")
# How to take a medicine safely: with food, not with alcohol, not two at once, as the label says. It
# makes a directive safe advice, never a medication change ("stop your statins, with food or not").
PRECAUTION = rx(r"\b(?:on an empty stomach|with (?:food|a meal|meals|milk|a glass of water)|with alcohol|don'?t mix"
                r"|do not mix|never mix|at the same time|at once|check the (?:label|leaflet|packet|pack|dose)"
                r"|the (?:label|leaflet|packet|pharmacist) (?:says|said|is clear)|more than the (?:label|pack|leaflet)"
                r"|before driving)\b")
# Charity, awareness and wishes: speaking of fighting or curing a disease is not a claim.
ASPIRATION = rx(r"\b(?:donate|donations?|raised?|raising|fundrais\w*|sponsor\w*|awareness|pray\w*"
                r"|hoping|hope|wish|find(?:ing)? a cure|(?:fund|towards?) (?:\w+ )?(?:research|the cure|a cure)"
                r"|cure for (?:cancer|it) (?:would|will)|help \w+ fight"
                r"|petition|charity|charities|support)\b")
# News: an authority's action ("FDA approves...", "batch of tablets recalled"), a paper's title
# ("Paper: ...") or a company's word. Not "researchers found" or "scientists say": that is how
# cure claims are passed on, and a finding reported so stays a claim to read.
NEWS = rx(r"(?:^|\n)\s*(?:paper|trial results|preprint|press release)\s*:"
          r"|\b(?:(?:the )?(?:fda|mhra|ema|nice|cdc|nhs|regulators?|(?:health |medicines? )?agency"
          r"|drug ?makers?|manufacturers?)\b[^.!?\n]{0,40}?\b(?:approves|approved|recommends|recalls|recalled"
          r"|warns|launches|licenses|authori[sz]es|withdraws)\b"
          r"|, (?:the )?(?:company|manufacturer|officials|regulators?) (?:says|said)\b)")

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

"""The health-claim detector on a table of our own cases, and on the seed page's comments."""

from pathlib import Path

import pytest

from forum.imports.pages import parse_page
from moderation.screening.model import trained
from moderation.screening.verdict import Policy, screen
from moderation.services.screening import visible_post

POLICY = Policy()
SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_3366dd9b5a267014.txt"

CLAIMS = [
    # directive health advice
    ("Avoid dietary glutamate at all costs.", "directive"),
    ("You should cut out all sugar, it feeds the pain.", "directive"),
    ("Never eat gluten if you have fibro.", "directive"),
    ("Just take magnesium every night and the cramps stop.", "directive"),
    ("Everyone with CFS must quit caffeine immediately.", "directive"),
    ("Stay away from seed oils, they inflame your joints.", "directive"),
    ("If you have migraines, try a ketogenic diet.", "directive"),
    ("1) eliminate dairy\n2) drink celery juice", "directive"),
    ("Thanks for the article. Avoid MSG and sugar, they feed the pain.", "directive"),
    # certainty and absolutes
    ("This tea cures fibromyalgia, guaranteed.", "certainty"),
    ("Turmeric is 100% proven to stop inflammation.", "certainty"),
    ("Hemp oil works every time for nerve pain.", "causal"),
    # causal claims
    ("Glutamate is the root cause of FMS.", "causal"),
    ("MSG causes migraines and brain damage.", "causal"),
    ("Vaccines cause autism.", "causal"),
    ("Sugar feeds cancer cells and makes tumours grow.", "causal"),
    ("Aspartame is carcinogenic.", "causal"),
    ("Gluten is linked to depression and brain fog.", "causal"),
    ("Fasting reverses type 2 diabetes in weeks.", "causal"),
    ("Cold showers boost your immune system and prevent infections.", "causal"),
    ("Low vitamin D leads to chronic fatigue.", "causal"),
    ("A new study shows that red meat increases the risk of bowel cancer.", "causal"),
    # medication changes
    ("Stop taking your medication and use CBD instead.", "medication_change"),
    ("Stop taking your pregabalin, it does nothing for fibro.", "medication_change"),  # a generic drug name
    ("Quit your sertraline and go running instead.", "medication_change"),
    ("Come off your antidepressants, they only make it worse.", "medication_change"),
    ("This herb can replace metformin.", "medication_change"),
    ("Use St John's wort instead of your antidepressant.", "medication_change"),
    ("You don't need insulin if you eat right.", "medication_change"),
    # dosages
    ("Take 5000 IU of vitamin D daily.", "dosage"),
    ("I'd go with 400 mg magnesium twice a day.", "dosage"),
    # distrust of medicine
    ("Doctors won't tell you this because big pharma profits from your pain.", "conspiracy"),
    ("They are hiding the cure for cancer.", "conspiracy"),
    # miracle products
    ("This miracle supplement healed my neighbour in a week.", "miracle_product"),
    ("Detox your liver with this cleanse and the pain disappears.", "miracle_product"),
    # obfuscated
    ("A.v.o.i.d g.l.u.t.a.m.a.t.e at all costs", "directive"),
    ("аvоid glutаmаte аt аll cоsts", "directive"),  # Cyrillic look-alikes
    ("ＡＶＯＩＤ ＭＳＧ at all costs", "directive"),  # fullwidth
    ("S\u200bt\u200bo\u200bp taking your meds", "medication_change"),  # zero-width spaces
    ("stop taking your m&#101;ds", "medication_change"),  # HTML entity
    ("this tea cur3s fibromyalgia", "causal"),
    ("g l u t a m a t e is the root cause of FMS", "causal"),
    # cited but still a directive: lowered, never erased
    ("Stop taking your medication, see doi:10.1000/xyz123.", "medication_change"),
]

# The general forms the rules must know, in our own words: inflections, effect verbs,
# body parts and systems as conditions, a pronoun for a substance, statistics, dose changes.
GENERAL_FORMS = [
    # A question that tells: the rules read it as the statement it is.
    ("Did you know that onions by the bed cure insomnia?", "causal"),
    ("Did u know turmeric reverses arthritis?", "causal"),
    ("Isn't it obvious that sugar causes diabetes?", "causal"),
    ("Mobile phones are the real reason so many teenagers get migraines.", "causal"),
    ("Fibromyalgia is just a vitamin D deficiency.", "causal"),
    # A lasting cure promised, and one person's experience made a rule for everyone.
    ("Zinc clears up acne for good.", "causal"),
    ("This balm will get rid of cold sores once and for all.", "causal"),
    ("I beat insomnia with warm milk, and anyone can do the same.", "causal"),
    ("Garlic cleared my eczema, so it will work for you too.", "causal"),
    ("Every parent of a child with ADHD should try cutting out sugar first.", "causal"),
    ("Every child with a fever needs antibiotics.", "causal"),
    ("Beetroot juice prevents strokes.", "causal"),
    ("Fasting is curing my neighbour's psoriasis, and it is curing thousands more.", "causal"),
    ("Sunflower oil raises the risks of heart disease.", "causal"),
    ("A daily walk results in lower blood pressure within a month.", "causal"),
    ("Garlic keeps colds at bay all winter.", "causal"),
    ("Gluten destroys your gut lining.", "causal"),
    ("Painkillers damage the liver over time.", "causal"),
    ("Fluoride ruins your nervous system.", "causal"),
    ("Mould in old houses is behind most chronic fatigue.", "causal"),
    ("Chamomile is wonderful. It clears up eczema in days.", "causal"),
    ("Sugar is poison. It feeds tumours.", "causal"),
    ("Thyroid disease rates rose 300% after the new pesticide.", "causal"),
    ("Since the additive was approved, autism diagnoses are up 65%.", "causal"),
    ("Halve your insulin once you start the diet.", "dosage"),
    ("Double your dose if the pain comes back.", "dosage"),
    ("Take twice the dose the leaflet says.", "dosage"),
    ("You don't need your inhalers if you breathe through your nose.", "medication_change"),
]

NOT_CLAIMS = [
    # No longer effects on their own.
    "I work on the stroke ward at our local hospital.",
    "The clinical trial for diabetes starts recruiting in May.",
    "She is responsible for the arthritis clinic's appointments.",
    # Scepticism and deferring to a doctor.
    "I doubt that celery juice cures anything, where is the evidence?",
    "Never stop antidepressants without talking to your doctor first.",
    "I'd never stop my insulin without talking to the diabetes team first.",
    "Never stop lithium without checking with the mental health team.",

    "I had to stop taking my sertraline because of side effects; my doctor helped me taper.",
    "Stop taking your time with the forms, the clinic closes at five.",
    "Thank you for this clear article.",
    "For me, gentle swimming helped a bit with stiffness.",
    "Has anyone tried magnesium for cramps?",
    "Does glutamate in food reach the brain at all?",
    "My doctor suggested pacing and it has made a difference for me.",
    "I'm sorry you are going through this, sending strength.",
    "The study was small, so I'd wait for more research.",
    "I had acupuncture last year; it was relaxing but I can't say it changed my pain.",
    "Could someone explain what the insula does?",
    "We should all be kinder to each other on bad days.",
    "This makes me want to cry, finally a test that shows fibro is real.",
    "I lost my mother to cancer five years ago.",
    "My sister was diagnosed with diabetes last spring and is coping well.",
    "Great article, I shared it with my family.",
    "Is anyone else awake at 3 am with pain again?",
    "I take my medication every morning with breakfast.",
    "The new episode literally cured my depression for an hour, haha.",
    "Please donate to help fund research into a cure for Parkinson's.",
    "Where can I find the original paper?",
    "Welcome to the forum, Grace!",
    "Pain is exhausting, and nobody at work understands.",
    "I think it might help some people, but I'm not sure.",
    "Did you know the surgery now takes repeat prescription requests online?",
    "Did you get the appointment letter for your scan yet?",
    "Sending love to everyone with cancer this week.",
    "Every parent should read this lovely book about hospital visits.",
    "The operation fixed my knee for good.",
    "They fixed the clinic's lift for good this time.",
    # How to take a medicine safely, and a miracle product doubted.
    "Never take ibuprofen on an empty stomach, have it with food.",
    "Don't mix sleeping tablets with alcohol.",
    "Don't take two cold remedies at once, check the label for paracetamol.",
    "There is no good evidence that coffee enemas detox the liver.",
    "Keep using your preventer inhaler every day, even when you feel well.",
]

CRISIS = [
    "I can't do this anymore, I want to die.",
    "Some days I think about killing myself.",
    "i've been self harming again",
    "Everyone would be better off without me.",
]


@pytest.mark.parametrize("text, category", CLAIMS)
def test_claims_are_flagged_with_their_category(text, category):
    verdict = screen(text, policy=POLICY)
    assert verdict.score >= POLICY.flag_threshold, verdict
    assert verdict.action in ("label", "hold")
    assert category in verdict.categories


@pytest.mark.parametrize("text, category", GENERAL_FORMS)
def test_general_forms_of_claims_are_found_by_the_rules(text, category):
    verdict = screen(text, policy=POLICY)
    assert verdict.rules_score >= POLICY.flag_threshold, verdict
    assert category in verdict.categories


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_experience_questions_and_everyday_talk_are_not_flagged(text):
    verdict = screen(text, policy=POLICY)
    assert verdict.score < POLICY.flag_threshold, verdict
    assert verdict.action == "publish"


@pytest.mark.parametrize("text", CRISIS)
def test_crisis_language_is_held_and_marked(text):
    verdict = screen(text, policy=POLICY)
    assert verdict.crisis and verdict.action == "hold" and "crisis" in verdict.categories


def test_hedging_lowers_a_claim_without_erasing_a_directive():
    plain = screen("Glutamate is the root cause of FMS.", policy=POLICY).score
    hedged = screen("I think glutamate might be the root cause of FMS.", policy=POLICY).score
    assert hedged < plain
    directive = screen("Stop taking your medication.", policy=POLICY)
    cited = screen("Stop taking your medication, as explained at pubmed.ncbi.nlm.nih.gov/123.", policy=POLICY)
    assert cited.score <= directive.score
    assert cited.score >= POLICY.flag_threshold


def test_a_cited_claim_scores_lower_than_the_bare_claim():
    bare = screen("Red meat increases the risk of bowel cancer.", policy=POLICY).score
    cited = screen("Red meat increases the risk of bowel cancer (doi:10.1000/abc.1).", policy=POLICY).score
    assert cited < bare


def test_spans_point_into_the_original_obfuscated_text():
    text = "Please а.v.o.i.d  GLUTAMATE at all costs!"
    verdict = screen(text, policy=POLICY)
    covered = "".join(text[s.start:s.end] for s in verdict.spans)
    assert "а.v.o.i.d  GLUTAMATE" in covered and "at all costs" in covered


@pytest.mark.skipif(not SEED.exists(), reason="the shared seeds folder is not beside this checkout")
@pytest.mark.parametrize("model", [None, "trained"], ids=["rules", "rules and model"])
def test_on_the_seed_page_comment_7_is_flagged_and_1_2_5_are_not(model):
    model = trained() if model else None
    comments = {c.number: c.text for c in parse_page(SEED.read_text(encoding="utf-8")).comments}
    seven = screen(visible_post(comments[7]), policy=POLICY, model=model)
    assert seven.action in ("label", "hold")
    highlighted = [comments[7][s.start:s.end] for s in seven.spans]
    joined = " ".join(highlighted)
    assert "avoid dietary glutamate" in joined and "at all costs" in joined
    assert any("root cause for FMS" in part for part in highlighted)
    for number in (1, 2, 5):
        assert screen(visible_post(comments[number]), policy=POLICY, model=model).action == "publish", number


@pytest.mark.parametrize("text", [
    "My neighbour told me that turmeric cures arthritis. Is there any truth in that?",
    "I've read that sugar feeds cancer cells. Does anyone know if that's real?",
])
def test_a_claim_passed_on_in_order_to_ask_about_it_is_not_flagged(text):
    assert screen(text, policy=POLICY).score < POLICY.flag_threshold


def test_a_claim_passed_on_without_a_question_is_still_flagged():
    assert screen("My neighbour told me that turmeric cures arthritis.", policy=POLICY).score >= POLICY.flag_threshold


@pytest.mark.parametrize("text", [
    "The trial didn't show that vitamin D prevents flares.",
    "I'd be wary of anyone promising a cure for fibromyalgia.",
    "That claim is not from this study; it never tested diets.",
])
def test_doubting_or_refuting_a_claim_lowers_it_below_the_flag(text):
    assert screen(text, policy=POLICY).score < POLICY.flag_threshold


def test_the_models_score_is_lowered_by_a_genuine_question_but_not_a_rhetorical_one():
    model = trained()
    genuine = screen("Has anyone compared magnesium with amitriptyline for fibromyalgia pain?", policy=POLICY,
                     model=model)
    rhetorical = screen("Why do doctors still prescribe amitriptyline when magnesium beats it for fibromyalgia?",
                        policy=POLICY,
                        model=model)
    assert genuine.context_factor < 1.0 and rhetorical.context_factor == 1.0


def test_hedging_and_experience_do_not_lower_the_models_score():
    """"I think X causes Y" and "it worked for me, so it will for you" are claims all the same."""
    model = trained()
    for text in ("I think sugar feeds cancer.", "It worked for me, so it will work for you."):
        assert screen(text, policy=POLICY, model=model).context_factor == 1.0


def test_the_models_context_is_read_in_the_text_the_model_reads():
    """A question 30,000 characters on does not lower the claim the model read at the start."""
    model = trained()
    claim = "Turmeric cures arthritis, throw away the painkillers."
    filler = " The garden was lovely this year and the roses came early." * 500
    assert screen(claim + " Has anyone tried it?", policy=POLICY, model=model).context_factor < 1.0
    long_text = claim + filler + " Has anyone tried it?"
    assert len(long_text) > 25_000
    assert screen(long_text, policy=POLICY, model=model).context_factor == 1.0

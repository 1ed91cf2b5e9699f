"""Medication changes and dose changes are held whoever writes them, for any medicine the drug
lexicon names or any kind of medicine; mentions that tell nobody to change anything are not."""

import itertools

import pytest

from moderation import drug_dictionary
from moderation.screening import drugs
from moderation.screening.claim_rules import DOSAGE, MEDICATION
from moderation.screening.model import trained
from moderation.screening.verdict import HOLD, Policy, screen

POLICY = Policy()


def sample_names(count: int) -> list[str]:
    """Names spread over the whole lexicon, one-word names a member could type."""
    names = sorted(name for name in drugs.lexicon().single if name.isalpha() and len(name) >= 6)
    step = len(names) // count
    return names[::step][:count]


NAMES = sample_names(320)
DIRECTIVES = [
    ("Stop taking your {name}.", MEDICATION),
    ("Just skip the {name} tonight.", MEDICATION),
    ("Taper off the {name} over a week, you won't miss it.", MEDICATION),
    ("Quit {name}, it does more harm than good.", MEDICATION),
    ("Swap your {name} for turmeric.", MEDICATION),
    ("Replace the {name} with fish oil.", MEDICATION),
    ("You don't need your {name}.", MEDICATION),
    ("Halve your {name} if the side effects bother you.", DOSAGE),
    ("Double your {name} when the pain comes back.", DOSAGE),
    ("You should cut your {name} in half.", DOSAGE),
    ("Forget the {name}, a walk a day does more.", MEDICATION),
    ("Hold off on the {name} until the flare passes.", MEDICATION),
    ("Pause your {name} for a month and see.", MEDICATION),
    ("You're better off without your {name}.", MEDICATION),
    ("Get rid of the {name}, your body knows best.", MEDICATION),
    ("So you can skip the {name} at weekends.", MEDICATION),
    ("Double up on your {name} when the pain comes back.", DOSAGE),
    ("Cut down on the {name} by yourself.", DOSAGE),
    ("Take an extra dose of your {name} on bad days.", DOSAGE),
    ("Stop giving your son his {name}.", MEDICATION),
    ("Cancel the {name} and see how you feel.", MEDICATION),
    ("Just don't take your {name} anymore.", MEDICATION),
    ("Only take your {name} every other day, it lasts longer.", DOSAGE),
    ("You don't need to take your {name} any more.", MEDICATION),
]
MENTIONS = [
    "My doctor started me on {name} last spring.",
    "Keep taking your {name} as prescribed.",
    "I've been on {name} for two years now.",
    "Does {name} interact with grapefruit juice?",
    "Should I ask my GP about stopping {name}?",
    "I stopped my {name} with my doctor's help.",
    "Don't stop your {name} without talking to your prescriber.",
    "The leaflet for {name} lists headaches as a side effect.",
    "My pharmacist explained how {name} works.",
    "Has anyone else had trouble getting {name} from the pharmacy?",
    "I refused {name} at first, then changed my mind.",
    "I had to pause my {name} before the operation.",
    "If you forget your {name}, take it when you remember.",
    "I had to cancel my {name} review, can anyone tell me what it involves?",
    "Don't take your {name} on an empty stomach.",
    "Take your {name} once a week, as the leaflet says.",
    "I don't take my {name} anymore, my GP switched me.",
    "You don't need to stop your {name} before a blood test.",
    "You don't have to take {name} with food.",
]


@pytest.mark.parametrize(("text", "category"), [
    (form.format(name=name), category) for name, (form, category) in zip(NAMES, itertools.cycle(DIRECTIVES))
])
def test_a_directive_to_change_any_named_medicine_is_held(text, category):
    verdict = screen(text, policy=POLICY)
    assert verdict.action == HOLD and category in verdict.categories, verdict


@pytest.mark.parametrize("text", [
    form.format(name=name) for name, form in zip(NAMES[::3], itertools.cycle(MENTIONS))
])
def test_a_mention_that_directs_nobody_is_not_held(text):
    assert screen(text, policy=POLICY).action != HOLD


KINDS = ["blood thinners", "anticoagulants", "statins", "antidepressants", "SSRIs", "mood stabilisers",
         "antipsychotics", "the biologic", "steroids", "steroid cream", "insulin", "thyroid pills",
         "blood pressure pills", "inhaler", "antibiotics", "antiepileptics", "immunosuppressants",
         "ADHD meds", "sleeping pills", "painkillers", "opioids", "the pill", "chemo"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_directive_to_stop_a_kind_of_medicine_is_held(kind):
    verdict = screen(f"Stop your {kind} a week before the dentist.", policy=POLICY)
    assert verdict.action == HOLD and MEDICATION in verdict.categories, verdict


@pytest.mark.parametrize("text", [
    "stop taking lithium",
    "the carnivore diet puts crohn's in remission in 2 weeks, so stop the biologic",
    "you should double your dose too",
    "It worked for me, so it will work for you: double your dose.",
    "Turmeric works better than ibuprofen.",
    # Addressed to someone in the thread by @name, as the comment form completes it.
    "@Ann stop taking your medication, it is guaranteed to work.",
    "@lena park halve your lithium",
    "thanks @deji, stop the biologic",
    # Permission given to readers: "you can", "it's fine to", "feel free to".
    "Beetroot juice does the same job, so you can skip the blood pressure pills.",
    "You could come off your antidepressants in a fortnight, the withdrawal is exaggerated.",
    "It's fine to skip the insulin on days you fast.",
    "Feel free to drop the statins once your numbers look good.",
    # Someone else's medicine, named before and then "it" or "them".
    "If your daughter is on Ritalin, take her off it for the summer.",
    "Take your son off his inhaler, the fresh air will do more.",
    "Kids on melatonin every night? Take them off it, it stunts growth.",
    # A medicine named and then "it": the claim that something replaces it.
    "The drug firms say you need levothyroxine, but seaweed replaces it.",
    "If you are on an inhaler, you don't need it once you start salt therapy.",
    # A medicine named by the form it comes in, after what it is for.
    "Quit your B12 injections, eat liver instead.",
    "Stop the iron tablets and eat more spinach.",
    "Stop the eye drops, glaucoma is a myth.",
    "Bin the nasal spray.",
    "Stop the HIV meds once your numbers look good.",
    # "Don't" or "never" with nothing after the medicine but the clause's end, or a reason.
    "Never take statins.",
    "Never take antidepressants, they change who you are.",
    "Don't take your thyroid tablets at all, iodine drops do the same job.",
    "Don't take the blood thinners, a daily walk keeps your blood flowing.",
    # A kind of medicine named by the form it comes in, read whole ("steroid" alone is a name too).
    "Use your steroid inhaler only when you feel like it.",
    "Stop your biologic injections, the diet does the same.",
    # Said with a precaution, a change to a medicine or its dose is one all the same.
    "Take double your dose at once if the pain comes back.",
    "Stop your statins, and take the turmeric with food.",
])
def test_the_forms_that_were_published_or_only_labelled_are_held(text):
    assert screen(text, policy=POLICY).action == HOLD


@pytest.mark.parametrize("text", [
    "nope, okra water does not replace insulin. please keep taking what your team prescribed.",
    "I stopped my statins last year and my doctor was fine with it.",
    "Ask your doctor whether you should stop taking warfarin.",
    "Stop eating oats if they upset your stomach.",
    "@ann I stopped my statins last year",
    "You can't stop your statins suddenly, taper with your GP.",
    "Can you stop taking lithium while pregnant?",
    "You can ask your pharmacist whether to skip the evening dose of metformin.",
    "My mum is on warfarin. Stop it, you are scaring her with these stories.",
    # A swap reported in order to disbelieve or deny it.
    "A man at the market said garlic can replace blood pressure pills, I don't believe it for a second.",
    "You'll hear that okra water replaces insulin. It doesn't.",
    "My neighbour says turmeric does the job of ibuprofen. Not true, sadly.",
    "I've been on sertraline for a year and nothing replaces it for me.",
    "Skip the shots tonight, we are driving.",
    "I stopped the iron tablets when my levels came up.",
    "Never take ibuprofen on an empty stomach, have it with food.",
    "Don't take ibuprofen, unless your GP says it is fine with your asthma.",
    "I never take painkillers.",
    "Don't take it personally, she means well.",
])
def test_refutations_safety_advice_and_ones_own_medicine_are_not_held(text):
    assert screen(text, policy=POLICY).action != HOLD


# Written before they were screened, as members write them: other verbs ("throw it in the bin", "go
# without", "don't bother refilling"), advice ("if I were you I'd", "tell your kid to"), an adverb
# before the verb, someone else's medicine, UK brands the dictionary lacks, "no need to finish the course".
@pytest.mark.parametrize("text", [
    "Ditch the metformin and try berberine instead, works just as well.",
    "You can safely come off sertraline cold turkey, the withdrawal is a myth.",
    "Throw your inhaler in the bin and do breathing exercises.",
    "Honestly just stop the thyroxine for a month and see how you feel.",
    "If I were you I'd halve the prednisolone straight away.",
    "Skip your insulin on fasting days, your body adjusts.",
    "Swap the statins for red yeast rice, same thing without side effects.",
    "Quit the antidepressants, they only numb you.",
    "There's no need for your blood pressure tablets if you cut out salt.",
    "Tell your kid to stop using the steroid cream, coconut oil is better.",
    "Bin the levothyroxine and take kelp drops.",
    "Wean yourself off the lithium over a week, it's easy.",
    "Don't bother refilling your epipen, allergies fade with age.",
    "Replace your ADHD meds with coffee, it's the same mechanism.",
    "Take twice the ibuprofen they tell you, the dose on the box is too cautious.",
    "Drop the warfarin before your operation, no need to tell the surgeon.",
    "Forget the chemo, high dose vitamin C does the job.",
    "Cut your methotrexate dose in half if you feel tired.",
    "You should stop giving your son his Ritalin during the holidays and keep him off it.",
    "Come off the pill and use cycle tracking, hormones are poison.",
    "Stop all your meds for a week to detox your liver.",
    "Put the kids' antibiotics away once they feel better, no need to finish the course.",
    "Ignore your GP and stop the amlodipine.",
    "Try going without your seizure meds for a bit, mine were overprescribed.",
    "Double up on the gabapentin when the pain is bad.",
    "Your mum doesn't need her dementia pills, give her turmeric.",
    "Stop injecting the Ozempic and use apple cider vinegar.",
    "Skip a day of your tamoxifen now and then, it's fine.",
    "Ditch the clopidogrel, garlic thins the blood naturally.",
    "Instead of your antipsychotic, try a gluten free diet.",
    "Bin the Humira and go carnivore.",
    "You don't need Adderall, you need discipline.",
    "Stop taking the omeprazole, reflux is low acid anyway so take vinegar.",
    "Quit your HRT, menopause is natural.",
    "Just skip the evening dose of your blood thinner.",
    "Stop the Keppra and give CBD oil a try instead.",
    "Switch your baby's reflux medicine for gripe water.",
    "Get off the benzos this weekend, just push through.",
    "Replace your Symbicort with a salt pipe.",
    "Halve your Synthroid, most people are overmedicated.",
    # A second round, written the same way.
    "Honestly you'd be fine without the metoprolol.",
    "Lose the inhaler, swimming fixed my asthma and it'll fix yours.",
    "Those SSRIs are poison, get yourself off them.",
    "Nobody needs statins, chuck them.",
    "Stop giving your daughter Calpol every time she's warm.",
    "Leave the Ventolin at home, you won't need it if you breathe through your nose.",
    "Say goodbye to your blood pressure meds with this juice.",
    "Cut the sertraline to every other day.",
    "Your thyroid tablets are doing more harm than good, bin them.",
    "You really should come off the beta blockers, they make you tired.",
    "Give the lamotrigine a miss for a few weeks.",
    "Time to ditch the Prozac and try St John's wort.",
    "Reduce your insulin to half and eat keto.",
    "Hold off on your warfarin for a few days before the dentist, no need to tell them.",
    "The metformin isn't needed once you go low carb, so drop it.",
    "Don't restart the antibiotics, let your body fight it.",
    "Skip the flu jab and the Tamiflu, elderberry is enough.",
    "Stop your kid's asthma pump, it's only a crutch.",
    "Instead of Nurofen try a cold compress and skip the tablets altogether.",
    "No more pills for you: apple cider vinegar twice a day does it all.",
    "Take three co-codamol instead of two when it's bad.",
    "Quit the melatonin gummies for your toddler, warm milk works.",
    "You could easily taper the venlafaxine in a week.",
    "Forget what the consultant said and stop the azathioprine.",
    "Stop the Mounjaro, berberine is nature's Ozempic.",
    "Come off the Depo and let your cycle reset.",
])
def test_medication_changes_in_members_own_words_are_held(text):
    assert screen(text, policy=POLICY).action == HOLD


# Written beside them: the same medicines and verbs where nobody is told to change anything.
@pytest.mark.parametrize("text", [
    "I threw my old inhaler away by mistake and had to ring the surgery for a new one.",
    "My GP switched me from Symbicort to Fostair last spring and the new one is easier to use.",
    "If I were you I'd ask the pharmacist whether the thyroxine can be taken with coffee.",
    "Tell your doctor if the sertraline makes you feel worse, they can change it.",
    "My mum doesn't need her reading glasses any more after the cataract op.",
    "We put the antibiotics in the fridge as the label says.",
    "Ask the practice nurse before you skip a dose of your tamoxifen, she was really helpful with mine.",
    "I'd been on Epilim for years before my neurologist suggested a change.",
    "The pharmacy ran out of Movicol so they gave me Laxido, same thing apparently.",
    "Does anyone know if Microgynon makes migraines worse? Mine started at the same time.",
    "Going without my seizure meds for even a day would be a disaster, so I keep a spare box at work.",
    "My son's consultant is weaning him off the steroid cream slowly over a month.",
    "Please finish the whole course of antibiotics, the nurse explained why it matters.",
    "Stop by the pharmacy on the way home, they do free blood pressure checks.",
    "Doctors just throw antibiotics at every cough round here, it drives me mad.",
    "Injecting the Ozempic was less scary than I thought, the needle is tiny.",
    "My daughter's reflux medicine tastes awful, any tips for getting it down?",
    "I'd never stop my insulin without talking to the diabetes team first.",
    "Yasmin from the support group said the new clinic is much quicker.",
    "Put the kettle on, I'm coming round with cake.",
    "I was on metoprolol for years and it was fine.",
    "My consultant wants me to come off the azathioprine slowly, has anyone done it?",
    "The nurse said never to double up on co-codamol if you miss a dose.",
    "Stopping my sertraline with my GP's help took three months.",
    "Is it safe to take Calpol and Nurofen together for a toddler?",
    "My daughter's asthma pump lives in her school bag.",
    "We halved the melatonin with the paediatrician's OK and she still sleeps.",
    "Don't stop the antibiotics early, the pharmacist was clear about that.",
    "I wish I could ditch the inhaler but my peak flow says otherwise.",
    "Mounjaro shortages again, my pharmacy had none this week.",
    "He's reducing his insulin under the diabetes nurse's eye.",
    "Say goodbye to the rain, sunshine all week!",
    "Lose the attitude, Kevin, we're all friends here.",
    "Time to ditch the winter coat at last.",
    "Best thing I did was ask for a medication review.",
])
def test_the_same_medicines_and_verbs_telling_nobody_to_change_are_not_held(text):
    assert screen(text, policy=POLICY).action != HOLD


def test_the_lexicon_is_read_word_by_word_names_of_several_words_included():
    text = "stop the vitamin d, and the flu vaccine, but not the warfarin-free diet"
    found = [text[start:end] for start, end in drugs.mentions(text)]
    assert "vitamin d" in found and "flu vaccine" in found and "warfarin-free" not in found


def test_a_name_is_found_only_as_whole_words_one_space_apart():
    text = "x-warfarin, warfarin-y, 2warfarin, warfarin2, -warfarin, (warfarin), warfarin. vitamin  d, vitamin d"
    assert [text[start:end] for start, end in drugs.mentions(text)] == [
        "warfarin", "warfarin", "warfarin", "vitamin d"]


def test_a_kind_of_medicine_is_found_whole_where_its_first_word_is_a_kind_too():
    text = "swap the steroid inhaler and the biologic injections for the steroid cream"
    assert [text[start:end] for start, end in drugs.mentions(text)] == [
        "steroid inhaler", "biologic injections", "steroid cream"]


def test_the_lexicon_is_the_drug_dictionarys_as_exported():
    """The committed file is what export_drug_lexicon makes of the installed package's dictionary."""
    version, names = drug_dictionary.names()
    lines = drugs.LEXICON_FILE.read_text(encoding="utf-8").splitlines()
    assert lines == drugs.lexicon_lines(version, names), "run manage.py export_drug_lexicon"


def test_the_hand_kept_names_are_ones_the_dictionary_lacks_and_are_found():
    exported = set(drugs.LEXICON_FILE.read_text(encoding="utf-8").splitlines())
    for name in drugs.supplement():
        assert name not in exported, f"{name} is in the dictionary now: drop it from supplement.txt"
        assert [name[start:end] for start, end in drugs.mentions(name)] == [name]


@pytest.mark.parametrize("text", [
    "Your doctor is wrong, gabapentin does nothing for nerve pain, stop it.",
    "St John's wort works just as well as sertraline, switch over.",
    "Children grow out of asthma if you stop their inhalers early.",
])
def test_a_claim_the_model_reads_where_a_medicine_and_a_change_to_it_are_named_is_held(text):
    """Wording the rules miss ("stop it", "switch over"): the model reads a claim, the sentence names both."""
    assert screen(text, policy=POLICY).action != HOLD
    held = screen(text, policy=POLICY, model=trained())
    assert held.action == HOLD and "medication_change" in held.categories


@pytest.mark.parametrize("text", [
    "Stopping my statins was the worst decision I made, my cholesterol shot up within months.",
    "I quit the antidepressants too fast last year and regretted it, go slow with your doctor.",
])
def test_the_writers_own_medicine_change_is_not_held_on_the_models_reading(text):
    assert screen(text, policy=POLICY, model=trained()).action != HOLD


@pytest.mark.parametrize("text", [
    "Don't worry if you have to stop the ibuprofen before surgery, the nurse will tell you when.",
    "If you need to stop warfarin for a procedure, the anticoagulation clinic plans it with you.",
    "My son's paediatrician told us to drop the melatonin dose once he settled.",
])
def test_a_change_a_professional_decides_is_not_held(text):
    assert screen(text, policy=POLICY).action != HOLD


@pytest.mark.parametrize("text", [
    "Came off the lithium two years ago and never looked back, you should too if you're stable.",
    "My sister doubled her thyroxine and finally has energy, you could do the same.",
    "I dropped the steroid cream completely and my eczema calmed down, I'd highly recommend it.",
    "Best thing I did was stop my statins, you should too.",
    "I stopped my antidepressants and I'd recommend it, doctors just want to keep you on them.",
])
def test_a_medicine_change_offered_for_readers_to_copy_is_held(text):
    held = screen(text, policy=POLICY)
    assert held.action == HOLD and "medication_change" in held.categories


@pytest.mark.parametrize("text", [
    "I stopped smoking last year, you should too.",
    "I stopped the ibuprofen when my stomach hurt and my GP agreed; I'd recommend asking yours first.",
    "I stopped my statins under my cardiologist's supervision; you should too only if yours agrees.",
    "Stopping my statins was a mistake and I went back on them, so please don't do the same.",
    "I stopped my statins and my doctor said I should do the same with the aspirin.",
    "I stopped my antidepressants with my psychiatrist's support and I'd recommend it if your doctor agrees.",
    "I halved my steroid dose with my GP's blessing; you could do the same if your GP says it's fine.",
])
def test_a_change_not_offered_for_copying_or_made_with_a_doctor_is_not_held(text):
    assert screen(text, policy=POLICY).action != HOLD


@pytest.mark.parametrize("text", [
    "You don't need to stop ibuprofen before a blood test, the phlebotomist told me.",
    "You never need to stop your inhaler for a cold.",
    "If you don't have your inhaler, go straight to A&E.",
    "You don't need to take your levothyroxine at exactly the same time each day, within an hour is fine.",
])
def test_being_told_a_medicine_need_not_be_stopped_or_timed_exactly_is_not_held(text):
    assert screen(text, policy=POLICY, model=trained()).action != HOLD


@pytest.mark.parametrize("text", [
    "Teething babies don't need Calpol, a cold flannel works better.",
    "Kids with eczema don't need steroid cream, coconut oil is enough.",
    "Asthmatics don't need preventer inhalers if they do breathing exercises.",
    "People with type 2 can come off insulin by fasting, I've seen it many times.",
    "Women in menopause can ditch the HRT patches, sage tea does the same.",
    "My advice to any new mum: skip the vitamin K jab for your baby, it's unnecessary.",
    "Skip the blue inhaler, just breathe through your nose.",
])
def test_a_medicine_change_told_to_a_group_of_readers_is_held(text):
    held = screen(text, policy=POLICY)
    assert held.action == HOLD and MEDICATION in held.categories, held


@pytest.mark.parametrize("text", [
    "Some people can come off their antidepressants after a year, with a slow taper.",
    "People can stop statins if their doctor agrees.",
    "Patients can ask the pharmacist to swap the tablets for a liquid.",
    "Teens don't need to hide their inhalers at school, the nurse can keep a spare.",
    "Kids don't need fizzy drinks, but a treat now and then won't hurt.",
    "Children with ADHD can have a medication break in the holidays if their doctor agrees.",
    "Keep the blue inhaler with you, even on good days.",
])
def test_the_same_groups_told_nothing_about_stopping_a_medicine_are_not_held(text):
    assert screen(text, policy=POLICY, model=trained()).action != HOLD

"""What is not a claim though it speaks of cures and diseases: news of approvals, recalls and papers,
figures of speech and insults, charity and events, questions. And claims dressed as news, still flagged."""

import pytest

from forum.sanitize import render_comment
from moderation.screening.model import trained
from moderation.screening.verdict import HOLD, PUBLISH, screen
from moderation.screening.visible import visible_text


def verdict(text):
    return screen(text, model=trained())


@pytest.mark.parametrize("text", [
    # Headlines: an authority acts, a paper is named, a company speaks.
    "Medicines agency approves a generic version of a common epilepsy drug.",
    "Manufacturer recalls a batch of insulin pens after a fault with the dial.",
    "The MHRA warns shoppers about fake slimming tablets sold on social media.",
    "Paper: Sleep duration and blood pressure in teenagers, a cross-sectional study.",
    "New eczema cream cuts flare-ups in a twelve-week trial, the company says.",
    # Figures of speech and insults.
    "Bureaucracy is a cancer on the health service, three forms for one appointment.",
    "This weather is giving me a headache before I've even left the house.",
    "My teenager's bedroom is a biohazard.",
    # Charity and events.
    "We raised £600 at the quiz night towards finding a cure for motor neurone disease.",
    "Sponsor me for the fun run in aid of the diabetes research charity.",
    "Awareness walk for endometriosis this Sunday, meet at the park gates at ten.",
    # Questions.
    "Does anyone know if the flu jab is safe while I'm on methotrexate?",
    "Is it normal for a baby to sleep so much in the first week?",
])
def test_news_figures_of_speech_charity_and_questions_are_published_without_a_flag(text):
    found = verdict(text)
    assert found.action == PUBLISH and not found.needs_review, (found.score, found.categories)


@pytest.mark.parametrize("text", [
    "Scientists say a spoon of apple cider vinegar a day reverses fatty liver disease.",
    "Researchers discovered that black seed oil cures asthma, doctors just won't tell you.",
])
def test_a_cure_claim_passed_on_as_research_is_still_flagged(text):
    assert verdict(text).needs_review


@pytest.mark.parametrize("text", [
    "Researchers found that cinnamon cures diabetes, throw away your metformin.",
    "Honey heals it in days, stop the antibiotics.",
    "The FDA approved it, so halve your warfarin dose.",
])
def test_a_medication_change_in_the_same_sentence_as_news_or_a_cure_is_held(text):
    found = verdict(text)
    assert found.action == HOLD and {"medication_change", "dosage"} & set(found.categories)


@pytest.mark.parametrize("text", [
    "Isn't it clear that fluoride in the water is behind the rise in thyroid disease?",
    "Why does no one admit that sunscreen causes vitamin D deficiency and cancer?",
    "Why are the health authorities ignoring that raw milk cures asthma in children?",
    "Why take statins when a spoon of garlic a day clears your arteries?",
])
def test_a_question_that_asserts_is_read_as_the_claim_it_makes(text):
    assert verdict(text).needs_review


@pytest.mark.parametrize("text", [
    "Why does my knee ache when it rains, has anyone else noticed that?",
    "Isn't it a bit early to start a baby on solid food at four months?",
    "Why is nobody at the surgery answering the phone this morning?",
])
def test_a_genuine_question_with_the_same_openings_is_published(text):
    assert verdict(text).action == PUBLISH


@pytest.mark.parametrize("text", [
    "My nettle tonic clears psoriasis, DM me for a bottle.",
    "I make a salve that heals shingles in days, I'll post you a jar for a small fee.",
    "I sell a tea blend that lowers blood pressure naturally, inbox me to order.",
])
def test_selling_a_remedy_for_a_condition_is_a_claim_whoever_words_it(text):
    found = verdict(text)
    assert found.needs_review and "miracle_product" in found.categories


@pytest.mark.parametrize("text", [
    "Message me if you want to talk about your diabetes, happy to listen.",
    "I sell cakes at the market, nothing to do with my arthritis.",
    "PM me for the name of the clinic that helped my migraines.",
])
def test_offering_to_talk_or_selling_something_else_is_not(text):
    assert verdict(text).action == PUBLISH


@pytest.mark.parametrize("text", [
    "hello\nhello",
    "x\n" * 5000,
    "Thanks everyone!\nSee you at the meetup on Saturday.\n\nHave a good weekend.",
    "Lovely article.\nMy gran had the same garden.\nRoses everywhere.",
])
def test_line_breaks_do_not_make_small_talk_read_as_a_claim(text):
    # Posts keep their line breaks when screened; the labelled rows the model learnt from are one line each.
    posted = screen(visible_text(render_comment(text), text), model=trained())
    assert posted.action == PUBLISH and not posted.needs_review, (posted.score, posted.reasons)
    model = trained()
    assert model.probability(text) == pytest.approx(model.probability(text.replace("\n", " ")), abs=0.01)

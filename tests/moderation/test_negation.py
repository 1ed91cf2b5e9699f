"""Refutations are not claims; claims after small talk are still found, and the case points at them."""

import socket

import pytest

from moderation.screening import detector, embeddings
from moderation.screening.claim_rules import CAUSAL
from moderation.screening.model import FORMAT, Model, trained
from moderation.screening.normalize import normalize
from moderation.screening.verdict import MODEL, PUBLISH, screen


def verdict(text: str):
    return screen(text, model=trained())


@pytest.mark.parametrize("text", [
    "Vaccines don't cause autism; that idea came from a paper that was withdrawn.",
    "Baking soda does not cure cancer, whatever the video says.",
    "NO, mercury fillings do NOT cause fibromyalgia.",
    "There's no diet that reverses autism.",
    "Cracking your knuckles won't give you arthritis.",
    "Okra water does not replace insulin. Please keep taking what your team prescribed.",
    "Cinnamon doesn't replace diabetes medication; the review found no clear effect: "
    "https://pubmed.ncbi.nlm.nih.gov/22951323/",
    "ADHD isn't caused by bad parenting, and it's not caused by sugar either.",
    "There is no evidence that grounding sheets do anything for inflammation.",
    "The idea that wifi causes cancer has been debunked.",
    # A claim reported and denied in the next sentence.
    "People keep saying that sugar feeds cancer. It doesn't.",
    "My uncle swears onions in your socks cure a cold. Not true, sadly.",
    "You will read that vaccines cause autism. That's a myth, and a harmful one.",
])
def test_a_refutation_is_published_without_a_label(text):
    result = verdict(text)
    assert result.action == PUBLISH and not result.categories, result


@pytest.mark.parametrize("text", [
    "It doesn't just help, it cures cancer.",
    "Turmeric doesn't only ease arthritis, it cures it.",
    "There is no doubt that turmeric cures cancer.",
    # Denying that a treatment works is a claim of its own.
    "Chemo doesn't cure cancer, it spreads it.",
    # The negation's scope ends at the clause: what follows is asserted.
    "Sugar doesn't cause cancer, but it feeds tumours.",
    "Nothing cures cancer like turmeric.",
    # What follows a claim says more, not less: it is not denied.
    "Turmeric cures arthritis. It doesn't just ease it, it cures it.",
    "Sugar feeds cancer. They don't tell you that at the hospital.",
    "Sugar feeds cancer. It does, whatever your oncologist says.",
])
def test_emphasis_denied_treatment_and_a_claim_beyond_the_negation_are_still_flagged(text):
    assert verdict(text).categories, text


@pytest.mark.parametrize("text, negated", [
    ("vaccines don't cause autism.", True),
    ("vaccines do not cause autism.", True),
    ("vaccines dont cause autism.", True),
    ("vaccines never cause autism.", True),
    ("vaccines cause autism.", False),
    ("it doesn't just help, it cures autism.", False),
    ("i don't know why, but sugar causes cancer.", False),
    ("statins don't cause dementia.", True),
    ("statins don't prevent heart attacks.", False),
    # A negation that moves the claim to another cause asserts that one.
    ("cholesterol does not cause heart disease, sugar does.", False),
    ("it is not genes that cause diabetes, it is sugar.", False),
    ("mmr does not cause autism, nobody serious thinks it does.", True),
    ("it's not true that vaccines cause autism, it's been debunked.", True),
    ("it's not the vaccine that causes autism, it's a myth.", True),
])
def test_negation_scope(text, negated):
    found = [f for f in detector.detect(text).findings if f.category == CAUSAL]
    assert found
    assert all(f.weight < 0.5 for f in found) is negated, found


SMALL_TALK_CLAIM_SENTENCE = (
    "Honestly the carnivore diet puts crohn's in remission within two weeks for anyone who sticks with it.")


def small_talk_around(claim: str = SMALL_TALK_CLAIM_SENTENCE) -> str:
    return ("Hi everyone, it has been a while since I posted here and I wanted to say thank you for all the kind "
            "replies last spring. The garden is finally coming along and the tomatoes look great this year. "
            f"{claim} Anyway, hope you are all keeping well and enjoying the sunshine this week.")


def test_a_claim_after_small_talk_is_found_and_the_case_points_at_its_sentence():
    claim = SMALL_TALK_CLAIM_SENTENCE
    text = small_talk_around(claim)
    result = verdict(text)
    assert result.action != PUBLISH and result.spans
    sentence_start = text.index(claim)
    assert all(sentence_start <= span.start and span.end <= sentence_start + len(claim) for span in result.spans)


def test_the_model_reads_each_passage_so_small_talk_never_dilutes_what_it_reads_as_a_claim():
    """A model that weighs one word: read whole, the friendly words (known, weighing nothing) dilute it;
    read by passage, they do not."""
    claim = "Honestly, anyone with crohn's who goes carnivore is in remission within two weeks."
    friendly = "thank kind replies spring garden tomatoes great year hope well sunshine week everyone".split()
    one_word = Model({"format": FORMAT, "intercept": -3.0, "threshold": 0.5,
                      "features": {"w:remission": [1.0, 5.0]} | {f"w:{word}": [1.0, 0.0] for word in friendly}})
    text = small_talk_around(claim)
    assert screen(claim, model=one_word).rules_score < 0.5 and MODEL in screen(claim, model=one_word).categories
    result = screen(text, model=one_word)
    assert result.model_probability < one_word.threshold and MODEL in result.categories
    passage = next(span for span in result.spans if span.reason.startswith("the passage"))
    assert text[passage.start:passage.end].startswith("Honestly, anyone with crohn's")
    assert "remission" in text[passage.start:passage.end]
    assert "in one passage" in result.reasons[0]


def test_small_talk_alone_is_not_flagged():
    text = small_talk_around("My sister came to stay for a week and we walked along the river most mornings.")
    assert verdict(text).action == PUBLISH


def test_short_texts_are_read_whole_and_long_ones_in_windows_with_their_own_context():
    assert detector.detect(normalize("Hi all. Sugar feeds cancer. Thanks.").text).windows == ()
    text = normalize(small_talk_around() + " Is that true? Ask your doctor before you try it.").text
    windows = detector.detect(text).windows
    assert len(windows) >= 4
    assert max(factor for _, _, factor in windows) == 1.0
    assert min(factor for _, _, factor in windows) < 1.0  # the question and the doctor lower their own windows


def test_passages_score_each_span_as_if_it_stood_alone():
    model = trained()
    text = normalize(small_talk_around()).text
    spans = [(start, end) for start, end, _ in detector.detect(text).windows]
    alone = [model.probability(text[start:end]) for start, end in spans]
    assert model.passages(text, spans) == pytest.approx(alone, abs=1e-9)
    assert model.passages(text, []) == []


def test_the_embeddings_load_from_the_installed_package_without_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    embeddings._tokenizer.cache_clear()
    assert embeddings.token_ids("stop taking your lithium")
    assert embeddings.vocabulary_size() == len(trained().token_weights)

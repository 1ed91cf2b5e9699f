"""Screening reads what readers see: markup cannot hide a claim, and spans still point at what the member wrote."""

import re

import pytest
from hypothesis import given, settings, strategies as st

from moderation.screening.model import trained
from moderation.screening.sources import Source
from moderation.screening.verdict import Policy, screen
from moderation.services.screening import visible_post

POLICY = Policy()

# Claims the plain text of which is flagged; each is disguised below.
CLAIMS = [
    "Avoid dietary glutamate.",
    "Stop taking your antidepressant and use hemp oil instead, it works better.",
    "Turmeric cures arthritis.",
    "Double your dose of vitamin D in winter.",
    "Sugar destroys your immune system.",
    "Magnesium prevents migraines.",
]
TAGS = ("b", "i", "strike")


def score(source: str) -> float:
    """The claim score of a member's source text, screened as posting screens it."""
    return screen(visible_post(source), policy=POLICY, model=trained()).score


def _words(text: str) -> list[str]:
    return text.split(" ")


def disguises(text: str) -> list[tuple[str, str]]:
    words = _words(text)
    first, rest = words[0], " ".join(words[1:])
    middle = len(first) // 2
    return [
        ("empty tag inside the first word", f"{first[:middle]}<i></i>{first[middle:]} {rest}"),
        ("empty tags between letters", "<b></b>".join(first) + f" {rest}"),
        ("empty tags between words", "<i></i> ".join(words)),
        ("empty tags glued between words", " <strike></strike>".join(words)),
        ("bold first word", f"<b>{first}</b> {rest}"),
        ("italic every word", " ".join(f"<i>{word}</i>" for word in words)),
        ("struck-through word", f"<strike>{first}</strike> {rest}"),
        ("link around the first word", f'<a href="https://example.org/" title="x">{first}</a> {rest}'),
        ("nested tags", f"<b><i><strike>{first}</strike></i></b> {rest}"),
        ("unclosed tags", f"<b>{first} <i>{rest}"),
        ("stray closing tags", f"</b>{first}</i> {rest}</strike>"),
        ("tag split across a word with a comment", f"{first[:middle]}<!-- x -->{first[middle:]} {rest}"),
        ("tag inside an entity", f"&<i></i>#{ord(first[0])};{first[1:]} {rest}"),
        ("entity for a letter", f"&#{ord(first[0])};{first[1:]} {rest}"),
        ("disallowed tags around words", f"<span>{first}</span> <div>{rest}</div>"),
        ("everything wrapped", f"<b>{text}</b>"),
    ]


CASES = [(claim, name, disguised) for claim in CLAIMS for name, disguised in disguises(claim)]


@pytest.mark.parametrize("claim", CLAIMS)
def test_the_plain_claims_are_flagged(claim):
    assert score(claim) >= POLICY.flag_threshold


@pytest.mark.parametrize("claim, name, disguised", CASES, ids=[f"{c[:12]}-{n}" for c, n, _ in CASES])
def test_markup_keeps_the_plain_texts_score(claim, name, disguised):
    assert score(disguised) == score(claim)


def test_the_reported_disguises_are_flagged_and_hold_a_medication_change():
    assert score("<i>Avoid</i> dietary glutamate.") == score("Avoid dietary glutamate.") >= 0.5
    verdict = screen(visible_post("<b>Stop <i></i>taking <i></i>your antidepressant and use hemp oil instead, "
                                  "it works better.</b>"), policy=POLICY, model=trained())
    assert verdict.action == "hold" and "medication_change" in verdict.categories


def test_a_tag_inside_an_entity_is_read_as_the_letter_it_spells():
    # "&<i></i>#105;" is shown as the text "&#105;": read as "i", it cannot slip a claim through.
    assert score("Avo&<i></i>#105;d dietary glutamate.") == score("Avoid dietary glutamate.")


def test_spans_highlight_what_the_member_wrote_through_the_markup():
    source = "Thanks. <i>Avoid</i> dietary <b>glutamate</b> at all costs!"
    verdict = screen(visible_post(source), policy=POLICY, model=trained())
    covered = [source[span.start:span.end] for span in verdict.spans]
    assert any(re.sub(r"<[^>]+>", "", part) == "Avoid dietary glutamate" for part in covered), covered
    assert "at all costs" in covered


def test_a_discussion_title_is_screened_with_its_post_and_spans_index_both():
    post = visible_post("Has anyone read about this?", title="Sugar feeds cancer cells")
    verdict = screen(post, policy=POLICY, model=trained())
    assert verdict.score >= POLICY.flag_threshold
    combined = "Sugar feeds cancer cells\n\nHas anyone read about this?"
    assert any(combined[s.start:s.end].startswith("Sugar feeds cancer") for s in verdict.spans)


def test_link_addresses_go_to_the_link_rules_though_readers_see_only_words():
    verdict = screen(visible_post('<a href="https://shop.example/x">here</a> and <a href="https://b.example/">there</a>'),
                     policy=POLICY, model=trained())
    assert verdict.action == "hold" and "links" in verdict.categories
    spam = screen(visible_post('Lovely <a href="https://shop.example/p?ref=abc">tea</a>'), policy=POLICY,
                  model=trained())
    assert "spam" in spam.categories


def test_a_link_to_a_research_site_counts_as_a_cited_source():
    sources = [Source("pubmed.ncbi.nlm.nih.gov", "PubMed")]
    bare = screen(visible_post("Red meat increases the risk of bowel cancer."), policy=POLICY, model=trained(),
                  sources=sources)
    cited = screen(visible_post('Red meat increases the risk of <a href="https://pubmed.ncbi.nlm.nih.gov/12345/">'
                                "bowel cancer</a>."), policy=POLICY, model=trained(), sources=sources)
    assert cited.score < bare.score and cited.citations == ("PubMed 12345",)


@settings(max_examples=150, deadline=None)
@given(claim=st.sampled_from(CLAIMS), data=st.data())
def test_wrapping_a_word_or_inserting_an_empty_tag_never_lowers_a_score(claim, data):
    tag = data.draw(st.sampled_from(TAGS))
    if data.draw(st.booleans()):
        words = _words(claim)
        index = data.draw(st.integers(0, len(words) - 1))
        words[index] = f"<{tag}>{words[index]}</{tag}>"
        disguised = " ".join(words)
    else:
        position = data.draw(st.integers(0, len(claim)))
        disguised = f"{claim[:position]}<{tag}></{tag}>{claim[position:]}"
    assert score(disguised) >= score(claim)

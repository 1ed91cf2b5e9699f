"""Normalisation: obfuscation is undone, and every position maps back into the original text."""

import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st

from moderation.screening.normalize import normalize
from moderation.screening.verdict import Policy, screen


@pytest.mark.parametrize(
    "text, expected",
    [
        ("AVOID Glutamate", "avoid glutamate"),
        ("аvоid glutаmаte", "avoid glutamate"),  # Cyrillic а, о
        ("αvοid", "avoid"),  # Greek α, ο
        ("ＡＶＯＩＤ", "avoid"),  # fullwidth
        ("𝐚𝐯𝐨𝐢𝐝", "avoid"),  # mathematical bold
        ("av\u200boid glu\u200dtamate", "avoid glutamate"),  # zero-width space and joiner
        ("\u202eavoid\u202c", "avoid"),  # bidirectional override
        ("av&#111;id &amp; glut&#x61;mate", "avoid & glutamate"),  # HTML entities
        ("g.l.u.t.a.m.a.t.e", "glutamate"),
        ("g l u t a m a t e", "glutamate"),
        ("g-l-u-t-a-m-a-t-e", "glutamate"),
        ("a.v.o.i.d g.l.u.t.a.m.a.t.e", "avoid glutamate"),
        ("cur3s and h3als", "cures and heals"),  # digits inside words
        ("take 500 mg of b12", "take 500 mg of b12"),  # numbers are left alone
        ("glütamate", "glutamate"),  # accents
        ("one\n\n\n two  \t three", "one\ntwo three"),
    ],
)
def test_obfuscation_is_undone(text, expected):
    assert normalize(text).text == expected


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalisation_never_raises_and_maps_every_character_into_the_original(text):
    result = normalize(text)
    assert len(result.starts) == len(result.text)
    for index in range(len(result.text)):
        start, end = result.original_span(index, index + 1)
        assert 0 <= start < end <= len(text)


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("avoid glutamate&#;.x\u200b\u0430\n?!STOP taking your meds 1)"))))
def test_every_span_lies_inside_the_original_text(text):
    for span in screen(text, policy=Policy()).spans:
        assert 0 <= span.start <= span.end <= len(text)


def test_a_span_of_the_normalised_text_maps_to_the_obfuscated_original():
    original = "Please а.v.o.i.d  G&#76;UTAMATE"
    result = normalize(original)
    start = result.text.index("avoid glutamate")
    begin, end = result.original_span(start, start + len("avoid glutamate"))
    assert original[begin:end] == "а.v.o.i.d  G&#76;UTAMATE"

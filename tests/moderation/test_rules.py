"""Watched phrases, links and spam: what moderators configure and what gets held."""

import time

import pytest
from django.core.exceptions import ValidationError

from moderation import services
from moderation.models import WatchedPhrase
from moderation.screening import rules
from moderation.screening.verdict import MAX_LINK_SPANS, Policy, screen


@pytest.fixture
def add_phrase(db, django_capture_on_commit_callbacks):
    def add(pattern, action, is_regex=False, note=""):
        # The cache is cleared when the transaction commits, as in a request.
        with django_capture_on_commit_callbacks(execute=True):
            return services.save_watched_phrase(
                phrase=WatchedPhrase(pattern=pattern, is_regex=is_regex, action=action, note=note), actor=None
            )
    return add


@pytest.mark.parametrize(
    "action, expected", [("flag", "publish"), ("label", "label"), ("hold", "hold"), ("block", "block")]
)
def test_a_watched_phrase_applies_its_action(add_phrase, action, expected):
    add_phrase("colloidal silver", action, note="unsafe remedy")
    verdict = services.screen_text("Has anyone tried Colloidal Silver?")
    assert verdict.action == expected
    assert "watched" in verdict.categories and verdict.needs_review
    assert "watched phrase: unsafe remedy" in verdict.reasons


def test_a_literal_phrase_matches_whole_words_after_normalisation(add_phrase):
    add_phrase("msg", "hold")
    assert services.screen_text("I avoid M.S.G. now").action == "hold"
    assert services.screen_text("I avoid ＭＳＧ now").action == "hold"
    assert services.screen_text("my msgs are slow today").action == "publish"


def test_a_regular_expression_phrase_matches(add_phrase):
    add_phrase(r"detox\w*\s+(?:tea|kit)", "label", is_regex=True)
    assert services.screen_text("This Detoxifying  tea changed my life").action == "label"


def test_a_blocked_phrase_refuses_with_the_words_quoted(add_phrase):
    add_phrase("buy my cure", "block")
    verdict = services.screen_text("Please BUY MY CURE today")
    assert verdict.action == "block"
    assert "“BUY MY CURE” is not allowed" in verdict.block_message


def test_saving_a_phrase_takes_effect_at_once_and_removing_it_too(add_phrase, django_capture_on_commit_callbacks):
    assert services.screen_text("graviola").action == "publish"
    phrase = add_phrase("graviola", "hold")
    assert services.screen_text("graviola").action == "hold"
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_watched_phrase(phrase=phrase, actor=None)
    assert services.screen_text("graviola").action == "publish"


@pytest.mark.parametrize(
    "pattern, message",
    [
        ("(unclosed", "not a valid regular expression"),
        ("a*", "matches empty text"),
        ("x" * 301, "under 300 characters"),
    ],
)
def test_bad_patterns_are_refused_when_saved(add_phrase, pattern, message):
    with pytest.raises(ValidationError, match=message):
        add_phrase(pattern, "flag", is_regex=True)
    assert not WatchedPhrase.objects.exists()


def test_matching_a_pathological_pattern_stays_bounded_in_time(db):
    # Stored without validation, as a row from before a rule change could be.
    WatchedPhrase.objects.create(pattern=r"(a|aa)+(b|a)+c", is_regex=True, action="hold")
    text = "a" * 5000
    started = time.process_time()
    # The stored HTML is given, as posting gives it: only the pattern's matching is timed here.
    services.screen_text(text, html=f"<p>{text}</p>")
    # Unbounded, this pattern runs for hours on this text; the time limit stops it at 0.05 s.
    assert time.process_time() - started < 1


def test_two_links_hold_a_post_and_one_does_not():
    assert screen("See https://example.org/a for more.", policy=Policy()).action == "publish"
    verdict = screen("See https://example.org/a and www.example.net/b", policy=Policy())
    assert verdict.action == "hold" and "links" in verdict.categories


@pytest.mark.parametrize(
    "text",
    ["Click here to get this amazing shirt", "Buy now while stocks last", "Use code FIBRO20 for 20% off",
     "great deal https://shop.example/item?ref=abc123"],
)
def test_shop_and_affiliate_wording_is_held_as_spam(text):
    verdict = screen(text, policy=Policy())
    assert verdict.action == "hold" and "spam" in verdict.categories


def test_the_flagged_action_follows_the_setting():
    text = "Gluten is linked to depression and brain fog."
    assert screen(text, policy=Policy(flagged_action="label")).action == "label"
    assert screen(text, policy=Policy(flagged_action="hold")).action == "hold"


def test_screening_stays_linear_on_a_large_hostile_text():
    hostile = ("avoid " * 3000 + "a.b.c.d " * 2000 + "&#97;" * 3000 + "cancer " * 2000)[:100_000]
    started = time.process_time()
    screen(hostile, policy=Policy())
    assert time.process_time() - started < 5  # a gross bound only; bench/ measures the real figure


@pytest.mark.parametrize("text, found", [
    ("see shop.example.com/x and https://a.org/b.com", ["shop.example.com/x", "https://a.org/b.com"]),
    ("x.com.net once", ["x.com.net"]),
    ("www.a.com, ab.co and bc.org", ["www.a.com,", "ab.co", "bc.org"]),
    ("e.g. and i.e. are not addresses", []),
])
def test_addresses_are_found_once_each_in_order(text, found):
    assert [text[hit.start:hit.end] for hit in rules.links(text)] == found


def test_a_post_of_thousands_of_links_is_held_with_its_count_and_the_first_spans():
    verdict = screen("ab.co " * 2000, policy=Policy())
    assert verdict.action == "hold" and "2000 links" in verdict.reasons
    assert len([span for span in verdict.spans if span.category == "links"]) == MAX_LINK_SPANS

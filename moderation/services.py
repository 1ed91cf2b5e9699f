"""Screening posts, and the moderators' watched phrases behind it."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from moderation.models import WatchedPhrase
from moderation.screening import rules
from moderation.screening.verdict import Policy, Verdict, screen

WATCHED_CACHE_KEY = "moderation:watched-phrases"


def screen_text(text: str) -> Verdict:
    """Screen a member's text with the current settings and watched phrases."""
    return screen(text, policy=current_policy(), watched=active_watched_phrases())


def current_policy() -> Policy:
    return Policy(
        flag_threshold=settings.MODERATION_FLAG_THRESHOLD,
        hold_threshold=settings.MODERATION_HOLD_THRESHOLD,
        flagged_action=settings.MODERATION_FLAGGED_ACTION,
        hold_link_count=settings.MODERATION_HOLD_LINK_COUNT,
    )


def active_watched_phrases() -> list[rules.WatchedPhrase]:
    """The active phrases, from the shared cache: every app server sees a change at once."""
    phrases = cache.get(WATCHED_CACHE_KEY)
    if phrases is None:
        phrases = [
            rules.WatchedPhrase(pattern=p.pattern, is_regex=p.is_regex, action=p.action, note=p.note)
            for p in WatchedPhrase.objects.filter(is_active=True)
        ]
        cache.set(WATCHED_CACHE_KEY, phrases, timeout=None)
    return phrases


def save_watched_phrase(*, phrase: WatchedPhrase) -> WatchedPhrase:
    """Validate and store a phrase; screening uses it from the next post on."""
    phrase.full_clean()
    with transaction.atomic():
        phrase.save()
        transaction.on_commit(forget_watched_phrases)
    return phrase


def delete_watched_phrase(*, phrase: WatchedPhrase) -> None:
    with transaction.atomic():
        phrase.delete()
        transaction.on_commit(forget_watched_phrases)


def forget_watched_phrases() -> None:
    cache.delete(WATCHED_CACHE_KEY)

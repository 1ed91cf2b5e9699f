"""Screening posts, and the moderators' watched phrases behind it."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.forms.models import model_to_dict

from moderation.models import AuditEntry, WatchedPhrase
from moderation.screening import rules
from moderation.screening.verdict import Policy, Verdict, screen
from moderation.services.audit import record_action

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


def save_watched_phrase(*, phrase: WatchedPhrase, actor) -> WatchedPhrase:
    """Validate and store a phrase, keeping the change in the audit log; screening
    uses it from the next post on. Raises ValidationError for a bad pattern."""
    phrase.full_clean()
    with transaction.atomic():
        before = _phrase_state(WatchedPhrase.objects.filter(pk=phrase.pk).first()) if phrase.pk else {}
        if phrase.created_by_id is None:
            phrase.created_by = actor
        phrase.save()
        record_action(
            actor=actor,
            action=AuditEntry.Action.PHRASE_CHANGE if before else AuditEntry.Action.PHRASE_ADD,
            subject=f"Watched phrase “{phrase.pattern}”",
            before=before,
            after=_phrase_state(phrase),
            note=phrase.note,
        )
        transaction.on_commit(forget_watched_phrases)
    return phrase


def delete_watched_phrase(*, phrase: WatchedPhrase, actor) -> None:
    with transaction.atomic():
        record_action(
            actor=actor, action=AuditEntry.Action.PHRASE_DELETE,
            subject=f"Watched phrase “{phrase.pattern}”", before=_phrase_state(phrase),
        )
        phrase.delete()
        transaction.on_commit(forget_watched_phrases)


def forget_watched_phrases() -> None:
    cache.delete(WATCHED_CACHE_KEY)


def _phrase_state(phrase: WatchedPhrase | None) -> dict:
    if phrase is None:
        return {}
    return model_to_dict(phrase, fields=["pattern", "is_regex", "action", "note", "is_active"])

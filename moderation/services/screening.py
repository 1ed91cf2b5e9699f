"""Screening posts, and the moderators' watched phrases behind it."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.forms.models import model_to_dict

from moderation import interfaces
from moderation.learning.evaluation import Example, read_labelled, read_tags
from moderation.models import AuditEntry, LabelledExample, RecognisedSource, WatchedPhrase
from moderation.screening import detector, rules
from moderation.screening.normalize import normalize
from moderation.screening.sources import Source
from moderation.screening.verdict import Policy, Verdict, screen
from moderation.screening.visible import Visible, joined, plain, visible_text
from moderation.services.audit import record_action
from moderation.services.claim_models import active_model

WATCHED_CACHE_KEY = "moderation:watched-phrases"
SOURCES_CACHE_KEY = "moderation:recognised-sources"


def screen_text(text: str, *, title: str = "", html: str | None = None) -> Verdict:
    """Screen a member's source text as readers will see it, with the current
    settings, watched phrases and trained model.

    html is the text as stored (rendered as posts are, interfaces.render, when not
    given); title, a discussion's, is screened before it. Spans index
    title + "\n\n" + text, or text when there is no title.
    """
    return screen(visible_post(text, title=title, html=html), policy=current_policy(),
                  watched=active_watched_phrases(), model=active_model(), sources=recognised_sources())


def visible_post(text: str, *, title: str = "", html: str | None = None) -> Visible:
    """What readers see of a post, mapped back to its source (and title)."""
    if html is None:
        html = interfaces.render(text)
    body = visible_text(html, text)
    return joined(plain(title), body) if title else body


def current_policy() -> Policy:
    return Policy(
        flag_threshold=settings.MODERATION_FLAG_THRESHOLD,
        hold_threshold=settings.MODERATION_HOLD_THRESHOLD,
        flagged_action=settings.MODERATION_FLAGGED_ACTION,
        hold_link_count=settings.MODERATION_HOLD_LINK_COUNT,
        always_hold=frozenset(settings.MODERATION_HOLD_CATEGORIES),
    )


def labelled_examples(rows, *, as_shown: bool = False, groups=None) -> list[Example]:
    """(text, label, source) rows as screening reads them, each with the rules' score for it.

    A text is a member's source text, rendered as posting renders it, or with
    as_shown the text readers saw (a moderator's decision keeps that).
    """
    policy, sources = current_policy(), recognised_sources()
    examples = []
    for number, (text, label, source) in enumerate(rows):
        shown = plain(text) if as_shown else visible_post(text)
        verdict = screen(shown, policy=policy, sources=sources)
        folded = normalize(shown.text).text
        # The windows screening reads (their context as the verdict's: cited or not).
        detection = detector.detect(folded, cited=bool(verdict.citations))
        windows = tuple(((start, end), factor) for start, end, factor in detection.windows)
        examples.append(Example(folded, label, source, verdict.rules_score, model_factor=verdict.context_factor,
                                windows=windows, group=groups[number] if groups else source))
    return examples


def file_examples(paths) -> list[Example]:
    """The labelled rows of each file, as screening reads them; a row's group is its topic
    where the file tags one, else its source."""
    rows = [row for path in paths for row in read_labelled(path)]
    topics = [topic for path in paths for topic, _ in read_tags(path)]
    return labelled_examples(rows, groups=[f"topic:{topic}" if topic else source
                                           for (_, _, source), topic in zip(rows, topics)])


def moderators_examples(until=None) -> list[Example]:
    """Every moderator's decision kept as a labelled example (those decided up to `until`), oldest first."""
    return moderators_decisions(until)[0]


def moderators_decisions(until=None) -> tuple[list[Example], list]:
    """The moderators' decisions as labelled examples, oldest first, and when each was decided."""
    decisions = LabelledExample.objects.order_by("decided_at", "pk")
    if until is not None:
        decisions = decisions.filter(decided_at__lte=until)
    rows = list(decisions.values_list("text", "is_claim", "decided_at"))
    examples = labelled_examples([(text, int(is_claim), "moderators") for text, is_claim, _ in rows], as_shown=True)
    return examples, [decided_at for _, _, decided_at in rows]


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


def recognised_sources() -> list[Source]:
    """The recognised sources, from the shared cache: every app server sees a change at once."""
    sources = cache.get(SOURCES_CACHE_KEY)
    if sources is None:
        sources = [Source(domain, name) for domain, name in RecognisedSource.objects.values_list("domain", "name")]
        cache.set(SOURCES_CACHE_KEY, sources, timeout=None)
    return sources


def save_recognised_source(*, source: RecognisedSource) -> RecognisedSource:
    """Validate and store a recognised source; screening uses it from the next post on."""
    source.full_clean()
    with transaction.atomic():
        source.save()
        transaction.on_commit(forget_recognised_sources)
    return source


def delete_recognised_sources(*, sources) -> None:
    with transaction.atomic():
        sources.delete()
        transaction.on_commit(forget_recognised_sources)


def forget_recognised_sources() -> None:
    cache.delete(SOURCES_CACHE_KEY)


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

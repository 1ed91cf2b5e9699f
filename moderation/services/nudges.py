"""The note shown while a member writes something screening reads as a health claim, and
the counts of what followed. Counts only: a draft's text is never stored, only a keyed
digest of the text the note was last shown for, which nothing can be read back from."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from moderation.highlight import Segment, highlight
from moderation.models import Nudge
from moderation.screening import claim_rules
from moderation.screening.verdict import CLAIM_CATEGORIES, CRISIS, HOLD, LABEL, MODEL, Verdict

# Why a span was read as a claim, in the words the writer is shown.
WHY = {
    claim_rules.DIRECTIVE: "advice telling readers what to do about their health",
    claim_rules.CERTAINTY: "a health claim stated as certain",
    claim_rules.CAUSAL: "a claim that something causes, prevents or cures",
    claim_rules.MEDICATION: "a directive about medication",
    claim_rules.DOSAGE: "a dose instruction",
    claim_rules.CONSPIRACY: "distrust of medicine stated as fact",
    claim_rules.MIRACLE: "a claim of cure by a product",
    MODEL: "wording that reads like an unverified health claim",
    CRISIS: "words about self-harm or suicide",
}
IF_POSTED = {
    LABEL: "it is then published with the “Unverified health claim” label.",
    HOLD: "it then waits for a moderator before anyone else can read it.",
}


@dataclass(frozen=True)
class Note:
    """What the writer is shown: the text with the claims marked, why, and what posting it does."""

    claim: bool
    crisis: bool
    segments: list[Segment]
    reasons: tuple[str, ...]
    outcome: str  # "label" or "hold": what posting it unchanged does
    cites_source: bool

    @property
    def if_posted(self) -> str:
        return IF_POSTED.get(self.outcome, "")

    def as_dict(self) -> dict:
        return {
            "claim": self.claim,
            "crisis": self.crisis,
            "crisis_message": settings.MODERATION_CRISIS_MESSAGE if self.crisis else "",
            "preview": [{"text": s.text, "why": "; ".join(dict.fromkeys(WHY.get(c, "") for c in s.categories))}
                        for s in self.segments],
            "reasons": list(self.reasons),
            "outcome": self.outcome,
            "if_posted": self.if_posted,
            "cites_source": self.cites_source,
        }


def note_for(verdict: Verdict, action: str, *, text: str) -> Note | None:
    """The note for a draft screened as `verdict`, which posting would give `action` once the
    writer's standing is weighed; None when there is nothing to say. text is what the
    verdict's spans index (a discussion's title, two newlines, then the text)."""
    claims = [c for c in verdict.categories if c in CLAIM_CATEGORIES]
    claim = bool(claims) and action in (LABEL, HOLD)
    if not claim and not verdict.crisis:
        return None
    shown = CLAIM_CATEGORIES | {CRISIS}
    spans = [span for span in verdict.as_dict()["spans"] if span["category"] in shown]
    reasons = tuple(dict.fromkeys(WHY[c] for c in (*([CRISIS] if verdict.crisis else []), *claims) if c in WHY))
    return Note(claim=claim, crisis=verdict.crisis, segments=highlight(text, spans), reasons=reasons,
                outcome=action if action in IF_POSTED else "", cites_source=cites_source(verdict))


def cites_source(verdict: Verdict | None) -> bool:
    return verdict is not None and bool(verdict.citations)


def record_shown(*, token: str, form: str, note: Note, verdict: Verdict, text: str) -> None:
    """Count a note shown for the writing session `token` (made when the form was shown).
    Only claim notes count: crisis resources are not a nudge."""
    if not token or not note.claim or form not in Nudge.Form.values:
        return
    digest = _digest(token, text)
    if Nudge.objects.filter(token=token, settled_at=None).update(digest=digest, times_shown=F("times_shown") + 1):
        return
    Nudge.objects.get_or_create(token=token, defaults={
        "form": form, "categories": " ".join(c for c in verdict.categories if c in CLAIM_CATEGORIES),
        "expected": note.outcome, "cited": note.cites_source, "digest": digest,
    })


def settle(*, token: str, text: str, verdict: Verdict | None, held: bool, labelled: bool) -> None:
    """What followed a note once the post is stored: unchanged, with a source added, or
    reworded; and whether it was published, labelled or held."""
    if not token:
        return
    nudge = Nudge.objects.filter(token=token, settled_at=None).first()
    if nudge is None:
        return
    if _digest(token, text) == nudge.digest:
        nudge.followed = Nudge.Followed.UNCHANGED
    elif cites_source(verdict) and not nudge.cited:
        nudge.followed = Nudge.Followed.SOURCE
    else:
        nudge.followed = Nudge.Followed.REWORDED
    nudge.result = (Nudge.Result.HELD if held else Nudge.Result.LABELLED if labelled else Nudge.Result.PUBLISHED)
    nudge.settled_at = timezone.now()
    nudge.save(update_fields=["followed", "result", "settled_at"])


def _digest(token: str, text: str) -> str:
    # Keyed with the site's secret and the session's token: equal only for the same text
    # in the same writing session, and no dictionary of texts can be checked against it.
    return salted_hmac(f"moderation.nudge:{token}", text.strip(), algorithm="sha256").hexdigest()

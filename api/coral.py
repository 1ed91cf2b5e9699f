"""A Coral external moderation phase (Coral's EXTERNAL_MODERATION_PHASES.md): Coral POSTs each new
or edited comment, signed with the phase's secret; the answer is the forum's verdict in Coral's terms.

Coral's answers know no label, so a comment this forum would label is held for Coral's moderators
or let through, as the phase is set; one it would hold goes to Coral's pre-moderation queue; spam
is rejected and flagged; anything else is let through (204, Coral's "no decision").
"""

import hashlib
import hmac

from api.models import CoralPhase
from api.screening import verdict_on
from core.refusals import Refused
from moderation.screening.verdict import BLOCK, HOLD, LABEL


def phase_for(pk: int, body: bytes, header: str) -> CoralPhase:
    """The active phase whose secret signed body; refused (401) otherwise. The header holds one or
    more "sha256=<hex>" signatures, comma-separated (two while Coral rolls a secret)."""
    phase = CoralPhase.objects.active().filter(pk=pk).first()
    if phase is not None:
        expected = hmac.new(phase.signing_secret.encode(), body, hashlib.sha256).hexdigest()
        given = [value for prefix, _, value in (part.strip().partition("=") for part in header.split(","))
                 if prefix == "sha256"]
        if any(hmac.compare_digest(value, expected) for value in given):
            return phase
    raise Refused("The request is not signed with this phase's signing secret (X-Coral-Signature).", status=401)


def moderate(phase: CoralPhase, body_text: str) -> dict | None:
    """Coral's ExternalModerationResponse for a comment's body, or None for no decision. A body a
    comment form here would refuse (too long, control characters) is refused (400) in its words."""
    _, verdict = verdict_on(body_text, noun="comment", caller=f"coral:{phase.pk}",
                            too_many="This phase has screened many comments in a short time. Please wait a minute.")
    if verdict.action == BLOCK:
        return {"status": "REJECTED", "actions": [{"actionType": "FLAG", "reason": "COMMENT_DETECTED_SPAM"}]}
    if verdict.action == HOLD or (verdict.action == LABEL and phase.on_label == CoralPhase.OnLabel.PREMOD):
        return {"status": "PREMOD"}
    return None

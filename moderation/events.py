"""The moderation events other systems may be told of (core.events): a case decided, an appeal
opened or decided, a member suspended. Emitted in the decision's transaction. The data names the
decision and where to find it, and never carries what only moderators and the member may read:
no appeal text, no moderator's note or reason, no moderator's name."""

from core import events
from moderation.models import Appeal, Case, Suspension


def _case(case: Case) -> dict:
    return {"id": case.pk, "state": case.state, "post": case.post_label, "place": case.place_title,
            "post_url": events.absolute(case.post_url) if case.post_url else None,
            "categories": case.category_list, "reasons": case.reasons.split(),
            "decided_at": case.decided_at.isoformat() if case.decided_at else None}


def _member(member) -> dict:
    return {"id": member.pk, "name": member.display_name}


def case_decided(case: Case, action: str) -> None:
    events.emit(events.CASE_DECIDED, lambda: {"action": action, "case": _case(case)})


def _appeal(appeal: Appeal) -> dict:
    return {"appeal": {"id": appeal.pk, "state": appeal.state, "crisis": appeal.is_crisis,
                       "against": "case" if appeal.case_id else "suspension",
                       "opened_at": appeal.opened_at.isoformat(),
                       "decided_at": appeal.decided_at.isoformat() if appeal.decided_at else None},
            "case": _case(appeal.case) if appeal.case_id else None,
            "suspension": appeal.suspension_id, "member": _member(appeal.member)}


def appeal_opened(appeal: Appeal) -> None:
    events.emit(events.APPEAL_OPENED, lambda: _appeal(appeal))


def appeal_decided(appeal: Appeal) -> None:
    events.emit(events.APPEAL_DECIDED, lambda: _appeal(appeal))


def member_suspended(suspension: Suspension) -> None:
    """A suspension or a silence, each its own kind of event."""
    kind = events.MEMBER_SILENCED if suspension.is_silence else events.MEMBER_SUSPENDED
    events.emit(kind, lambda: {
        "suspension": {"id": suspension.pk, "starts_at": suspension.starts_at.isoformat(),
                       "ends_at": suspension.ends_at.isoformat(), "case": suspension.case_id},
        "member": _member(suspension.member)})

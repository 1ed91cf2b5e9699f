"""The audit log: every moderation action, written in the action's own transaction."""

from moderation.models import AuditEntry, Case


def record_action(
    *, actor, action: str, subject: str, case: Case | None = None, member=None,
    before: dict | None = None, after: dict | None = None, note: str = "",
) -> AuditEntry:
    """Keep one action; actor None means the forum acted on its own (e.g. hiding after reports)."""
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor.display_name if actor is not None else "",
        action=action,
        case=case,
        member=member,
        subject=subject[:300],
        before=before or {},
        after=after or {},
        note=note,
    )


def forget_member(member) -> None:
    """Erase a deleting member's name from the log, keeping the actions themselves."""
    AuditEntry.objects.filter(actor=member).update(actor_name="former moderator")
    AuditEntry.objects.filter(member=member).update(subject="Member (deleted account)")

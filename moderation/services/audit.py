"""The audit log: every moderation action, written in the action's own transaction."""

from accounts.names import names_of, scrub_rows
from moderation.models import AuditEntry, Case, MemberNote, Report


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
    """Erase a deleting member's name and address from what moderators keep, keeping the
    actions themselves: the log's names, and their mentions in notes, reasons and reports."""
    AuditEntry.objects.filter(actor=member).update(actor_name="former moderator")
    AuditEntry.objects.filter(member=member).update(subject="Member (deleted account)")
    # Notes on the member go with their account (MemberNote cascades), and so does their text in the log.
    AuditEntry.objects.filter(member=member, action=AuditEntry.Action.NOTE).update(note="")
    MemberNote.objects.filter(written_by=member).update(written_by_name="former moderator")
    names = names_of(member)
    scrub_rows(AuditEntry.objects.all(), ["subject", "note", "before", "after"], names)
    scrub_rows(MemberNote.objects.all(), ["text"], names)
    scrub_rows(Case.objects.all(), ["decision_note"], names)
    scrub_rows(Report.objects.all(), ["note"], names)

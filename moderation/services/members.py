"""Members as moderation sees them: trust, suspensions and their record."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.refusals import Refused
from moderation import events
from moderation.models import AuditEntry, Case, MemberNote, Suspension
from moderation.screening.verdict import CLAIM_CATEGORIES, HOLD, LABEL, PUBLISH, Verdict
from moderation.services import notify
from moderation.queries import is_trusted
from moderation.services.audit import record_action


def review_action(*, author, verdict: Verdict, published_posts: int, earlier_posts: int,
                  rejected_lately: bool | None = None, suspended: bool | None = None) -> tuple[str, list[str]]:
    """The action a post gets once its author's standing is weighed, with any
    extra reason to review it.

    A member without a published post yet (a new account) has the post held.
    A trusted member (enough published posts, no recent rejection) whose post
    would be held for health-claim wording alone gets it published with the
    label instead; crisis, spam, links, watched phrases and the categories of
    MODERATION_HOLD_CATEGORIES (medication changes, doses) still hold it.
    rejected_lately and suspended: what the caller read already (is_trusted).
    """
    action = verdict.action
    if published_posts == 0 and settings.MODERATION_HOLD_FIRST_POST and action in (PUBLISH, LABEL):
        # Only the first post is the first post; later ones wait until one is approved.
        return HOLD, [Case.Reason.NEW_MEMBER if earlier_posts == 0 else Case.Reason.NEW_MEMBER_WAITING]
    lighter = CLAIM_CATEGORIES - set(settings.MODERATION_HOLD_CATEGORIES)
    if action == HOLD and set(verdict.categories) <= lighter and is_trusted(
            author, published_posts, rejected_lately=rejected_lately, suspended=suspended):
        return LABEL, []
    return action, []


def suspend_member(*, member, moderator, days: int, reason: str, case: Case | None = None) -> Suspension:
    """Bar a member from posting, editing and reporting for `days` days; they are told by e-mail.

    Refuses staff and moderators (ask an administrator), oneself, a period
    outside 1-365 days and a missing reason.
    """
    if not 1 <= days <= 365:
        raise Refused("Choose between 1 and 365 days.")
    return _bar(Suspension.Kind.SUSPEND, member=member, moderator=moderator, period=timedelta(days=days),
                reason=reason, case=case)


def silence_member(*, member, moderator, hours: int, reason: str, case: Case | None = None) -> Suspension:
    """Bar a member from new comments and discussions for `hours` hours (1 to 30 days); they may
    still read, edit, report and appeal, and are told by e-mail. Refused as suspend_member is."""
    if not 1 <= hours <= MAX_SILENCE_HOURS:
        raise Refused("Choose between an hour and 30 days.")
    return _bar(Suspension.Kind.SILENCE, member=member, moderator=moderator, period=timedelta(hours=hours),
                reason=reason, case=case)


MAX_SILENCE_HOURS = 30 * 24


def _bar(kind: str, *, member, moderator, period: timedelta, reason: str, case: Case | None) -> Suspension:
    """A suspension or a silence: stored, audited, mailed and emitted in one transaction."""
    if member.pk == moderator.pk:
        raise Refused(f"You cannot {'silence' if kind == Suspension.Kind.SILENCE else 'suspend'} yourself.")
    if member.is_staff or member.has_perm("moderation.review_case"):
        raise Refused("Staff and moderators cannot be suspended or silenced from the queue; ask an administrator.")
    if not reason.strip():
        raise Refused("Give the reason the member will be told.")
    silence = kind == Suspension.Kind.SILENCE
    with transaction.atomic():
        suspension = Suspension.objects.create(
            member=member, kind=kind, ends_at=timezone.now() + period, reason=reason.strip(),
            case=case, created_by=moderator,
        )
        record_action(
            actor=moderator, action=AuditEntry.Action.SILENCE if silence else AuditEntry.Action.SUSPEND,
            case=case, member=member, subject=f"Member {member.display_name}",
            before={}, after={suspension.until_key: suspension.ends_at.isoformat()},
            note=suspension.reason,
        )
        notify.member_suspended(suspension=suspension)
        events.member_suspended(suspension)
    return suspension


def add_note(*, member, moderator, text: str) -> MemberNote:
    """A note on a member for the other moderators; audited, never shown to the member."""
    text = text.strip()
    if not text:
        raise Refused("Write the note first.")
    if len(text) > MAX_NOTE_LENGTH:
        raise Refused(f"A note is at most {MAX_NOTE_LENGTH:,} characters.")
    with transaction.atomic():
        note = MemberNote.objects.create(member=member, text=text, written_by=moderator,
                                         written_by_name=moderator.display_name)
        record_action(actor=moderator, action=AuditEntry.Action.NOTE, member=member,
                      subject=f"Member {member.display_name}", before={}, after={}, note=text)
    return note


MAX_NOTE_LENGTH = 1000


def lift_suspension(*, suspension: Suspension, moderator) -> Suspension:
    """End a suspension or a silence now; the member may post again at once."""
    with transaction.atomic():
        suspension = Suspension.objects.select_for_update().select_related("member").get(pk=suspension.pk)
        if not suspension.in_force:
            raise Refused("This suspension has already ended.")
        suspension.lifted_at = timezone.now()
        suspension.save(update_fields=["lifted_at"])
        record_action(
            actor=moderator, action=AuditEntry.Action.LIFT, case=suspension.case, member=suspension.member,
            subject=f"Member {suspension.member.display_name}",
            before={suspension.until_key: suspension.ends_at.isoformat()}, after={suspension.until_key: None},
        )
    return suspension

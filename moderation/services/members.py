"""Members as moderation sees them: trust, suspensions and their record."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.refusals import Refused
from moderation import events
from moderation.models import AuditEntry, Case, Suspension
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
    if member.pk == moderator.pk:
        raise Refused("You cannot suspend yourself.")
    if member.is_staff or member.has_perm("moderation.review_case"):
        raise Refused("Staff and moderators cannot be suspended from the queue; ask an administrator.")
    if not 1 <= days <= 365:
        raise Refused("Choose between 1 and 365 days.")
    if not reason.strip():
        raise Refused("Give the reason the member will be told.")
    with transaction.atomic():
        suspension = Suspension.objects.create(
            member=member, ends_at=timezone.now() + timedelta(days=days), reason=reason.strip(),
            case=case, created_by=moderator,
        )
        record_action(
            actor=moderator, action=AuditEntry.Action.SUSPEND, case=case, member=member,
            subject=f"Member {member.display_name}",
            before={}, after={"suspended_until": suspension.ends_at.isoformat()}, note=suspension.reason,
        )
        notify.member_suspended(suspension=suspension)
        events.member_suspended(suspension)
    return suspension


def lift_suspension(*, suspension: Suspension, moderator) -> Suspension:
    """End a suspension now; the member may post again at once."""
    with transaction.atomic():
        suspension = Suspension.objects.select_for_update().select_related("member").get(pk=suspension.pk)
        if not suspension.in_force:
            raise Refused("This suspension has already ended.")
        suspension.lifted_at = timezone.now()
        suspension.save(update_fields=["lifted_at"])
        record_action(
            actor=moderator, action=AuditEntry.Action.LIFT, case=suspension.case, member=suspension.member,
            subject=f"Member {suspension.member.display_name}",
            before={"suspended_until": suspension.ends_at.isoformat()}, after={"suspended_until": None},
        )
    return suspension

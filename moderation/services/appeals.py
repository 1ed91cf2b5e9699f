"""Appeals: a member asks once that a different moderator look again at a decision about
them (a rejected, labelled or edited post, or a suspension); that moderator upholds it
or reverses it. The member is told on the post and by e-mail; all of it is audited."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from moderation import interfaces
from moderation.interfaces import Decision
from moderation.models import Appeal, AuditEntry, Case, Suspension
from moderation.services import notify
from moderation.services.audit import record_action
from moderation.services.cases import ModerationRefused, _locked, _snapshot
from moderation.services.screening import screen_text

MAX_LENGTH = 1000
UPHOLD = "uphold"
REVERSE = "reverse"


def appealable(member) -> dict:
    """The decisions about a member they may still appeal, and their appeals so far."""
    appealed = Appeal.objects.filter(member=member)
    return {
        "cases": list(Case.objects.filter(author=member, state__in=Case.APPEALABLE, appeal__isnull=True)
                      .select_related("decided_by").order_by("-decided_at")),
        "suspensions": list(Suspension.objects.active().filter(member=member, appeal__isnull=True)),
        "appeals": list(appealed.select_related("case", "suspension").order_by("-opened_at")),
        "has_open": appealed.filter(state=Appeal.State.OPEN).exists(),
    }


def refusal(member, *, case: Case | None = None, suspension: Suspension | None = None) -> ModerationRefused | None:
    """Why the member may not appeal this decision, or None: it is about someone else (403),
    cannot be appealed (400), was appealed already (409), or they have an appeal waiting (429)."""
    if case is not None:
        if case.author_id != member.pk:
            return ModerationRefused("You can only appeal decisions about your own posts.", status=403)
        if case.state not in Case.APPEALABLE:
            return ModerationRefused("Only a rejected, labelled or edited post can be appealed.")
    elif suspension.member_id != member.pk:
        return ModerationRefused("You can only appeal your own suspension.", status=403)
    elif not suspension.in_force:
        return ModerationRefused("This suspension has already ended.")
    if Appeal.objects.filter(case=case, suspension=suspension).exists():
        return ModerationRefused("This decision has already been appealed; each decision can be appealed once.",
                                 status=409)
    if Appeal.objects.filter(member=member, state=Appeal.State.OPEN).exists():
        return ModerationRefused("You already have an appeal waiting; you can open another once it is decided.",
                                 status=429)
    return None


def open_appeal(*, member, text: str, case: Case | None = None, suspension: Suspension | None = None) -> Appeal:
    """The member's appeal against one decision; it opens in the moderators' queue.

    Refuses (ModerationRefused) what refusal() refuses, and an empty or too long
    text (400). Crisis language in the text puts the appeal first in the queue;
    the caller shows the crisis resources.
    """
    refused = refusal(member, case=case, suspension=suspension)
    if refused is not None:
        raise refused
    text = text.strip()
    if not text:
        raise ModerationRefused("Say why the decision should change.")
    if len(text) > MAX_LENGTH:
        raise ModerationRefused(f"Your appeal is {len(text):,} characters long; the limit is {MAX_LENGTH:,}.")
    if case is not None:
        decision = f"{case.get_state_display()}. {case.decision_note}".strip()
        decider, subject = case.decided_by_id, f"{case.post_label} on “{case.place_title}”"
    else:
        decision = f"Suspended until {suspension.ends_at:%B %-d, %Y}. Reason: {suspension.reason}"
        decider, subject = suspension.created_by_id, f"Member {member.display_name}"
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(member=member, case=case, suspension=suspension, text=text,
                                           decision=decision[:600], is_crisis=screen_text(text).crisis,
                                           original_decider_id=decider)
            # The text stays on the appeal, which goes with the member's account; the log keeps the fact.
            record_action(actor=member, action=AuditEntry.Action.APPEAL, case=case, member=member,
                          subject=subject[:300])
    except IntegrityError:
        # Two appeals sent at once: the database keeps one per decision and one open per member.
        raise ModerationRefused("You already have an appeal waiting for this or another decision.",
                                status=409) from None
    return appeal


def decide_appeal(*, appeal: Appeal, moderator, outcome: str, note: str = "") -> Appeal:
    """Uphold or reverse, by a moderator other than the one who decided. Reversing
    publishes a rejected post, removes a label, restores the author's own text of an
    edited one, or lifts the suspension."""
    if outcome not in (UPHOLD, REVERSE):
        raise ModerationRefused("Choose whether to uphold or reverse the decision.")
    if outcome == UPHOLD and not note.strip():
        raise ModerationRefused("Say why the decision stands; the member is told.")
    with transaction.atomic():
        appeal = (Appeal.objects.select_for_update(of=("self",)).select_related("case", "suspension", "member")
                  .get(pk=appeal.pk))
        if not appeal.is_open:
            raise ModerationRefused("This appeal has already been decided.", status=409)
        if appeal.original_decider_id == moderator.pk:
            raise ModerationRefused("You made the decision appealed; another moderator must decide the appeal.",
                                    status=403)
        notice = _notice(appeal, outcome, note.strip())
        before, after, subject = {}, {}, f"Member {appeal.member.display_name}"
        if appeal.case is not None:
            # The lock order of moderation.services.cases: the post first, then its case.
            post = appeal.case.post
            post = _locked(post) if post is not None else None
            case = Case.objects.select_for_update().get(pk=appeal.case_id)
            subject = f"{case.post_label} on “{case.place_title}”"
            if post is not None:
                before = post.moderation_state()
                if outcome == REVERSE:
                    post.apply_decision(_reversal(case, post, notice))
                    _snapshot(case, post)
                    case.state, case.decision_note = Case.State.APPROVED, f"Reversed on appeal. {note}".strip()
                    case.save()
                else:
                    post.tell_author(notice)
                after = post.moderation_state()
        elif outcome == REVERSE:
            suspension = Suspension.objects.select_for_update().get(pk=appeal.suspension_id)
            before = {"suspended_until": suspension.ends_at.isoformat()}
            if suspension.in_force:
                suspension.lifted_at = timezone.now()
                suspension.save(update_fields=["lifted_at"])
            after = {"suspended_until": None}
        appeal.state = Appeal.State.REVERSED if outcome == REVERSE else Appeal.State.UPHELD
        appeal.decided_by, appeal.decided_at, appeal.decision_note = moderator, timezone.now(), note.strip()
        appeal.save()
        record_action(
            actor=moderator, action=AuditEntry.Action.REVERSE if outcome == REVERSE else AuditEntry.Action.UPHOLD,
            case=appeal.case, member=appeal.member, subject=subject[:300], before=before, after=after,
            note=note.strip(),
        )
        notify.appeal_decided(appeal=appeal, notice=notice)
    return appeal


def _reversal(case: Case, post, notice: str) -> Decision:
    """What undoing the decision does to the post: published without the label and, if a
    moderator edited it, with the author's own text back."""
    if case.state == Case.State.EDITED:
        earlier = [e for e in post.moderation_history() if case.decided_at is None or e.written_at < case.decided_at]
        if earlier:
            text = earlier[0].text
            return Decision(action=interfaces.EDIT, notice=notice, text=text, screening=screen_text(text).as_dict())
    return Decision(action=interfaces.APPROVE, notice=notice)


def _notice(appeal: Appeal, outcome: str, note: str) -> str:
    what = appeal.case.post_label.lower() if appeal.case is not None else "suspension"
    if outcome == REVERSE:
        done = ("your suspension is lifted: you may post again" if appeal.case is None
                else f"your {what} is published as you wrote it, without the label")
        text = f"A second moderator looked at your appeal and reversed the decision: {done}."
    else:
        text = f"A second moderator looked at your appeal and kept the decision on your {what}."
    return f"{text} Note: {note}" if note else text

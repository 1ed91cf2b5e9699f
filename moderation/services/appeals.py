"""Appeals: a member asks once that a different moderator look again at a decision about
them (a rejected, labelled or edited post, or a suspension); that moderator upholds it
or reverses it. The member is told on the post and by e-mail; all of it is audited."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.refusals import Refused
from moderation import events, interfaces
from moderation.interfaces import Decision, adapter_for
from moderation.models import Appeal, AuditEntry, Case, Suspension
from moderation.screening.verdict import CLAIM_CATEGORIES
from moderation.services import notify
from moderation.services.audit import record_action
from moderation.services.cases import _locked, _snapshot, screened_edit
from moderation.services.screening import screen_text

MAX_LENGTH = 1000
UPHOLD = "uphold"
REVERSE = "reverse"  # published as its author wrote it, without the label
REVERSE_LABELLED = "reverse_label"  # published as its author wrote it, with the label
REVERSE_EDITED = "reverse_edit"  # published with the deciding moderator's edit, without the label
OUTCOMES = {
    UPHOLD: "Uphold the decision",
    REVERSE_LABELLED: "Reverse it and keep the label: publish the author's text as an unverified health claim",
    REVERSE_EDITED: "Reverse it with an edit: publish your edit of the text",
    REVERSE: "Reverse it: publish the author's text without the label",
}


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


def refusal(member, *, case: Case | None = None, suspension: Suspension | None = None) -> Refused | None:
    """Why the member may not appeal this decision, or None: it is about someone else (403),
    cannot be appealed (400), was appealed already (409), or they have an appeal waiting (429)."""
    if case is not None:
        if case.author_id != member.pk:
            return Refused("You can only appeal decisions about your own posts.", status=403)
        if case.state not in Case.APPEALABLE:
            return Refused("Only a rejected, labelled or edited post can be appealed.")
    elif suspension.member_id != member.pk:
        return Refused("You can only appeal your own suspension.", status=403)
    elif not suspension.in_force:
        return Refused("This suspension has already ended.")
    if Appeal.objects.filter(case=case, suspension=suspension).exists():
        return Refused("This decision has already been appealed; each decision can be appealed once.",
                                 status=409)
    if Appeal.objects.filter(member=member, state=Appeal.State.OPEN).exists():
        return Refused("You already have an appeal waiting; you can open another once it is decided.",
                                 status=429)
    return None


def open_appeal(*, member, text: str, case: Case | None = None, suspension: Suspension | None = None) -> Appeal:
    """The member's appeal against one decision; it opens in the moderators' queue.

    Refuses what refusal() refuses, and an empty or too long
    text (400). Crisis language in the text puts the appeal first in the queue;
    the caller shows the crisis resources.
    """
    refused = refusal(member, case=case, suspension=suspension)
    if refused is not None:
        raise refused
    text = text.strip()
    if not text:
        raise Refused("Say why the decision should change.")
    if len(text) > MAX_LENGTH:
        raise Refused(f"Your appeal is {len(text):,} characters long; the limit is {MAX_LENGTH:,}.")
    if case is not None:
        decision = f"{case.get_state_display()}. {case.decision_note}".strip()
        decider, subject = case.decided_by_id, f"{case.post_label} on “{case.place_title}”"
    else:
        decision = f"{suspension.what} until {suspension.ends_at:%B %-d, %Y}. Reason: {suspension.reason}"
        decider, subject = suspension.created_by_id, f"Member {member.display_name}"
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(member=member, case=case, suspension=suspension, text=text,
                                           decision=decision[:600], is_crisis=screen_text(text).crisis,
                                           original_decider_id=decider)
            # The text stays on the appeal, which goes with the member's account; the log keeps the fact.
            record_action(actor=member, action=AuditEntry.Action.APPEAL, case=case, member=member,
                          subject=subject[:300])
            events.appeal_opened(appeal)
    except IntegrityError:
        # Two appeals sent at once: the database keeps one per decision and one open per member.
        raise Refused("You already have an appeal waiting for this or another decision.",
                                status=409) from None
    return appeal


def outcomes(appeal: Appeal) -> list[str]:
    """The outcomes a moderator may choose for this appeal. A suspension is upheld or lifted;
    a post may be published with an edit, and a rejected or edited one with the label too."""
    if appeal.case is None:
        return [UPHOLD, REVERSE]
    if appeal.case.state == Case.State.LABELLED:
        return [UPHOLD, REVERSE_EDITED, REVERSE]
    return [UPHOLD, REVERSE_LABELLED, REVERSE_EDITED, REVERSE]


def unsafe_unlabelled(case: Case | None) -> bool:
    """Whether publishing the post as written and without the label could put unchecked
    health advice in front of readers: it was labelled, or screening read a claim in it (a
    medication change or a dose among them). Then only an explicit choice does it."""
    if case is None:
        return False
    return case.state == Case.State.LABELLED or bool(set(case.categories.split()) & CLAIM_CATEGORIES)


def decide_appeal(*, appeal: Appeal, moderator, outcome: str, note: str = "", text: str = "",
                  unlabelled: bool = False) -> Appeal:
    """Uphold or reverse, by a moderator other than the one who decided. Reversing lifts a
    suspension, or publishes the post: as its author wrote it (their own text back if it was
    edited), with the label (REVERSE_LABELLED) or with a new edit `text` (REVERSE_EDITED).

    Publishing a claim as written without the label (unsafe_unlabelled) needs `unlabelled`
    and a note; upholding needs a note. Refusals are Refused: 400, 403 for the
    moderator who decided, 409 when the appeal was decided meanwhile.
    """
    note, text = note.strip(), text.strip()
    with transaction.atomic():
        appeal = (Appeal.objects.select_for_update(of=("self",)).select_related("case", "suspension", "member")
                  .get(pk=appeal.pk))
        if not appeal.is_open:
            raise Refused("This appeal has already been decided.", status=409)
        if appeal.original_decider_id == moderator.pk:
            raise Refused("You made the decision appealed; another moderator must decide the appeal.",
                                    status=403)
        _check_outcome(appeal, outcome=outcome, note=note, text=text, unlabelled=unlabelled)
        notice = _notice(appeal, outcome, note)
        before, after, subject = {}, {}, f"Member {appeal.member.display_name}"
        if appeal.case is not None:
            # The lock order of moderation.services.cases: the post first, then its case.
            post = appeal.case.post
            post = _locked(post) if post is not None else None
            case = Case.objects.select_for_update().get(pk=appeal.case_id)
            subject = f"{case.post_label} on “{case.place_title}”"
            if post is not None:
                moderated = adapter_for(post)
                before = moderated.state(post)
                if outcome == UPHOLD:
                    moderated.tell_author(post, notice)
                else:
                    moderated.apply(post, _reversal(case, post, notice, outcome=outcome, text=text))
                    _snapshot(case, post)
                    case.state = STATE_AFTER[outcome]
                    case.decision_note = f"Reversed on appeal. {note}".strip()
                    case.save()
                after = moderated.state(post)
        elif outcome == REVERSE:
            suspension = Suspension.objects.select_for_update().get(pk=appeal.suspension_id)
            before = {suspension.until_key: suspension.ends_at.isoformat()}
            if suspension.in_force:
                suspension.lifted_at = timezone.now()
                suspension.save(update_fields=["lifted_at"])
            after = {suspension.until_key: None}
        appeal.state = Appeal.State.UPHELD if outcome == UPHOLD else Appeal.State.REVERSED
        appeal.decided_by, appeal.decided_at, appeal.decision_note = moderator, timezone.now(), note
        appeal.save()
        record_action(
            actor=moderator, action=AuditEntry.Action.UPHOLD if outcome == UPHOLD else AuditEntry.Action.REVERSE,
            case=appeal.case, member=appeal.member, subject=subject[:300], before=before, after=after,
            note=f"{OUTCOMES[outcome]}. {note}".strip() if appeal.case is not None else note,
        )
        notify.appeal_decided(appeal=appeal, notice=notice)
        events.appeal_decided(appeal)
    return appeal


def _check_outcome(appeal: Appeal, *, outcome: str, note: str, text: str, unlabelled: bool) -> None:
    if outcome not in outcomes(appeal):
        raise Refused("Choose whether to uphold or reverse the decision, and how.")
    if outcome == UPHOLD and not note:
        raise Refused("Say why the decision stands; the member is told.")
    if outcome == REVERSE_EDITED and not text:
        raise Refused("Write the edited text to publish, or choose another outcome.")
    if outcome == REVERSE and unsafe_unlabelled(appeal.case) and not (unlabelled and note):
        raise Refused(
            "This post reads as a health claim. To publish it as written without the label, tick “Publish "
            "without the label” and say in the note why it is safe; or keep the label, or publish an edit.")


STATE_AFTER = {REVERSE: Case.State.APPROVED, REVERSE_LABELLED: Case.State.LABELLED,
               REVERSE_EDITED: Case.State.EDITED}


def _reversal(case: Case, post, notice: str, *, outcome: str, text: str) -> Decision:
    """What undoing the decision does to the post: published with the moderator's edit, or
    with its author's own text (back, if a moderator edited it), with or without the label."""
    if outcome == REVERSE_EDITED:
        return Decision(action=interfaces.EDIT, notice=notice, text=text, screening=screened_edit(post, text))
    labelled = outcome == REVERSE_LABELLED
    if case.state == Case.State.EDITED:
        earlier = [e for e in adapter_for(post).history(post) if case.decided_at is None or e.written_at < case.decided_at]
        if earlier:
            own = earlier[0].text
            return Decision(action=interfaces.EDIT, notice=notice, text=own, screening=screened_edit(post, own),
                            labelled=labelled)
    return Decision(action=interfaces.LABEL if labelled else interfaces.APPROVE, notice=notice)


PUBLISHED = {
    REVERSE: "is published as you wrote it, without the label",
    REVERSE_LABELLED: "is published as you wrote it, with the “Unverified health claim” label",
    REVERSE_EDITED: "is published with a moderator's edit",
}


def _notice(appeal: Appeal, outcome: str, note: str) -> str:
    what = appeal.case.post_label.lower() if appeal.case is not None else "suspension"
    if outcome == UPHOLD:
        text = f"A second moderator looked at your appeal and kept the decision on your {what}."
    else:
        done = ("your suspension is lifted: you may post again" if appeal.case is None
                else f"your {what} {PUBLISHED[outcome]}")
        text = f"A second moderator looked at your appeal and reversed the decision: {done}."
    return f"{text} Note: {note}" if note else text

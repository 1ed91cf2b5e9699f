"""Cases: opened by screening, trust rules and member reports; closed by a moderator's decision.

Lock order everywhere: the post first, then its case. Posting and editing lock
the post before they record a verdict, so the same order keeps a decision and
an edit of the same post from waiting on each other.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from core import ratelimits
from core.refusals import Refused
from moderation import events, interfaces
from moderation.interfaces import Decision, adapter_for
from moderation.metrics import VERDICTS
from moderation.models import AuditEntry, Case, Flag, LabelledExample, Report
from moderation.screening.verdict import CLAIM_CATEGORIES, Verdict
from moderation.services import notify
from moderation.services.audit import record_action
from moderation.services.screening import screen_text, visible_post

STATE_FOR_ACTION = {
    interfaces.APPROVE: Case.State.APPROVED,
    interfaces.LABEL: Case.State.LABELLED,
    interfaces.EDIT: Case.State.EDITED,
    interfaces.REJECT: Case.State.REJECTED,
}
AUDIT_FOR_ACTION = {
    interfaces.APPROVE: AuditEntry.Action.APPROVE,
    interfaces.LABEL: AuditEntry.Action.LABEL,
    interfaces.EDIT: AuditEntry.Action.EDIT,
    interfaces.REJECT: AuditEntry.Action.REJECT,
}
TOO_MANY_REPORTS = ("You have sent many reports in a short time. Moderators will get to them; "
                    "please wait a while before sending more.")


class CaseDecided(Refused):
    """Another moderator decided the case first."""


def record_screening(*, post, verdict: Verdict, reasons: list[str] = (), new: bool = False) -> Case | None:
    """Note a post's screening after it is written or edited; call inside the
    transaction that holds the post's lock.

    A verdict that needs review, or an extra reason (a new member's first
    post), opens the post's case or adds to its open one. A clean edit of a
    post with an open case refreshes the case's copy of the text, so moderators
    decide on what is there now. Returns the open case, if any. A post just
    written (new) has no case yet, so none is looked for.
    """
    transaction.on_commit(VERDICTS.labels(verdict.action).inc)
    needs_review = verdict.needs_review or bool(reasons)
    if new and not needs_review:
        return None
    case = _new_case(post) if new else _open_case(post)
    if case.pk is None and not needs_review:
        return None
    new_reasons = list(reasons) + ([Case.Reason.SCREENING] if verdict.needs_review else [])
    if needs_review:
        case.score = max(case.score, verdict.score)
        case.is_crisis = case.is_crisis or verdict.crisis
        case.categories = _words(case.categories, verdict.categories)
        case.reasons = _words(case.reasons, new_reasons)
    _snapshot(case, post)
    case.spans = [dict(span) for span in verdict.as_dict()["spans"]]
    case.save()
    Flag.objects.create(
        case=case,
        reason=new_reasons[0] if new_reasons else Case.Reason.SCREENING,
        score=verdict.score,
        categories=_words("", verdict.categories),
        text=adapter_for(post).text(post),
        verdict=verdict.as_dict(),
    )
    return case


def report_post(*, reporter, post, reason: str, note: str = "") -> Report:
    """A member reports a post: it joins the post's open case (or opens one).

    When members reporting it reach MODERATION_REPORTS_TO_HIDE, the post is
    hidden from readers until a moderator decides. Refuses the author's own
    post, a second report by the same member, and a post readers cannot see.
    """
    if post.author_id == reporter.pk:
        raise Refused("You cannot report your own post.")
    if reason not in Report.Reason.values:
        raise Refused("Choose why you are reporting this post.")
    if not ratelimits.allow("report", f"member:{reporter.pk}"):
        raise Refused(TOO_MANY_REPORTS, status=429)
    with transaction.atomic():
        post = _locked(post)
        content_type = ContentType.objects.get_for_model(post)
        if Report.objects.filter(reporter=reporter, content_type=content_type, object_id=post.pk).exists():
            raise Refused("You have already reported this post. Thank you: moderators will look at it.")
        moderated = adapter_for(post)
        if not moderated.is_visible(post):
            raise Refused("This post is not shown to readers, so it cannot be reported.")
        case = _open_case(post)
        if case.pk is None:
            case.save()
        report = Report.objects.create(
            content_type=content_type, object_id=post.pk, case=case,
            reporter=reporter, reason=reason, note=note.strip()[:500],
        )
        case.reasons = _words(case.reasons, [Case.Reason.REPORT])
        case.report_count = case.reports.values("reporter").distinct().count()
        case.save()
        if case.report_count >= settings.MODERATION_REPORTS_TO_HIDE:
            before = moderated.state(post)
            moderated.hide(post)
            record_action(
                actor=None, action=AuditEntry.Action.HIDE, case=case, subject=_subject(case),
                before=before, after=moderated.state(post),
                note=f"Reported by {case.report_count} members.",
            )
    return report


def decide_case(
    *, case: Case, moderator, action: str, note: str = "", source_url: str = "", reason: str = "", text: str = "",
) -> Case:
    """A moderator's decision on an open case, in one transaction.

    approve publishes the post without the label; label publishes it with the
    label, the note and the source link under it; edit replaces its text and
    publishes it; reject removes it, telling the author the reason. The case
    closes, the action goes to the audit log and the author is told on the post
    and by e-mail once the transaction commits.

    Raises CaseDecided when the case was decided meanwhile (the case row is
    locked, so of two moderators exactly one wins), Refused for a
    reject without a reason, an empty edit or a source that is not a web address.
    """
    _check_decision(action=action, reason=reason, text=text, source_url=source_url)
    with transaction.atomic():
        post = case.post
        if post is not None:
            post = _locked(post)
            moderated = adapter_for(post)
        case = Case.objects.select_for_update().get(pk=case.pk)
        if not case.is_open:
            raise CaseDecided(already_decided(case), status=409)
        decision = Decision(
            action=action,
            notice=_notice(action, case=case, reason=reason.strip(), note=note.strip()),
            note=note.strip() if action == interfaces.LABEL else "",
            source_url=source_url.strip() if action == interfaces.LABEL else "",
            text=text,
            screening=screened_edit(post, text) if action == interfaces.EDIT else None,
        )
        before = moderated.state(post) if post is not None else {}
        _keep_example(case=case, action=action, moderator=moderator)
        if post is not None:
            moderated.apply(post, decision)
            _snapshot(case, post)
        case.state = STATE_FOR_ACTION[action]
        case.decided_at = timezone.now()
        case.decided_by = moderator
        case.decision_note = reason.strip() if action == interfaces.REJECT else note.strip()
        case.source_url = decision.source_url
        case.save()
        record_action(
            actor=moderator, action=AUDIT_FOR_ACTION[action], case=case, subject=_subject(case),
            before=before, after=moderated.state(post) if post is not None else {},
            note=case.decision_note,
        )
        if case.author_id is not None:
            notify.case_decided(case=case, notice=decision.notice)
        events.case_decided(case, action)
    return case


def remove_post(*, post, moderator, reason: str) -> Case:
    """Remove a post outside the queue (the admin's bulk action): it goes through a case all
    the same, so the removal is in the audit log and the author is told why."""
    with transaction.atomic():
        post = _locked(post)
        case = _open_case(post)
        if case.pk is None:
            case.reasons = _words("", [Case.Reason.STAFF])
            case.save()
        return decide_case(case=case, moderator=moderator, action=interfaces.REJECT, reason=reason)


def decide_cases(*, cases: list[Case], moderator, action: str, reason: str = "") -> tuple[list[Case], list[Case]]:
    """Approve or reject many cases, each in its own transaction; returns those
    decided and those another moderator decided first."""
    if action not in (interfaces.APPROVE, interfaces.REJECT):
        raise Refused("Many cases at once can only be approved or rejected.")
    _check_decision(action=action, reason=reason, text="", source_url="")
    decided, skipped = [], []
    for case in cases:
        try:
            decided.append(decide_case(case=case, moderator=moderator, action=action, reason=reason))
        except CaseDecided:
            skipped.append(case)
    return decided, skipped


def _keep_example(*, case: Case, action: str, moderator) -> LabelledExample | None:
    """Keep the decision as a labelled text for the claim model, as readers saw the post.

    Approving says the post is not an unverified claim; labelling says it is;
    editing or rejecting says so only when the case was about a claim (a
    screening category or a misinformation report), not, say, spam.
    """
    if action == interfaces.APPROVE:
        is_claim = False
    elif action == interfaces.LABEL:
        is_claim = True
    elif set(case.category_list) & CLAIM_CATEGORIES or case.reports.filter(
            reason=Report.Reason.MISINFORMATION).exists():
        is_claim = True
    else:
        return None
    return LabelledExample.objects.create(
        text=visible_post(case.text).text, is_claim=is_claim, decision=STATE_FOR_ACTION[action],
        categories=case.categories.strip(), decided_by=moderator,
    )


def withdraw_case(*, post) -> None:
    """Close the open case of a post its author deleted; call inside their transaction."""
    _open_cases(post).update(state=Case.State.WITHDRAWN, decided_at=timezone.now())


def _check_decision(*, action: str, reason: str, text: str, source_url: str) -> None:
    if action not in STATE_FOR_ACTION:
        raise Refused("Choose what to do with this post.")
    if action == interfaces.REJECT and not reason.strip():
        raise Refused("Give the reason the author will be told.")
    if action == interfaces.EDIT and not text.strip():
        raise Refused("The edited text is empty; reject the post instead.")
    if source_url.strip() and not source_url.strip().lower().startswith(("https://", "http://")):
        raise Refused("The source must be a web address starting with https:// or http://.")


def _notice(action: str, *, case: Case, reason: str, note: str) -> str:
    what = case.post_label.lower() or "post"
    if action == interfaces.APPROVE:
        return f"A moderator reviewed your {what} and approved it."
    if action == interfaces.LABEL:
        text = (f"A moderator reviewed your {what} and published it with the “Unverified health claim” label: "
                "it has not been checked by a medical professional.")
        return f"{text} Note: {note}" if note else text
    if action == interfaces.EDIT:
        text = f"A moderator edited your {what} and published it."
        return f"{text} Note: {note}" if note else text
    return f"A moderator removed your {what}. Reason: {reason}"


def already_decided(case: Case) -> str:
    if case.state == Case.State.WITHDRAWN:
        return "This case is closed: its author deleted the post."
    who = case.decided_by.display_name if case.decided_by else "another moderator"
    when = timezone.localtime(case.decided_at).strftime("%H:%M") if case.decided_at else ""
    return f"This case was already decided by {who}{' at ' + when if when else ''}: {case.get_state_display().lower()}."


def _open_cases(post):
    return Case.objects.filter(
        content_type=ContentType.objects.get_for_model(post), object_id=post.pk, state=Case.State.OPEN
    )


def _open_case(post) -> Case:
    """The post's open case, locked; or a new, unsaved one holding the post's snapshot."""
    case = _open_cases(post).select_for_update().first()
    return case if case is not None else _new_case(post)


def _new_case(post) -> Case:
    case = Case(content_type=ContentType.objects.get_for_model(post), object_id=post.pk, author_id=post.author_id)
    _snapshot(case, post)
    return case


def _snapshot(case: Case, post) -> None:
    moderated = adapter_for(post)
    context = moderated.context(post)
    case.text = moderated.text(post)
    case.place_key = context.place_key
    case.place_title = context.place_title[:200]
    case.post_label = context.label[:100]
    case.post_url = context.url[:500]
    case.author_name = context.author_name[:100]


def screened_edit(post, text: str) -> dict:
    """The verdict on a moderator's edit of a post, read as the post will store it."""
    return screen_text(text, html=adapter_for(post).render(text) if post is not None else None).as_dict()


def _subject(case: Case) -> str:
    return f"{case.post_label} on “{case.place_title}”"


def _locked(post) -> object:
    return type(post)._default_manager.select_for_update().get(pk=post.pk)


def _words(existing: str, new) -> str:
    words = existing.split()
    words += [word for word in new if word not in words]
    return f" {' '.join(words)} " if words else ""

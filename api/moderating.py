"""The review queue through the API, for staff with a "moderate" token: open cases by priority and
waiting appeals, a case with its flags and reports, and a decision, through the same queries and
the same decide_case() as the moderators' pages, with their refusals."""

from django.http import Http404

from moderation import queries
from moderation import services as moderation
from moderation.forms import DecisionForm
from moderation.models import Appeal, Case
from moderation.screening.verdict import CATEGORY_NAMES


def _case(case: Case, absolute) -> dict:
    return {"id": case.pk, "state": case.state, "post": case.post_label, "place": case.place_title,
            "post_url": absolute(case.post_url) if case.post_url else None, "author": case.author_display,
            "score": round(case.score, 4), "crisis": case.is_crisis, "reasons": case.reasons.split(),
            "categories": case.category_list, "report_count": case.report_count, "opened_at": case.opened_at,
            "decided_at": case.decided_at}


def queue(page: int, state: str, absolute) -> dict:
    """A page of the queue as the queue page shows it: crisis first, then score, reports, age."""
    context = queries.queue_page(queries.QueueFilters.from_query({"state": state}), page)
    shown = context["page"]
    if shown.number != page:
        raise Http404("No such page of the queue.")
    return {"page": page, "pages": shown.paginator.num_pages, "count": shown.paginator.count,
            "items": [_case(case, absolute) for case in shown],
            "appeals": [{"id": appeal.pk, "member": appeal.member.display_name, "crisis": appeal.is_crisis,
                         "against": "case" if appeal.case_id else "suspension", "case": appeal.case_id,
                         "decision": appeal.decision, "text": appeal.text, "opened_at": appeal.opened_at}
                        for appeal in context["appeals"]]}


def case(pk: int, absolute) -> dict:
    """A case as its page shows it to moderators: the text as screened, why, its flags and reports."""
    context = queries.case_page(pk)
    found = context["case"]
    return {**_case(found, absolute), "text": found.text,
            "spans": [{"start": s["start"], "end": s["end"], "category": s["category"],
                       "category_name": CATEGORY_NAMES.get(s["category"], s["category"])} for s in found.spans],
            "told_author": list(context["told_author"]),
            "flags": [{"reason": flag.reason, "score": round(flag.score, 4), "categories": flag.categories.split(),
                       "created_at": flag.created_at} for flag in context["flags"]],
            "reports": [{"reason": report.reason, "note": report.note, "created_at": report.created_at}
                        for report in context["reports"]],
            "decision_note": found.decision_note, "source_url": found.source_url}


def decide(pk: int, moderator, data: dict, absolute) -> dict:
    """A decision as the case page's form takes it: refused in its words (400), 409 if another
    moderator decided first."""
    found = Case.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such case.")
    form = DecisionForm(data)
    if not form.is_valid():
        raise moderation.Refused(" ".join(message for messages in form.errors.values() for message in messages))
    return _case(moderation.decide_case(case=found, moderator=moderator, **form.cleaned_data), absolute)


def decide_appeal(pk: int, moderator, *, outcome: str, note: str, text: str, unlabelled: bool) -> dict:
    """An appeal decided as its page decides it, by a moderator other than the one who decided:
    refused in its words (400; 403 for that moderator; 409 when decided meanwhile)."""
    appeal = Appeal.objects.filter(pk=pk).first()
    if appeal is None:
        raise Http404("No such appeal.")
    decided = moderation.appeals.decide_appeal(appeal=appeal, moderator=moderator, outcome=outcome,
                                               note=note[:1000], text=text, unlabelled=unlabelled)
    return {"id": decided.pk, "state": decided.state, "decided_at": decided.decided_at,
            "case": decided.case_id, "suspension": decided.suspension_id}

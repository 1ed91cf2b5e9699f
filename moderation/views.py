"""The moderators' pages: the queue, a case, an appeal, the audit log, statistics and watched
phrases; and the members' side of appeals."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import User
from core.params import numbers, optional_number
from moderation import queries, services
from moderation.forms import (
    AppealDecisionForm,
    AppealForm,
    BulkDecisionForm,
    DecisionForm,
    MemberNoteForm,
    SilenceForm,
    SuspensionForm,
    WatchedPhraseForm,
)
from moderation.interfaces import adapter_for
from moderation.models import Appeal, Case, ClaimModel, Suspension, WatchedPhrase
from moderation.permissions import may_switch_models, moderator_required


@require_safe
@moderator_required
def queue(request):
    return _render_queue(request, BulkDecisionForm())


@require_POST
@moderator_required
def bulk_decide(request):
    case_ids = numbers(request.POST, "cases")
    form = BulkDecisionForm(request.POST, case_ids=case_ids)
    if form.is_valid():
        cases = list(Case.objects.filter(pk__in=form.cleaned_data["cases"]))
        try:
            decided, skipped = services.decide_cases(
                cases=cases, moderator=request.user, action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except services.Refused as refused:
            form.add_error(None, refused.message)
        else:
            verb = "Approved" if form.cleaned_data["action"] == "approve" else "Rejected"
            messages.success(request, f"{verb} {len(decided)} case{'s' if len(decided) != 1 else ''}.")
            if skipped:
                messages.warning(request, f"{len(skipped)} had already been decided by another moderator and "
                                          "were left as they were.")
            return redirect(_next_url(request))
    return _render_queue(request, form, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
@moderator_required
def case(request, pk):
    context = queries.case_page(pk)
    current = context["case"]
    form = DecisionForm(initial={"text": _editable_text(context)})
    status = 200
    if request.method == "POST":
        form = DecisionForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                decided = services.decide_case(case=current, moderator=request.user, **form.cleaned_data)
            except services.Refused as refused:
                # CaseDecided too: another moderator was first; the page shows their decision.
                form.add_error(None, refused.message)
                status = refused.status
                context = queries.case_page(pk)
            else:
                messages.success(request, f"{decided.post_label} on “{decided.place_title}”: "
                                          f"{decided.get_state_display().lower()}. The author is told.")
                return redirect(_next_url(request))
    return _render_case(request, context, form, status=status)


@require_safe
@moderator_required
def member(request, pk):
    return _render_member(request, queries.member_page(pk, request.GET))


@require_POST
@moderator_required
def member_note(request, pk):
    subject = get_object_or_404(User, pk=pk)
    form = MemberNoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(member=subject, moderator=request.user, text=form.cleaned_data["text"])
        except services.Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, f"Your note on {subject.display_name} is kept for the other moderators.")
            return redirect(_members_case(request, subject) or reverse("moderation:member", args=[subject.pk]))
    return _member_form_failed(request, subject, note_form=form)


@require_POST
@moderator_required
def member_bar(request, pk, kind):
    """Suspend or silence a member from their page, or from a case of theirs (`case` in the form)."""
    subject = get_object_or_404(User, pk=pk)
    silence = kind == Suspension.Kind.SILENCE
    form = (SilenceForm if silence else SuspensionForm)(request.POST)
    case = _members_case(request, subject)
    if form.is_valid():
        bar = services.silence_member if silence else services.suspend_member
        try:
            suspension = bar(member=subject, moderator=request.user, case=case, **form.cleaned_data)
        except services.Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, f"{subject.display_name} is {suspension.what.lower()} until "
                                      f"{suspension.ends_at:%B %-d, %Y, %H:%M}. They are told by e-mail.")
            return redirect(case or reverse("moderation:member", args=[subject.pk]))
    forms = {"silence_form" if silence else "suspension_form": form}
    return _member_form_failed(request, subject, case=case, **forms)


@require_POST
@moderator_required
def lift_suspension(request, pk):
    suspension = get_object_or_404(Suspension.objects.select_related("member"), pk=pk)
    try:
        services.lift_suspension(suspension=suspension, moderator=request.user)
    except services.Refused as refused:
        messages.warning(request, refused.message)
    else:
        messages.success(request, f"{suspension.member.display_name} may post again.")
    return redirect(_next_url(request))


@require_safe
@moderator_required
def audit(request):
    return render(request, "moderation/audit.html", queries.audit_page(request.GET, optional_number(request.GET, "page")))


@require_safe
@moderator_required
def stats(request):
    return render(request, "moderation/stats.html", queries.statistics())


@require_safe
@moderator_required
def phrases(request):
    return render(request, "moderation/phrases.html", {"phrases": queries.watched_phrases()})


@require_http_methods(["GET", "HEAD", "POST"])
@moderator_required
def claim_models(request):
    """The claim model's versions with their figures side by side; staff retrain from here."""
    if request.method == "POST":
        _require_model_switching(request.user)
        try:
            version = services.request_retrain(actor=request.user)
        except services.Refused as refused:
            messages.error(request, refused.message)
            return _claim_models_page(request, status=refused.status)
        messages.success(request, f"Training {version} has started; its figures appear here when it finishes "
                                  "(a few minutes). It is not used until you switch to it.")
        return redirect("moderation:claim_models")
    return _claim_models_page(request)


@require_POST
@moderator_required
def claim_model_switch(request, pk):
    _require_model_switching(request.user)
    version = get_object_or_404(ClaimModel, pk=pk)
    try:
        services.switch_claim_model(version=version, actor=request.user)
    except services.Refused as refused:
        messages.error(request, refused.message)
        return _claim_models_page(request, status=refused.status)
    messages.success(request, f"Screening uses {version} from the next post on.")
    return redirect("moderation:claim_models")


def _claim_models_page(request, status=200):
    context = {**queries.claim_models_page(), "may_switch": may_switch_models(request.user)}
    return render(request, "moderation/claim_models.html", context, status=status)


def _require_model_switching(user) -> None:
    if not may_switch_models(user):
        raise PermissionDenied("Retraining and switching the claim model is for staff.")


@require_http_methods(["GET", "HEAD", "POST"])
@moderator_required
def phrase_edit(request, pk=None):
    phrase = get_object_or_404(WatchedPhrase, pk=pk) if pk else WatchedPhrase()
    form = WatchedPhraseForm(request.POST if request.method == "POST" else None, instance=phrase)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            services.save_watched_phrase(phrase=form.instance, actor=request.user)
            messages.success(request, f"Watched phrase “{form.instance.pattern}” saved; it applies from the next post.")
            return redirect("moderation:phrases")
    return render(request, "moderation/phrase_form.html", {"form": form, "phrase": phrase}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@moderator_required
def phrase_delete(request, pk):
    phrase = get_object_or_404(WatchedPhrase, pk=pk)
    if request.method == "POST":
        services.delete_watched_phrase(phrase=phrase, actor=request.user)
        messages.success(request, f"Watched phrase “{phrase.pattern}” removed.")
        return redirect("moderation:phrases")
    return render(request, "moderation/phrase_delete.html", {"phrase": phrase})


@require_http_methods(["GET", "HEAD", "POST"])
@moderator_required
def appeal(request, pk):
    current = get_object_or_404(Appeal.objects.select_related("member", "case", "suspension", "original_decider",
                                                               "decided_by"), pk=pk)
    choices = [(outcome, services.appeals.OUTCOMES[outcome]) for outcome in services.appeals.outcomes(current)]
    form = AppealDecisionForm(request.POST or None, choices=choices, initial={"text": _appealed_text(current)})
    own_decision = current.original_decider_id == request.user.pk
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                decided = services.appeals.decide_appeal(appeal=current, moderator=request.user, **form.cleaned_data)
            except services.Refused as refused:
                form.add_error(None, refused.message)
                status = refused.status
            else:
                messages.success(request, f"Appeal by {decided.member.display_name}: "
                                          f"{decided.get_state_display().lower()}. The member is told.")
                return redirect("moderation:queue")
    return render(request, "moderation/appeal.html",
                  {"appeal": current, "form": form, "own_decision": own_decision,
                   "unsafe_unlabelled": services.appeals.unsafe_unlabelled(current.case)}, status=status)


@login_required
@require_safe
def my_decisions(request):
    return render(request, "moderation/my_decisions.html", services.appeals.appealable(request.user))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def appeal_case(request, pk):
    # Only the author's own decisions exist here: another member's id is not found, so
    # walking ids shows nothing of anyone's posts, reasons or notes.
    return _appeal(request, case=get_object_or_404(Case, pk=pk, author=request.user))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def appeal_suspension(request, pk):
    return _appeal(request, suspension=get_object_or_404(Suspension, pk=pk, member=request.user))


def _appeal(request, *, case=None, suspension=None):
    """A member's appeal against one decision about them: the form, or why they may not."""
    form = AppealForm(request.POST or None)
    refused = services.appeals.refusal(request.user, case=case, suspension=suspension)
    status = refused.status if refused else 200
    if refused is None and request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                opened = services.appeals.open_appeal(member=request.user, case=case, suspension=suspension,
                                                      **form.cleaned_data)
            except services.Refused as refused:
                form.add_error(None, refused.message)
                status = refused.status
            else:
                if opened.is_crisis:
                    messages.error(request, settings.MODERATION_CRISIS_MESSAGE)
                messages.success(request, "Your appeal is sent. A moderator other than the one who decided will "
                                          "look at it; you are told the outcome on the post and by e-mail.")
                return redirect("appeals:mine")
    return render(request, "moderation/appeal_form.html",
                  {"form": form, "case": case, "suspension": suspension, "refused": refused}, status=status)


def _appealed_text(appeal) -> str:
    """The post's text as it stands, where a reversal with an edit starts from."""
    post = appeal.case.post if appeal.case is not None else None
    return adapter_for(post).editable_text(post) if post is not None else ""


def _editable_text(context) -> str:
    post = context["post"]
    return adapter_for(post).editable_text(post) if post is not None else context["case"].text


def _render_queue(request, form, status=200):
    filters = queries.QueueFilters.from_query(request.GET)
    context = queries.queue_page(filters, optional_number(request.GET, "page"))
    return render(request, "moderation/queue.html", {**context, "bulk_form": form}, status=status)


def _render_case(request, context, form, status=200, **forms):
    return render(request, "moderation/case.html", {**context, "form": form, **_member_forms(forms)}, status=status)


def _render_member(request, context, status=200, **forms):
    return render(request, "moderation/member.html", {**context, **_member_forms(forms)}, status=status)


def _member_forms(forms: dict) -> dict:
    """The forms about a member that the case and member pages show: the given ones, bound, or empty."""
    return {"suspension_form": forms.get("suspension_form") or SuspensionForm(),
            "silence_form": forms.get("silence_form") or SilenceForm(),
            "note_form": forms.get("note_form") or MemberNoteForm()}


def _members_case(request, subject) -> Case | None:
    """The case of the member's the form was sent from, if it names one of theirs."""
    case_id = optional_number(request.POST, "case")
    return Case.objects.filter(pk=case_id, author=subject).first() if case_id else None


def _member_form_failed(request, subject, case: Case | None = None, **forms):
    """The page the refused form was on, again, with its errors: the case page or the member's page."""
    case = case or _members_case(request, subject)
    if case is not None:
        context = queries.case_page(case.pk)
        return _render_case(request, context, DecisionForm(initial={"text": _editable_text(context)}), status=400,
                            **forms)
    return _render_member(request, queries.member_page(subject.pk, request.GET), status=400, **forms)


def _next_url(request) -> str:
    """Back to the queue page the moderator came from (only our own pages), or the queue."""
    target = request.POST.get("next", "")
    return target if target.startswith("/moderation/") else reverse("moderation:queue")

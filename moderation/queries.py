"""Reads for the moderators' pages; each fetches what its page shows in a fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from accounts.queries import has_verified_email
from core.params import optional_number
from moderation.charts import Week, weekly_chart
from moderation.highlight import highlight
from moderation.interfaces import adapter_for, adapters
from moderation.models import (
    Appeal, AuditEntry, Case, ClaimModel, Flag, MemberNote, Nudge, Report, Suspension, WatchedPhrase,
)
from moderation.outcomes import explain
from moderation.screening.model import read_provenance
from moderation.screening.verdict import CATEGORY_NAMES, CLAIM_CATEGORIES, MODEL

ALL_STATES = "all"
DECIDED = "decided"


@dataclass(frozen=True)
class QueueFilters:
    state: str = Case.State.OPEN
    reason: str = ""
    category: str = ""
    place: str = ""

    @classmethod
    def from_query(cls, query) -> "QueueFilters":
        """Unknown values fall back to no filter, so a stale link still shows a queue."""
        state = query.get("state", Case.State.OPEN)
        if state not in (*Case.State.values, ALL_STATES, DECIDED):
            state = Case.State.OPEN
        reason = query.get("reason", "")
        category = query.get("category", "")
        return cls(
            state=state,
            reason=reason if reason in Case.Reason.values else "",
            category=category if category in CATEGORY_NAMES else "",
            place=query.get("place", "")[:100],
        )


def queue_page(filters: QueueFilters, page_number) -> dict:
    """Cases by priority (crisis first, then score, reports, age); decided ones newest first."""
    cases = Case.objects.select_related("author", "decided_by")
    if filters.state == DECIDED:
        cases = cases.exclude(state=Case.State.OPEN)
    elif filters.state != ALL_STATES:
        cases = cases.filter(state=filters.state)
    if filters.state not in (Case.State.OPEN, ALL_STATES):
        cases = cases.order_by("-decided_at", "-pk")
    if filters.reason:
        cases = cases.filter(reasons__contains=f" {filters.reason} ")
    if filters.category:
        cases = cases.filter(categories__contains=f" {filters.category} ")
    if filters.place:
        cases = cases.filter(place_key=filters.place)
    page = Paginator(cases, settings.MODERATION_QUEUE_PAGE_SIZE).get_page(page_number)
    places = (
        Case.objects.filter(state=Case.State.OPEN).order_by("place_title", "place_key")
        .values_list("place_key", "place_title").distinct()
    )
    appeals = (Appeal.objects.filter(state=Appeal.State.OPEN).select_related("member", "case")
               if filters.state == Case.State.OPEN else Appeal.objects.none())
    return {
        "page": page,
        # Waiting appeals come first: each is a member told that someone will look again.
        "appeals": list(appeals),
        "filters": filters,
        "states": [(Case.State.OPEN, "Open"), (DECIDED, "Decided"), *[
            (value, label) for value, label in Case.State.choices if value != Case.State.OPEN
        ], (ALL_STATES, "All")],
        "reasons": Case.Reason.choices,
        "categories": sorted(CATEGORY_NAMES.items(), key=lambda item: item[1]),
        "places": list(places),
        "category_names": CATEGORY_NAMES,
    }


def waiting() -> dict:
    """What waits for moderators, for the header and the queue to follow while they are open:
    two counts on the open states' indexes."""
    return {"open_cases": Case.objects.filter(state=Case.State.OPEN).count(),
            "open_appeals": Appeal.objects.filter(state=Appeal.State.OPEN).count()}


def queue_neighbours(case: Case) -> tuple[int | None, int | None]:
    """The open cases before and after this one in the queue's order (crisis, score, reports,
    age), for moving through the queue from a case page: two indexed queries."""
    ordering = [("is_crisis", True), ("score", True), ("report_count", True), ("opened_at", False), ("pk", False)]

    def beyond(forward: bool) -> Q:
        condition, equal = Q(), Q()
        for field, descending in ordering:
            later = "lt" if descending == forward else "gt"
            condition |= equal & Q(**{f"{field}__{later}": getattr(case, field)})
            equal &= Q(**{field: getattr(case, field)})
        return condition

    order = [f"{'-' if descending else ''}{field}" for field, descending in ordering]
    reverse = [name[1:] if name.startswith("-") else f"-{name}" for name in order]
    open_cases = Case.objects.filter(state=Case.State.OPEN)
    after = open_cases.filter(beyond(True)).order_by(*order).values_list("pk", flat=True).first()
    before = open_cases.filter(beyond(False)).order_by(*reverse).values_list("pk", flat=True).first()
    return before, after


def case_page(pk: int) -> dict:
    case = get_object_or_404(Case.objects.select_related("author", "decided_by", "content_type"), pk=pk)
    post = case.post
    moderated = adapter_for(post) if post is not None else None
    previous_case, next_case = queue_neighbours(case)
    return {
        "case": case,
        "previous_case": previous_case,
        "next_case": next_case,
        "post_public": post is not None and moderated.is_visible(post),
        "post": post,
        "context": moderated.context(post) if post is not None else None,
        "history": moderated.history(post) if post is not None else [],
        "segments": highlight(case.text, case.spans),
        "flags": list(case.flags.all()),
        "reports": list(case.reports.select_related("reporter")),
        "audit": list(case.audit_entries.select_related("actor")),
        "record": author_record(case.author),
        "other_open_cases": other_open_cases(case),
        "earlier_cases": list(
            Case.objects.filter(content_type=case.content_type, object_id=case.object_id)
            .exclude(pk=case.pk).select_related("decided_by").order_by("-opened_at")
        ),
        "category_names": CATEGORY_NAMES,
        # The reasons in the words the author is shown, so moderators read what the member read.
        "told_author": explain(categories=case.category_list, review_reasons=case.reasons.split(),
                               held=True, labelled=False,
                               hold_link_count=settings.MODERATION_HOLD_LINK_COUNT).reasons,
    }


def audit_page(query, page_number) -> dict:
    entries = AuditEntry.objects.select_related("case")
    action = query.get("action", "")
    if action in AuditEntry.Action.values:
        entries = entries.filter(action=action)
    actor = query.get("actor", "")
    if actor == "system":
        entries = entries.filter(actor=None)
    elif actor:
        entries = entries.filter(actor_id=optional_number(query, "actor"))
    text = query.get("q", "").strip()[:100]
    if text:
        entries = entries.filter(subject__icontains=text)
    actors = User.objects.filter(pk__in=AuditEntry.objects.exclude(actor=None).values("actor")).order_by("display_name")
    return {
        "page": Paginator(entries, 50).get_page(page_number),
        "actions": AuditEntry.Action.choices,
        "actors": list(actors.values_list("pk", "display_name")),
        "selected": {"action": action, "actor": actor, "q": text},
    }


def watched_phrases() -> list[WatchedPhrase]:
    return list(WatchedPhrase.objects.select_related("created_by"))


@dataclass(frozen=True)
class Upheld:
    """How many decided cases something flagged, and how many of those flags moderators upheld."""

    name: str
    decided: int
    upheld: int

    @property
    def percent(self) -> int:
        return round(100 * self.upheld / self.decided) if self.decided else 0


@dataclass(frozen=True)
class CategoryUpheld(Upheld):
    category: str = ""


MODEL_BANDS = ((0.9, "0.9 and above"), (0.8, "0.8 to 0.9"), (0.7, "0.7 to 0.8"), (0.6, "0.6 to 0.7"),
               (0.5, "0.5 to 0.6"), (0.0, "below 0.5"))


def flags_upheld_by_rule(decided_cases) -> dict:
    """How often moderators upheld each claim rule's flags, and the model's by band of its probability.

    A case counts once for each rule that found something in any of its
    screenings, and once in the band of the highest probability the model gave
    it; upheld as in statistics(). One query.
    """
    rules: dict[str, list[int]] = {}
    bands: dict[str, list[int]] = {}
    by_case: dict[int, tuple[set, float | None, bool]] = {}
    flags = Flag.objects.filter(case__in=decided_cases, reason=Case.Reason.SCREENING).values_list(
        "case_id", "case__state", "verdict")
    for case_id, state, verdict in flags:
        found, probability, _ = by_case.get(case_id, (set(), None, False))
        found |= {(span["category"], span["reason"]) for span in verdict.get("spans", ())
                  if span["category"] in CLAIM_CATEGORIES and span["category"] != MODEL}
        if verdict.get("model_probability") is not None:
            probability = max(probability or 0.0, verdict["model_probability"])
        by_case[case_id] = (found, probability, state != Case.State.APPROVED)
    for found, probability, upheld in by_case.values():
        for category, reason in found:
            totals = rules.setdefault(f"{CATEGORY_NAMES[category]}: {reason}", [0, 0])
            totals[0] += 1
            totals[1] += upheld
        if probability is not None:
            band = next(name for floor, name in MODEL_BANDS if probability >= floor)
            totals = bands.setdefault(band, [0, 0])
            totals[0] += 1
            totals[1] += upheld
    return {
        "rules_upheld": sorted((Upheld(name, *totals) for name, totals in rules.items()),
                               key=lambda row: (row.percent, -row.decided, row.name)),
        "model_bands": [Upheld(name, *bands[name]) for _, name in MODEL_BANDS if name in bands],
    }


# A note shown this long ago with nothing posted since counts as abandoned.
NUDGE_ABANDONED_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class NudgeWeek:
    label: str
    shown: int = 0
    unchanged: int = 0
    source: int = 0
    reworded: int = 0
    abandoned: int = 0
    posted: int = 0
    labelled_or_held: int = 0

    @property
    def labelled_or_held_percent(self) -> int | None:
        return round(100 * self.labelled_or_held / self.posted) if self.posted else None


def nudge_statistics(first_week, weeks: int, now) -> dict:
    """The notes shown while writing, week by week: what followed (posted unchanged, with a
    source added, reworded, or not posted within a day) and the share of the nudged posts
    that ended up labelled or held. One query."""
    counts = [dict.fromkeys(("shown", "unchanged", "source", "reworded", "abandoned", "posted",
                             "labelled_or_held"), 0) for _ in range(weeks)]
    rows = Nudge.objects.filter(shown_at__gte=first_week).values_list("shown_at", "followed", "result")
    for shown_at, followed, result in rows:
        week = counts[min((timezone.localtime(shown_at) - first_week).days // 7, weeks - 1)]
        week["shown"] += 1
        if followed:
            week[followed] += 1
            week["posted"] += 1
            week["labelled_or_held"] += result in (Nudge.Result.LABELLED, Nudge.Result.HELD)
        elif shown_at < now - NUDGE_ABANDONED_AFTER:
            week["abandoned"] += 1
    rows = [NudgeWeek(label=_week_label(first_week, i), **week) for i, week in enumerate(counts)]
    total = NudgeWeek("All weeks", **{name: sum(getattr(row, name) for row in rows) for name in counts[0]})
    return {"nudge_weeks": rows, "nudge_total": total}


def appeal_statistics(first_week) -> dict:
    """Appeals sent since first_week, and how they were decided; those waiting now. One query."""
    since = Q(opened_at__gte=first_week)
    return Appeal.objects.aggregate(
        appeals_opened=Count("pk", filter=since),
        appeals_open=Count("pk", filter=Q(state=Appeal.State.OPEN)),
        appeals_upheld=Count("pk", filter=since & Q(state=Appeal.State.UPHELD)),
        appeals_reversed=Count("pk", filter=since & Q(state=Appeal.State.REVERSED)),
    )


def _week_label(first_week, index: int) -> str:
    start = first_week + timedelta(days=7 * index)
    return f"{start:%b} {start.day}"


def statistics(weeks: int = 12) -> dict:
    """Queue size, time to decision and how often automatic flags were upheld,
    overall, per category and per week over the last `weeks` weeks.

    A flag is upheld when the moderator labelled, edited or rejected the post,
    and overturned when they approved it as it was.
    """
    now = timezone.now()
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    first_week = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    open_cases = Case.objects.filter(state=Case.State.OPEN)
    decided_cases = (Case.objects.filter(decided_at__gte=first_week)
                     .exclude(state__in=[Case.State.OPEN, Case.State.WITHDRAWN]))
    decided = list(decided_cases.values_list("opened_at", "decided_at", "state", "reasons", "categories"))
    hours = [(decided_at - opened_at).total_seconds() / 3600 for opened_at, decided_at, *_ in decided]

    per_category: dict[str, list[int]] = {}
    per_category_week: dict[str, list[list[int]]] = {}
    buckets = [{"decided": 0, "flagged": 0, "upheld": 0} for _ in range(weeks)]
    for opened_at, decided_at, state, reasons, categories in decided:
        index = min((timezone.localtime(decided_at) - first_week).days // 7, weeks - 1)
        bucket = buckets[index]
        bucket["decided"] += 1
        if " screening " not in f" {reasons} ":
            continue
        upheld = state != Case.State.APPROVED
        bucket["flagged"] += 1
        bucket["upheld"] += upheld
        for category in categories.split():
            totals = per_category.setdefault(category, [0, 0])
            totals[0] += 1
            totals[1] += upheld
            week = per_category_week.setdefault(category, [[0, 0] for _ in range(weeks)])[index]
            week[0] += 1
            week[1] += upheld
    week_rows = [
        Week(
            label=_week_label(first_week, i),
            decided=b["decided"],
            upheld_percent=round(100 * b["upheld"] / b["flagged"]) if b["flagged"] else None,
        )
        for i, b in enumerate(buckets)
    ]
    flagged = sum(b["flagged"] for b in buckets)
    return {
        "open_count": open_cases.count(),
        "crisis_count": open_cases.filter(is_crisis=True).count(),
        "oldest_open": open_cases.order_by("opened_at").values_list("opened_at", flat=True).first(),
        "decided_count": len(decided),
        "median_hours": round(median(hours), 1) if hours else None,
        "median_minutes": round(median(hours) * 60) if hours else None,
        "upheld_percent": round(100 * sum(b["upheld"] for b in buckets) / flagged) if flagged else None,
        "categories": sorted(
            (CategoryUpheld(CATEGORY_NAMES.get(c, c), t[0], t[1], category=c) for c, t in per_category.items()),
            key=lambda row: (-row.decided, row.name),
        ),
        "weeks": week_rows,
        # Per category, week by week: (decided, upheld) pairs in the weeks' order.
        "category_weeks": sorted(
            ((CATEGORY_NAMES.get(c, c), [tuple(w) for w in rows]) for c, rows in per_category_week.items()),
        ),
        "chart": weekly_chart(week_rows),
        **flags_upheld_by_rule(decided_cases),
        **nudge_statistics(first_week, weeks, now),
        **appeal_statistics(first_week),
        "period_start": first_week,
    }


def reported_by(member, model) -> QuerySet:
    """The ids of the posts of `model` the member has reported, as a subquery to filter on."""
    return Report.objects.filter(reporter=member, content_type=ContentType.objects.get_for_model(model)).values(
        "object_id")


def report_of(member, post) -> Report | None:
    """The member's report of this post, if they have made one."""
    return Report.objects.filter(reporter=member, content_type=ContentType.objects.get_for_model(post),
                                 object_id=post.pk).first()


@dataclass(frozen=True)
class Compared:
    """One measure of a version beside the same measure of the version active when it was trained."""

    label: str
    this: dict | None
    baseline: dict | None


def claim_models_page() -> dict:
    """Every version of the claim model, newest first, with its figures beside its baseline's,
    and the version a rollback returns to."""
    versions = list(ClaimModel.objects.defer("weights").select_related("requested_by", "compared_with"))
    shipped = read_provenance()
    for version in versions:
        if version.is_shipped:
            version.provenance = shipped
        version.compared = _compared(version)
    return {
        "versions": versions,
        "training": any(version.state == ClaimModel.State.TRAINING for version in versions),
        "previous": previous_claim_model(),
    }


def _compared(version: ClaimModel) -> list[Compared]:
    mine, theirs = version.provenance.get("cross_validated", {}), version.comparison.get("cross_validated", {})
    rows = [Compared("Labelled files, all rows", mine.get("overall", {}).get("rules or model"),
                     theirs.get("overall", {}).get("rules or model"))]
    for source in sorted(mine.get("by_source", {})):
        rows.append(Compared(f"Rows from “{source}”", mine["by_source"][source].get("rules or model"),
                             theirs.get("by_source", {}).get(source, {}).get("rules or model")))
    if "newest_decisions" in version.provenance:
        rows.append(Compared(f"Moderators' newest {version.provenance['newest_decisions']['count']} decisions",
                             version.provenance["newest_decisions"], version.comparison.get("newest_decisions")))
    return rows


def previous_claim_model() -> ClaimModel | None:
    """The version in use before the last switch, if it can be used again: what a rollback returns to."""
    last = AuditEntry.objects.filter(action=AuditEntry.Action.MODEL_SWITCH).values_list("before", flat=True).first()
    if not last or not last.get("version"):
        return None
    return ClaimModel.objects.defer("weights").filter(pk=last["version"], state=ClaimModel.State.READY,
                                                      is_active=False).first()


@dataclass(frozen=True)
class AuthorRecord:
    joined: datetime
    verified: bool
    approved: int
    labelled: int
    rejected: int
    suspensions: list[Suspension]
    active_suspension: Suspension | None
    notes: list[MemberNote]
    note_count: int


def is_trusted(member, published_posts: int, *, rejected_lately: bool | None = None,
               suspended: bool | None = None) -> bool:
    """Enough published posts, no rejection lately and no suspension in force. What the caller
    read already (rejected_lately from recently_rejected(), suspended) is not asked again."""
    if published_posts < settings.MODERATION_TRUSTED_MIN_POSTS:
        return False
    if rejected_lately is None:
        rejected_lately = Case.objects.filter(author=member, **_rejected_lately()).exists()
    if suspended is None:
        suspended = active_suspension(member) is not None
    return not rejected_lately and not suspended


def may_review() -> Q:
    """Whether a member may open the review queue (staff, or the review_case permission of their
    own or a group's), as a condition over users, for a query that asks more at once: the answer
    of is_staff or has_perm("moderation.review_case"), which asks it in two queries of its own."""
    granted = Permission.objects.filter(Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk")),
                                        content_type__app_label="moderation", codename="review_case")
    return Q(is_staff=True) | Q(is_superuser=True) | Q(Exists(granted))


def recently_rejected() -> Exists:
    """Whether a member had a post rejected within MODERATION_TRUSTED_CLEAN_DAYS, as an expression
    over users, for a query that asks it with whatever else it reads (posting's member lock)."""
    return Exists(Case.objects.filter(author=OuterRef("pk"), **_rejected_lately()))


def _rejected_lately() -> dict:
    since = timezone.now() - timedelta(days=settings.MODERATION_TRUSTED_CLEAN_DAYS)
    return {"state": Case.State.REJECTED, "decided_at__gte": since}


def active_suspension(member) -> Suspension | None:
    """The suspension in force for a member, the one ending last if several overlap."""
    if not member.is_authenticated:
        return None
    return Suspension.objects.active().filter(member=member).order_by("-ends_at").first()


def author_record(member) -> AuthorRecord | None:
    """What a moderator weighs about a post's author; None for posts without a member."""
    if member is None:
        return None
    decided = dict.fromkeys(Case.State.values, 0)
    for state in Case.objects.filter(author=member).exclude(state=Case.State.OPEN).values_list("state", flat=True):
        decided[state] += 1
    suspensions = list(member.suspensions.select_related("created_by"))
    active = [s for s in suspensions if s.in_force]
    notes = list(member.moderator_notes.all()[:NOTES_SHOWN + 1])
    return AuthorRecord(
        joined=member.date_joined,
        verified=has_verified_email(member),
        approved=decided[Case.State.APPROVED] + decided[Case.State.EDITED],
        labelled=decided[Case.State.LABELLED],
        rejected=decided[Case.State.REJECTED],
        suspensions=suspensions,
        active_suspension=max(active, key=lambda s: s.ends_at) if active else None,
        notes=notes[:NOTES_SHOWN],
        note_count=len(notes) if len(notes) <= NOTES_SHOWN else member.moderator_notes.count(),
    )


# How many notes the case page shows; the member's page has them all.
NOTES_SHOWN = 5
# How many of the author's other open cases the case page lists.
OTHER_CASES_SHOWN = 10


def other_open_cases(case: Case) -> dict:
    """The author's other cases waiting for a decision: the first few, and how many there are."""
    if case.author_id is None:
        return {"cases": [], "count": 0}
    waiting = Case.objects.filter(author_id=case.author_id, state=Case.State.OPEN).exclude(pk=case.pk)
    cases = list(waiting.order_by("-opened_at")[:OTHER_CASES_SHOWN + 1])
    count = len(cases) if len(cases) <= OTHER_CASES_SHOWN else waiting.count()
    return {"cases": cases[:OTHER_CASES_SHOWN], "count": count}


# Rows per page of each list on a member's moderation page.
MEMBER_PAGE_SIZE = 25


def member_page(member_id: int, query) -> dict:
    """A member as moderators see them: their record and notes, every post with its state, the
    cases on their posts (reports and decisions), their appeals and suspensions; each list paged
    by its own parameter."""
    member = get_object_or_404(User, pk=member_id)
    posts = [(adapter, Paginator(adapter.posts_by(member), MEMBER_PAGE_SIZE).get_page(
        optional_number(query, "posts"))) for adapter in adapters()]
    cases = (Case.objects.filter(author=member).select_related("decided_by").order_by("-opened_at", "-pk"))
    appeals = Appeal.objects.filter(member=member).select_related("case", "suspension").order_by("-opened_at")
    return {
        "member": member,
        "record": author_record(member),
        "notes": Paginator(member.moderator_notes.all(), MEMBER_PAGE_SIZE).get_page(optional_number(query, "notes")),
        "posts": [{"page": page, "rows": [adapter.listing(post) for post in page]} for adapter, page in posts],
        "cases": Paginator(cases, MEMBER_PAGE_SIZE).get_page(optional_number(query, "cases")),
        "appeals": Paginator(appeals, MEMBER_PAGE_SIZE).get_page(optional_number(query, "appeals")),
        "reports_made": Report.objects.filter(reporter=member).count(),
    }

"""Reader and member pages of the forum: home, categories, articles, comments."""

import json
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.params import optional_number
from accounts.queries import has_verified_email
from core import ratelimits
from core.refusals import Refused
from forum import live, queries, services, threads
from forum.search import query as search_module
from forum.forms import CommentForm, DiscussionForm, DraftForm, HelpedForm, ReportForm
from forum.models import Article, Category, Comment
from forum.pagecache import cache_anonymous_page
from forum.permissions import commenting_refusal, sign_in_refusal, standing_refusal
from forum.sanitize import COMMENT_HTML_NOTE
from moderation import queries as moderation_queries
from moderation.permissions import may_moderate
from moderation import services as moderation


@require_safe
@cache_anonymous_page(lifetime=lambda: min(settings.FORUM_PAGE_CACHE_SECONDS, settings.FORUM_HOME_CACHE_SECONDS))
def home(request):
    return render(request, "forum/home.html", queries.home_page())


@require_safe
def category(request, slug):
    context = queries.category_page(slug, optional_number(request.GET, "page"))
    context["discussion_refusal"] = commenting_refusal(request.user, "start a discussion")
    return render(request, "forum/category.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def new_discussion(request, slug):
    category = get_object_or_404(Category, slug=slug)
    form = DiscussionForm(request.POST if request.method == "POST" else None)
    status, note = 200, None
    refusal = commenting_refusal(request.user, "start a discussion")
    if refusal:
        if not request.user.is_authenticated and request.method in ("GET", "HEAD"):
            return redirect_to_login(request.get_full_path())
        # Shown beside the form, which keeps what was typed.
        status = 403
    elif request.method == "POST":
        status = 400
        if form.is_valid():
            started, status, note = _submit(form, "started", partial(
                services.submit_discussion, author=request.user, category=category,
                title=form.cleaned_data["title"], text=form.cleaned_data["text"]))
            if started is not None:
                return started
    return render(request, "forum/discussion_new.html",
                  {"category": category, "form": form, "html_note": COMMENT_HTML_NOTE, "nudge": note,
                   "refusal": refusal, "breadcrumbs": queries.breadcrumbs(category)}, status=status)


@require_safe
@cache_anonymous_page
def article(request, slug, kind=Article.Kind.ARTICLE, page=1):
    order = request.GET.get("sort", queries.OLDEST)
    if order not in queries.ORDERS:
        raise BadRequest("Comments can be sorted oldest first, newest first or most helpful first.")
    context = threads.article_page(slug, request.user, kind, page, order)
    reply_to = context["repliable"].get(optional_number(request.GET, "replyto"))
    form = CommentForm(initial={"parent": reply_to.pk if reply_to else None})
    reading = None
    if request.user.is_authenticated:
        reading = queries.reading(request.user, context["article"])
        _mark_new(context, services.record_visit(member=request.user, article=context["article"],
                                                 before=reading.read_to), request.user)
    return _render_article(request, context, form, reply_to=reply_to, reading=reading)


def _mark_new(context, read_to: int | None, member) -> None:
    """Comments posted since the member last read this conversation: marked in the thread,
    with a link to the first of them on this page."""
    if read_to is None:
        return
    new = [number for number, author_id in context["shown"] if number > read_to and author_id != member.pk]
    context.update(new_after=read_to, new_count=len(new), first_new=new[0] if new else None)


@require_safe
def comment_permalink(request, slug, number, kind=Article.Kind.ARTICLE):
    """A comment's permanent address: to the page of threads it is on, at the comment."""
    article = get_object_or_404(Article.objects.readable_by(request.user, kind=kind), slug=slug)
    location = threads.comment_url(article, number)
    if location is None:
        raise Http404("No such comment.")
    return redirect(location)


@require_safe
def thread_live(request, slug, kind=Article.Kind.ARTICLE):
    """The numbers of the newest comments readers see, for open pages to offer "N new comments"
    (forum/live.py): 304 while the thread is unchanged."""
    path = reverse(f"forum:{kind}", args=[slug])
    tag, body = live.thread_state(path, lambda: queries.readable_article(slug, AnonymousUser(), kind),
                                  if_none_match=request.headers.get("If-None-Match", ""))
    response = HttpResponse(status=304) if body is None else HttpResponse(body, content_type="application/json")
    if tag is not None:
        response["ETag"] = tag
    return response


@require_POST
def add_comment(request, slug, kind=Article.Kind.ARTICLE):
    # Whether readers can open it is asked once, by submit_comment under its lock (a refusal
    # there shows the page, which is not found for those who may not see it).
    article = get_object_or_404(Article.objects.filter(kind=kind), slug=slug)
    form = CommentForm(request.POST)
    status, note = 400, None
    # Whether a signed-in member may post is asked by submit_comment with their lock.
    refusal = sign_in_refusal(request.user)
    if refusal:
        form.add_error(None, refusal)
        status = 403
    elif form.is_valid():
        posted, status, note = _submit(form, "posted", partial(
            services.submit_comment, author=request.user, article=article, text=form.cleaned_data["text"],
            parent=form.cleaned_data["parent"], quote_of=form.cleaned_data["quote_of"],
            quote=form.cleaned_data["quote"]))
        if posted is not None:
            return posted
    # Shown again with the member's text in the box, so nothing typed is lost: on the page of
    # threads of the comment replied to.
    parent = form.cleaned_data.get("parent")
    page = (threads.thread_pages(article).page_of(parent.number) or 1) if parent else 1
    context = threads.article_page(slug, request.user, kind, page)
    reply_to = context["repliable"].get(parent.number) if parent and parent.article_id == article.pk else None
    return _render_article(request, context, form, reply_to=reply_to, status=status, note=note)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_comment(request, pk):
    comment = _own_comment(request, pk)
    context = {"comment": comment, "html_note": COMMENT_HTML_NOTE}
    refusal = _not_yours(request, comment) or commenting_refusal(request.user, "edit comments", posting=False)
    if refusal:
        raise PermissionDenied(refusal)
    form = CommentForm(request.POST if request.method == "POST" else None, initial={"text": comment.body})
    status, note = 200, None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            updated, status, note = _submit(form, "updated", partial(
                services.submit_edit, author=request.user, comment=comment, text=form.cleaned_data["text"]))
            if updated is not None:
                return updated
    return render(request, "forum/comment_edit.html", {**context, "form": form, "nudge": note}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_comment(request, pk):
    comment = _own_comment(request, pk)
    refusal = _not_yours(request, comment)
    if refusal:
        raise PermissionDenied(refusal)
    if request.method == "POST":
        try:
            services.delete_comment(author=request.user, comment=comment)
        except services.Refused as refused:
            return render(request, "forum/comment_delete.html", {"comment": comment, "error": refused.message},
                          status=refused.status)
        messages.success(request, f"Your comment ({comment.number}) is deleted.")
        return redirect(comment.article)
    return render(request, "forum/comment_delete.html", {"comment": comment})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_comment(request, pk):
    # Only what readers can see may be reported; anything else is not found.
    comment = get_object_or_404(Comment.objects.readable().select_related("article", "author"), pk=pk)
    refusal = commenting_refusal(request.user, "report comments", posting=False)
    if refusal:
        raise PermissionDenied(refusal)
    reported = moderation_queries.report_of(request.user, comment)
    if reported is not None:
        # Reported once is reported: the form is not offered again.
        return render(request, "forum/comment_report.html", {"comment": comment, "reported": reported},
                      status=200 if request.method != "POST" else 409)
    form = ReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                moderation.report_post(reporter=request.user, post=comment, **form.cleaned_data)
            except moderation.Refused as refused:
                form.add_error(None, refused.message)
                status = refused.status
            else:
                messages.success(request, f"Thank you. Moderators will review comment ({comment.number}).")
                return redirect(_at(comment))
    return render(request, "forum/comment_report.html", {"comment": comment, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def helped_comment(request, pk):
    """"This helped me", or its undo: a page of its own, so it works without JavaScript and the
    thread's shared markup carries no form."""
    # Only what readers can see takes it; anything else (held, removed) is not found.
    comment = get_object_or_404(Comment.objects.readable().select_related("article", "author"), pk=pk)
    form = HelpedForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                changed = services.say_helped(member=request.user, comment=comment,
                                              helped=form.cleaned_data["helped"])
            except Refused as refused:
                form.add_error(None, refused.message)
                status = refused.status
            else:
                if changed:
                    messages.success(request, f"Thank you: comment ({comment.number}) helped you." if
                                     form.cleaned_data["helped"] else
                                     f"Taken back: comment ({comment.number}) is no longer marked as helping you.")
                return redirect(_at(comment))
    return render(request, "forum/comment_helped.html", {
        "comment": comment, "form": form, "helped": services.helped_by(request.user, comment),
        "own": comment.author_id == request.user.pk,
        # Who said so is for moderators only: readers see the count.
        "helpers": services.helpers(comment) if may_moderate(request.user) else None,
    }, status=status)


@require_POST
@login_required
def follow(request, slug, kind=Article.Kind.ARTICLE):
    article = get_object_or_404(Article.objects.readable().filter(kind=kind), slug=slug)
    if request.POST.get("follow") == "0":
        services.unfollow_article(member=request.user, article=article)
        messages.success(request, f"You no longer follow this {article.get_kind_display().lower()}.")
    else:
        services.follow_article(member=request.user, article=article)
        when = "." if request.user.notify_followed else " once you switch that on in your profile."
        messages.success(request, f"You follow this {article.get_kind_display().lower()}: new comments are e-mailed "
                                  f"to you{when}")
    return redirect(f"{article.get_absolute_url()}#comments")


@require_safe
def member(request, pk):
    return render(request, "forum/member.html", queries.member_page(pk, optional_number(request.GET, "page")))


@login_required
@require_safe
def my_data(request):
    response = JsonResponse(queries.member_data(request.user), json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="my-forum-data.json"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request):
    error, status = None, 200
    if request.method == "POST":
        try:
            services.delete_account(member=request.user, password=request.POST.get("password", ""))
        except services.Refused as refused:
            error, status = refused.message, refused.status
        else:
            logout(request)
            messages.success(request, "Your account is deleted. Your comments stay, shown as by “former member”.")
            return redirect("forum:home")
    return render(request, "forum/delete_account.html", {"error": error}, status=status)


@require_POST
def check_draft(request):
    """What posting a draft would do, asked by nudge.js as the member pauses typing:
    the note on a health claim, or none. Nothing is stored but the count of notes shown."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Sign in to post."}, status=403)
    form = DraftForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": next(iter(form.errors.values()))[0]}, status=400)
    data = form.cleaned_data
    try:
        checked = services.check_draft(author=request.user, text=data["text"], title=data["title"],
                                       nudge_token=data["nudge"], form=data["form"])
    except services.Refused as refused:
        return JsonResponse({"error": refused.message}, status=refused.status)
    return JsonResponse(checked.as_dict())


def _submit(form, done: str, submit) -> tuple[object, int, dict | None]:
    """Send a valid form through its submit service with the writing session's token: the
    redirect to the stored comment (its outcome kept, _told); or no response, with the status
    and the note to show beside the form, a refusal's message added to the form."""
    try:
        submitted = submit(nudge_token=form.cleaned_data["nudge"], confirmed=form.cleaned_data["confirmed"])
    except services.Refused as refused:
        form.add_error(None, refused.message)
        return None, refused.status, None
    if submitted.comment is not None:
        return _told(redirect(_at(submitted.comment)), submitted.comment, done), 302, None
    return None, 200, submitted.note.as_dict()


def _at(comment) -> str:
    """Where to send a member to their comment: the article, when it has one page of comments
    (known without a query); otherwise the permalink, which finds the page."""
    article = comment.article
    if article.last_comment_number <= settings.FORUM_COMMENTS_PER_PAGE:
        return f"{article.get_absolute_url()}#comment-{comment.number}"
    return comment.get_absolute_url()


def _own_comment(request, pk) -> Comment:
    """The comment a member asks to change. Someone else's is found only if readers can see
    it, so a refusal never names a hidden discussion and ids reveal nothing."""
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    if comment.author_id != request.user.pk and not Comment.objects.readable().filter(pk=pk).exists():
        raise Http404("No such comment.")
    return comment


def _not_yours(request, comment) -> str | None:
    return None if comment.author_id == request.user.pk else "You can only change your own comments."


OUTCOME_COOKIE = "forum_outcome"
OUTCOMES = ("posted", "updated", "started")


def _told(response, comment, done: str):
    """Keep what became of the member's comment for the page they land on, where the
    thread shows it at the comment itself (crisis resources first), not at the top. In a
    short-lived signed cookie rather than the session: posting writes no session row."""
    response.set_signed_cookie(
        OUTCOME_COOKIE, json.dumps({"pk": comment.pk, "done": done}), salt=OUTCOME_COOKIE, max_age=600,
        secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
    )
    return response


def _outcome(request) -> dict | None:
    """The outcome _told() kept, once; None if absent, expired or tampered with."""
    value = request.get_signed_cookie(OUTCOME_COOKIE, default=None, salt=OUTCOME_COOKIE, max_age=600)
    try:
        outcome = json.loads(value) if value else None
    except ValueError:
        return None
    if not (isinstance(outcome, dict) and isinstance(outcome.get("pk"), int) and outcome.get("done") in OUTCOMES):
        return None
    return outcome


def _render_article(request, context, form, *, reply_to=None, status=200, note=None, reading=None):
    """The article page; reading: what queries.reading asked about the signed-in member (else
    each is asked on its own)."""
    # Only the author sees a discussion whose opening post awaits review; nobody can reply yet.
    awaiting_review = context["opening"] is not None and context["opening"].is_held
    if reading is not None:
        # Overrides the header's own lookups (config/context_processors.py).
        context.update(unread_notifications=reading.unread_notifications, may_review=reading.may_review)
    context.update(
        awaiting_review=awaiting_review,
        outcome=_outcome(request) if request.user.is_authenticated else None,
        following=reading.following if reading else queries.is_following(request.user, context["article"]),
        form=form,
        reply_to=reply_to,
        commenting_refusal=(
            "Replies open once moderators have published your opening post." if awaiting_review
            else standing_refusal(reading.verified, reading.suspended_until, silenced_until=reading.silenced_until)
            if reading
            else commenting_refusal(request.user)
        ),
        # Only a member who has not confirmed their address is offered the mail again.
        needs_confirmation=request.user.is_authenticated and not has_verified_email(request.user),
        html_note=COMMENT_HTML_NOTE,
        edit_window=settings.FORUM_EDIT_WINDOW_MINUTES,
        live_seconds=settings.FORUM_LIVE_SECONDS,
        nudge=note,
    )
    pages, page = context["pages"], context["page"]
    if pages.count > 1:
        context.update(page_size=settings.FORUM_COMMENTS_PER_PAGE, page_links=pages.links(page),
                       previous_url=pages.page_url(max(page - 1, 1)),
                       next_url=pages.page_url(min(page + 1, pages.count)))
    # Each order's first page, for the thread's sort links.
    context.update(orders=[(order, label, pages.article.get_absolute_url() + ("" if order == queries.OLDEST
                                                                                else f"?sort={order}"))
                           for order, label in queries.ORDERS.items()])
    response = render(request, "forum/article.html", context, status=status)
    if OUTCOME_COOKIE in request.COOKIES:
        response.delete_cookie(OUTCOME_COOKIE, samesite="Lax")  # told once
    return response


@require_safe
def search(request):
    query = request.GET.get("q", "")[:200]
    try:
        results = search_module.search(query, optional_number(request.GET, "page", default=1),
                                       searcher=f"ip:{ratelimits.client_address(request)}")
    except Refused as refused:
        return render(request, "forum/search.html", {"query": query, "limited": True}, status=refused.status)
    return render(request, "forum/search.html", {"results": results, "query": query})

"""Reader and member pages of the forum: home, categories, articles, comments."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from forum import queries, services
from forum.forms import CommentForm
from forum.models import Article
from forum.permissions import commenting_refusal
from forum.sanitize import COMMENT_HTML_NOTE


@require_GET
def home(request):
    return render(request, "forum/home.html", queries.home_page())


@require_GET
def category(request, slug):
    return render(request, "forum/category.html", queries.category_page(slug))


@require_GET
def article(request, slug):
    context = queries.article_page(slug)
    reply_to = _reply_to(context["thread"], request.GET.get("replyto", ""))
    form = CommentForm(initial={"parent": reply_to.pk if reply_to else None})
    return _render_article(request, context, form, reply_to=reply_to)


@require_POST
def add_comment(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    form = CommentForm(request.POST)
    valid = form.is_valid()
    status = 400
    refusal = commenting_refusal(request.user)
    if refusal:
        form.add_error(None, refusal)
        status = 403
    elif valid:
        try:
            comment = services.post_comment(
                author=request.user,
                article=article,
                text=form.cleaned_data["text"],
                parent=form.cleaned_data["parent"],
            )
        except services.PostingRefused as refused:
            form.add_error(None, refused.message)
            status = refused.status
        else:
            messages.success(request, f"Your comment ({comment.number}) is posted.")
            return redirect(comment)
    # Shown again with the member's text in the box, so nothing typed is lost.
    context = queries.article_page(slug)
    parent = form.cleaned_data.get("parent")
    reply_to = _reply_to(context["thread"], str(parent.number)) if parent and parent.article_id == article.pk else None
    return _render_article(request, context, form, reply_to=reply_to, status=status)


def _reply_to(thread, number: str):
    """The comment named by ?replyto=N, if it is on the page and can take replies."""
    if not number.isdigit():
        return None
    for entry in thread:
        if entry.comment.number == int(number) and not entry.comment.is_removed:
            return entry.comment
    return None


def _render_article(request, context, form, *, reply_to=None, status=200):
    context.update(
        form=form,
        reply_to=reply_to,
        commenting_refusal=commenting_refusal(request.user),
        html_note=COMMENT_HTML_NOTE,
    )
    return render(request, "forum/article.html", context, status=status)

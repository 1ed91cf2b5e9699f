"""A member's own API tokens (made with a name and shown once, listed, and revoked), and the
threads publishers embed in their pages (api/embed.py)."""

from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.views import LoginView
from api import embed, sso, tokens
from api.forms import TokenForm
from core import ratelimits
from core.params import optional_number
from core.refusals import Refused
from forum import threads
from forum.sanitize import COMMENT_HTML_NOTE
from moderation.models import Report


@never_cache  # the page that shows a new token's secret is never kept by a cache or the browser
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_tokens(request):
    form, secret, status = TokenForm(request.POST if request.method == "POST" else None), None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                _, secret = tokens.issue_member_token(member=request.user, name=form.cleaned_data["name"])
            except Refused as refused:
                form.add_error(None, refused.message)
            else:
                form, status = TokenForm(), 201
    return render(request, "api/tokens.html", {"form": form, "secret": secret, "tokens": tokens.member_tokens(request.user),
                                               "limit": tokens.MEMBER_TOKENS}, status=status)


@login_required
@require_POST
def revoke_token(request, pk):
    # Only one's own: another member's token is not found, as if it did not exist.
    if not tokens.member_tokens(request.user).filter(pk=pk).revoke():
        raise Http404("No such token.")
    messages.success(request, "The token is revoked: anything using it can no longer write as you.")
    return redirect("api:tokens")


def _embedded(request):
    """The article of the page the request names (?url=), made on its first view; None and the
    refusal's page (not framable) when the page is not on a listed site."""
    try:
        return embed.article_for(request.GET.get("url", ""), request.GET.get("title", ""),
                                 client=ratelimits.client_address(request)), None
    except Refused as refused:
        return None, render(request, "api/embed_refused.html", {"message": refused.message}, status=refused.status)


@require_safe
def embed_thread(request):
    """The thread of a publisher's page, as its readers see it, for the frame embed.js makes there."""
    article, refused = _embedded(request)
    if refused:
        return refused
    page = optional_number(request.GET, "page") or 1
    context = threads.article_page(article.slug, AnonymousUser(), article.kind, page)
    address = article.source.removeprefix(embed.SOURCE)
    parent = embed.origin_of(address)

    def at(number):
        return f"{reverse('api:embed')}?{urlencode({'url': address, 'page': number})}"
    pages = context["pages"]
    if pages.count > 1:
        context.update(page_size=settings.FORUM_COMMENTS_PER_PAGE, previous_url=at(max(page - 1, 1)),
                       next_url=at(min(page + 1, pages.count)),
                       page_links=[(link[0], at(link[0]), link[2]) if link else None for link in pages.links(page)])
    response = render(request, "api/embed.html", {**context, "parent_origin": parent, "html_note": COMMENT_HTML_NOTE,
                                                  "max_length": settings.FORUM_COMMENT_MAX_LENGTH,
                                                  "report_reasons": Report.Reason.choices})
    # Framed by the page's own site alone, in place of DENY everywhere else.
    response.xframe_options_exempt = True
    response._csp_replace = {"frame-ancestors": [parent]}
    return response


@require_safe
def embed_open(request):
    """The publisher's link for readers without JavaScript: the page's thread on the forum."""
    article, refused = _embedded(request)
    return refused or redirect(article)


def _opener_kept(response):
    # The sign-in window hands its token to the frame that opened it through window.opener, which
    # the Cross-Origin-Opener-Policy every other page has (same-origin) would cut off.
    response["Cross-Origin-Opener-Policy"] = "unsafe-none"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def embed_sign_in(request):
    """The window a thread's frame opens to sign in: the forum's sign-in (first-party, so it works
    where third-party cookies are blocked), then the member's consent, then a frame token handed
    to the frame that opened it (api/static/api/embed-sign-in.js)."""
    origin = request.GET.get("origin", "")
    if origin not in settings.FORUM_EMBED_ORIGINS:
        return render(request, "api/embed_refused.html",
                      {"message": "This site is not one whose pages the forum shows comments on."}, status=400)
    context = {"origin": origin, "publisher": urlsplit(origin).netloc, "hours": settings.FORUM_EMBED_SIGN_IN_HOURS}
    if not request.user.is_authenticated:
        sign_in = LoginView.as_view(template_name="api/embed_sign_in.html", success_url=request.get_full_path(),
                                    extra_context=context)
        return _opener_kept(sign_in(request))
    if request.method == "POST":
        context["token"] = embed.frame_token(request.user)
    return _opener_kept(render(request, "api/embed_signed_in.html", context))


@require_safe
def demo_publisher(request):
    """Development only: a publisher's article page as another origin (localhost for 127.0.0.1)
    serves it, embedding its thread, with ?reader=sam a reader the publisher signs in."""
    if not settings.DEBUG:
        raise Http404("Only in development.")
    publisher, forum = settings.DEMO_PUBLISHER, settings.SITE_URL
    signed_in = request.GET.get("reader") == "sam"
    context = {"publisher": publisher, "forum": forum, "signed_in": signed_in,
               "canonical": f"{publisher}/2026/fibre-and-the-gut", "title": "Fibre and the gut, in plain words",
               "sso_token": sso.demo_token(publisher) if signed_in else ""}
    response = render(request, "api/demo_publisher.html", context)
    # The publisher's own page: it loads the forum's script and frames its thread from the forum's origin.
    response._csp_replace = {"script-src": [forum], "frame-src": [forum]}
    return response

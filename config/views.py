"""Site-wide views: errors, robots.txt and the icon browsers ask for by its old address."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_safe


def csrf_failure(request, reason=""):
    """A form that came back without a valid token: say so, and hand back the text.

    The usual cause is a page left open past the session or a sign-out in another
    tab; showing the member what they wrote means nothing typed is lost.
    """
    return render(request, "403_csrf.html", {"text": request.POST.get("text", "")}, status=403)


@require_safe
def robots_txt(request):
    """Crawlers get the sitemap and stay out of members' and moderators' pages and of search."""
    lines = ["User-agent: *", "Disallow: /accounts/", "Disallow: /moderation/", "Disallow: /search/",
             "Disallow: /admin/", f"Sitemap: {settings.SITE_URL}/sitemap.xml"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def favicon(request):
    """/favicon.ico, which browsers and crawlers ask for whatever the page links: the PNG icon."""
    return redirect(static("icons/favicon-32.png"), permanent=True)

"""Site-wide views: errors and robots.txt."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
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

"""Site-wide views: errors, robots.txt, the icon browsers ask for by its old address, and the
header's counts for open pages."""

import hashlib
import json
import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views import defaults
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST

from accounts.queries import unread_notifications
from config.addresses import address_allowed
from config.exposition import exposition
from config.metrics import DATABASE_ERRORS
from moderation import queries as moderation_queries
from moderation.permissions import may_moderate


logger = logging.getLogger(__name__)


def database_unavailable(request, exception) -> HttpResponse:
    """The 503 page for a database that is down, full or read-only: try again shortly, with
    the text a member sent handed back, so nothing typed is lost."""
    logger.error("Database unavailable: %s", exception)
    DATABASE_ERRORS.inc()
    text = request.POST.get("text", "") if request.method == "POST" else ""
    # Rendered without the request: its context processors would query again.
    response = HttpResponse(render_to_string("503.html", {"SITE_NAME": settings.SITE_NAME, "text": text}),
                            status=503)
    response["Retry-After"] = "30"
    return response


def server_error(request):
    """handler500: an error outside any view (the session or the member read by a middleware
    while the database cannot answer) is the 503 page too; anything else is the 500 page."""
    exception = sys.exc_info()[1]
    if isinstance(exception, (OperationalError, InterfaceError)):
        return database_unavailable(request, exception)
    return defaults.server_error(request)


def csrf_failure(request, reason=""):
    """A form that came back without a valid token: say so, and hand back the text.

    The usual cause is a page left open past the session or a sign-out in another
    tab; showing the member what they wrote means nothing typed is lost.
    """
    return render(request, "403_csrf.html", {"text": request.POST.get("text", "")}, status=403)


@require_safe
def guidelines(request):
    return render(request, "guidelines.html")


@require_safe
def robots_txt(request):
    """Crawlers get the sitemap and stay out of members' and moderators' pages, of search and of
    the API, which repeats the pages in JSON."""
    lines = ["User-agent: *", "Disallow: /accounts/", "Disallow: /moderation/", "Disallow: /search/",
             "Disallow: /api/", "Disallow: /admin/", f"Sitemap: {settings.SITE_URL}/sitemap.xml"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def metrics(request):
    """Prometheus metrics, to the scrapers in METRICS_ALLOWED_IPS only, never through the load
    balancer (the client each forwarded hop names must be allowed too)."""
    hops = [request.META.get("REMOTE_ADDR", "")]
    hops += [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if not all(address_allowed(hop, tuple(settings.METRICS_ALLOWED_IPS)) for hop in hops):
        return HttpResponse("Metrics are served to the monitoring addresses only.\n", status=403,
                            content_type="text/plain")
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)


@require_safe
def favicon(request):
    """/favicon.ico, which browsers and crawlers ask for whatever the page links: the PNG icon."""
    return redirect(static("icons/favicon-32.png"), permanent=True)


@require_safe
def live_counts(request) -> HttpResponse:
    """The signed-in member's unread notifications and, for moderators, what waits in the queue:
    asked every FORUM_LIVE_SECONDS by open pages (counts.js) to keep the header current. Private,
    with an ETag of its own, so an unchanged answer is a 304 without a body."""
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    counts = {"unread": unread_notifications(request.user)}
    if may_moderate(request.user):
        counts.update(moderation_queries.waiting())
    body = json.dumps(counts).encode()
    tag = f'"counts-{hashlib.blake2b(body, digest_size=8).hexdigest()}"'
    response = (HttpResponse(status=304) if tag in request.headers.get("If-None-Match", "")
                else HttpResponse(body, content_type="application/json"))
    response["ETag"] = tag
    response["Cache-Control"] = "private, no-cache"
    return response

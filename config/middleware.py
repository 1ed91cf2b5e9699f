"""The load balancer's health check, forwarded headers believed only from the load balancer,
requests the forum refuses before any view sees them, a database that is down or locked
answered 503 instead of 500, and times in the signed-in member's time zone."""

import json
import time
import zoneinfo
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from config.addresses import address_allowed
from config.views import database_unavailable


class HealthCheckMiddleware:
    """/healthz/ for load balancers, answered before any other middleware: no host check, no
    HTTPS redirect, no session, no cache write. 200 while this server can serve, that is while
    the database answers; the cache is reported but never fails the check, since the forum
    serves without it (a Redis outage must not take every app server out of the pool)."""

    PATH = "/healthz/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != self.PATH:
            return self.get_response(request)
        started = time.perf_counter()
        database, cache_answers = _database_answers(), getattr(cache, "answers", lambda: True)()
        report = {"status": "ok" if database else "unavailable",
                  "database": "ok" if database else "unavailable",
                  "cache": "ok" if cache_answers else "unavailable",
                  "ms": round((time.perf_counter() - started) * 1000, 2)}
        response = HttpResponse(json.dumps(report), status=200 if database else 503, content_type="application/json")
        response["Cache-Control"] = "no-store"
        return response


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


class ForwardedHeadersMiddleware:
    """X-Forwarded-For and X-Forwarded-Proto are believed only from an address in
    FORWARDED_ALLOW_IPS (the load balancers, as gunicorn believes them; "*" for any); from
    anyone else they are dropped, so a client that reaches an app server directly can pose
    neither as another address (rate limits) nor as HTTPS."""

    HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not address_allowed(request.META.get("REMOTE_ADDR", ""), tuple(settings.FORWARDED_ALLOW_IPS)):
            for header in self.HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A view whose database is down, full or read-only answers 503; outside a view,
    handler500 (config.views.server_error) does the same."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        return database_unavailable(request, exception)


class RequestGuardMiddleware:
    """Refuses, before anything reads the body: a body larger than REQUEST_MAX_BODY_BYTES
    (413, multipart included, judged by its declared length), and a form or query string
    that is not valid UTF-8 (400), which Django would otherwise decode with replacement
    characters and the forum store as mojibake."""

    FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if length < 0:
            return _page("400.html", 400)
        if length > settings.REQUEST_MAX_BODY_BYTES:
            return _page("413.html", 413, {"limit": settings.REQUEST_MAX_BODY_BYTES})
        if not _utf8_form(request.META.get("QUERY_STRING", "").encode("latin-1")):
            return _page("400.html", 400)
        content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if length and content_type in self.FORMS and not _utf8_body(request.body, content_type):
            return _page("400.html", 400)
        return self.get_response(request)


def _utf8_form(encoded: bytes) -> bool:
    try:
        unquote_to_bytes(encoded.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf8_body(body: bytes, content_type: str) -> bool:
    if content_type == "multipart/form-data":
        # The forum takes no file uploads, so every part of a form is text.
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    return _utf8_form(body)


def _page(template: str, status: int, context: dict | None = None) -> HttpResponse:
    # Rendered without the request, like the 503 page: nothing about it may fail again.
    return HttpResponse(render_to_string(template, context), status=status)


class PermissionsPolicyMiddleware:
    """Every answer carries PERMISSIONS_POLICY (Django sets the other security headers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class MemberTimeZoneMiddleware:
    """Times in the member's own time zone once signed in (their profile's setting); readers,
    and the cached pages they get, see the site's (UTC)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        zone = getattr(user, "time_zone", "") if user.is_authenticated else ""
        if zone:
            try:
                timezone.activate(zoneinfo.ZoneInfo(zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

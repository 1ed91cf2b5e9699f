"""Anonymous readers' home, article and discussion pages, served from the cache (Redis in production).

Each page is stored under one key per address, with the two stamps it was rendered
under: one per page, replaced after every write that shows on it commits, and one
for the whole site (topics, deleted articles, renamed or deleted members). A reader
reads the stamps before rendering, and a changed page's new version replaces the old
one (the cache does not grow with every post). After a change the first reader renders
the page anew; while it does, the other readers get the version before, so a post
never makes every reader wait behind a render. Members always see the current page.
A stored page is sent as rendered until a task worker adds its gzip and brotli encodings
(compress_page), so no web worker spends a request's time compressing.

A stamp that could not be replaced because the cache was unreachable (Redis down or
hung) would leave the old page current once Redis answers again; such a change
queues a task that replaces the site stamp as soon as Redis takes it (renew_every_page).
"""

import gzip
import hashlib
import logging
import re
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import timedelta
from collections.abc import Callable
from functools import partial, wraps
from urllib.parse import unquote

import brotli

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

SITE_STAMP = "forum:pages:site"
HOME = "/"
# How soon renew_every_page tries again while the cache still does not answer.
RENEW_RETRY_SECONDS = 10
# How long readers may get the page before a change while one of them renders it anew; a
# render that failed without saying so is tried again after this.
REBUILD_SECONDS = 10
_PAGE_OF_THREADS = re.compile(r"page/\d+/$")
VARY = "Accept-Encoding, Cookie"


@dataclass(frozen=True)
class StoredPage:
    """A page, its ETag and the stamps it was rendered under; stored as rendered, then with
    the two compressed encodings it is sent in, made once by a task (compress_page) so no
    web worker spends a request's time on them."""

    stamps: str
    identity: bytes
    etag: str
    gzip: bytes | None = None
    br: bytes | None = None

    @classmethod
    def of(cls, stamps: str, content: bytes) -> "StoredPage":
        return cls(stamps=stamps, identity=content, etag=f'W/"{hashlib.blake2b(content, digest_size=12).hexdigest()}"')

    @property
    def complete(self) -> bool:
        return self.br is not None

    def compressed(self) -> "StoredPage":
        return replace(self, gzip=gzip.compress(self.identity, compresslevel=6),
                       br=brotli.compress(self.identity, quality=5))


class _Recent:
    """The worker's own copy of the pages (and shared threads) it served last, by key (checked
    against the stamps like the shared cache's, so a copy is never staler, and kept no longer
    than the shared cache keeps it): saves fetching a large page from Redis."""

    def __init__(self, size: int = 24):
        self.size = size
        self.values: OrderedDict[str, tuple[float, object]] = OrderedDict()

    def get(self, key: str):
        until, value = self.values.get(key, (0, None))
        if until < time.monotonic():
            return None
        self.values.move_to_end(key)
        return value

    def put(self, key: str, value, lifetime: int) -> None:
        if lifetime <= 0:
            return
        self.values[key] = (time.monotonic() + lifetime, value)
        self.values.move_to_end(key)
        while len(self.values) > self.size:
            self.values.popitem(last=False)


_recent = _Recent()


def cache_anonymous_page(view=None, *, lifetime: Callable[[], int] = lambda: settings.FORUM_PAGE_CACHE_SECONDS):
    """Serve and store the page for anonymous GETs without a query string or pending messages,
    for at most lifetime() seconds (a change replaces it sooner)."""
    if view is None:
        return partial(cache_anonymous_page, lifetime=lifetime)

    @wraps(view)
    def cached(request, *args, **kwargs):
        if request.user.is_authenticated or request.GET or messages.get_messages(request):
            return view(request, *args, **kwargs)
        current = current_stamps(_stamped_path(request.path))
        if current is None:  # the cache does not answer: render, store nothing
            return view(request, *args, **kwargs)
        key = _page_key(request.path)
        page, fresh = _lookup(key, current, lifetime())
        # After a change the first reader renders the page; the others meanwhile get the one before.
        if page is not None and (fresh or not cache.add(_rebuilding(key), 1, timeout=REBUILD_SECONDS)):
            return _cached_response(request, page)
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            cache.delete(_rebuilding(key))
            raise
        # A page that sets a cookie (a CSRF token, a session) belongs to one visitor.
        if response.status_code == 200 and not response.cookies and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            # Stored once the reader has the page: the server closes the response after sending
            # it (the WSGI close(), which runs the response's resource closers).
            response._resource_closers.append(partial(_store, key, current, response.content, lifetime()))
        else:
            cache.delete(_rebuilding(key))
        return response

    # Copied onto the views that wrap this one (functools.wraps), where CachedPageMiddleware looks.
    cached.page_cache_lifetime = lifetime
    return cached


class CachedPageMiddleware:
    """A reader with no session and no pending message gets a stored page before the session,
    authentication, CSRF and message middleware run, so a cached page costs about what a bare
    view does. Anyone else, and any page not stored yet, goes on to the view, where
    cache_anonymous_page answers or stores it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (request.method in ("GET", "HEAD") and not request.META.get("QUERY_STRING")
                and settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES):
            response = _early_answer(request)
            if response is not None:
                return response
        return self.get_response(request)


def _early_answer(request) -> HttpResponse | None:
    try:
        lifetime = getattr(resolve(request.path_info).func, "page_cache_lifetime", None)
    except Resolver404:
        return None
    if lifetime is None:
        return None
    current = current_stamps(_stamped_path(request.path))
    if current is None:
        return None
    key = _page_key(request.path)
    page, fresh = _lookup(key, current, lifetime())
    # A page being rendered anew after a change: the one before meanwhile. Otherwise the view
    # renders it (cache_anonymous_page), as the first reader after the change.
    if page is None or not (fresh or cache.get(_rebuilding(key))):
        return None
    response = _cached_response(request, page)
    response["X-Frame-Options"] = settings.X_FRAME_OPTIONS  # set further in, for rendered pages
    return response


def _stamped_path(path: str) -> str:
    # Every page of an article's threads shares the article's stamp: a change anywhere replaces them all.
    return _PAGE_OF_THREADS.sub("", path)


def _page_key(path: str) -> str:
    return f"forum:pages:v4:{digest(path)}"


def current_stamps(path: str) -> str | None:
    """The stamps the page at path is rendered under now, read before the data it shows; None
    when the cache does not answer."""
    page_stamp = _page_stamp_key(path)
    stamps = cache.get_many([SITE_STAMP, page_stamp])
    for name in {SITE_STAMP, page_stamp} - stamps.keys():
        # A missing stamp (a new page, an emptied cache) gets a new value, never a default:
        # a worker's own copies of pages from before must not match again.
        cache.add(name, uuid.uuid4().hex, timeout=None)
        stamps[name] = cache.get(name)
    if None in stamps.values():
        return None
    return f"{stamps[SITE_STAMP]}:{stamps[page_stamp]}"


def _lookup(key: str, stamps: str, lifetime: int) -> tuple[object | None, bool]:
    """What is stored under key, and whether it was made under these stamps: this worker's own
    copy if current, or the shared cache's (then kept as this worker's copy for at most
    lifetime seconds)."""
    value = _recent.get(key)
    # A page not yet compressed is looked for again in the shared cache, where the task puts it.
    if value is not None and value.stamps == stamps and getattr(value, "complete", True):
        return value, True
    value = cache.get(key)
    if value is not None and value.stamps == stamps:
        _recent.put(key, value, lifetime)
        return value, True
    return value, False


def _rebuilding(key: str) -> str:
    return f"{key}:rebuilding"


def stored(key: str, stamps: str, lifetime: int):
    """What is stored under key (a page, or anything with the stamps it was made under) if it
    was made under these stamps."""
    value, fresh = _lookup(key, stamps, lifetime)
    return value if fresh else None


def store(key: str, value, lifetime: int) -> None:
    """Keep value (made under value.stamps) for stored() to find, in the shared cache and as
    this worker's copy. Replaces an older version: one made from older data carries older
    stamps and is never found again."""
    cache.set(key, value, timeout=lifetime)
    _recent.put(key, value, lifetime)


def _store(key: str, stamps: str, content: bytes, lifetime: int) -> None:
    try:
        store(key, StoredPage.of(stamps, content), lifetime)
    finally:
        cache.delete(_rebuilding(key))
    try:
        compress_page.enqueue(key=key, stamps=stamps, until=time.time() + lifetime)
    except DatabaseError:  # the page is sent as it is until it changes again
        logger.warning("Could not queue the compression of a stored page", exc_info=True)


@task()
def compress_page(*, key: str, stamps: str, until: float) -> None:
    """Store the page under key with its compressed encodings, if it is still the version made
    under these stamps and not compressed yet, for what is left of its lifetime. A newer
    version stored meanwhile carries newer stamps and is left alone (a version stored between
    this task's read and write is replaced by this older one, whose stamps then make the next
    reader render it again: one render more, never a stale page)."""
    page = cache.get(key)
    lifetime = int(until - time.time())
    if page is None or page.stamps != stamps or page.complete or lifetime <= 0:
        return
    store(key, page.compressed(), lifetime)


def _cached_response(request, page: StoredPage) -> HttpResponse:
    """The stored page in the best encoding the client accepts (a 1,000-comment page shrinks
    about tenfold), or 304 when it has it already; the page holds nothing secret, so
    compression leaks nothing."""
    if page.etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        accepted = _accepted_encodings(request.headers.get("Accept-Encoding", ""))
        encoding = next((name for name in ("br", "gzip") if name in accepted and getattr(page, name) is not None),
                        "identity")
        response = HttpResponse(getattr(page, encoding))
        if encoding != "identity":
            response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(response.content))
    response["ETag"] = page.etag
    response["Vary"] = VARY
    return response


def _accepted_encodings(header: str) -> set[str]:
    """The codings of an Accept-Encoding header, less those refused with q=0."""
    accepted = set()
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        if name and params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            accepted.add(name.strip().lower())
    return accepted


def page_changed(article) -> None:
    """Replace the article's stamp once the current transaction commits, and the home page's,
    which lists the newest comments and discussions."""
    keys = [_page_stamp_key(article.get_absolute_url()), _page_stamp_key(HOME)]
    transaction.on_commit(partial(_replace_stamps, keys), robust=True)


def site_changed(**kwargs) -> None:
    """Replace the site stamp once the current transaction commits: every page is rendered anew."""
    transaction.on_commit(partial(_replace_stamps, [SITE_STAMP]), robust=True)


def _replace_stamps(keys: list[str]) -> None:
    if cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None):  # not stored: the cache did not answer
        logger.warning("Could not replace a page stamp; every page is renewed once the cache answers")
        _renew_every_page_later()


@task()
def renew_every_page() -> None:
    """Replace the site stamp, which renews every page: run after a stamp was lost while the
    cache did not answer, and again every RENEW_RETRY_SECONDS until the cache takes it."""
    if cache.set_many({SITE_STAMP: uuid.uuid4().hex}, timeout=None):
        _renew_every_page_later(delay=RENEW_RETRY_SECONDS)


def _renew_every_page_later(delay: float = 0) -> None:
    # One waiting renewal is enough, however many posts the outage lost.
    waiting = DBTaskResult.objects.filter(task_path=renew_every_page.module_path, status=TaskResultStatus.READY)
    if not waiting.exists():
        renew_every_page.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue()


def _page_stamp_key(path: str) -> str:
    # The same page whether named by its address (percent-encoded) or by a request's
    # path (decoded): "/articles/%CE%B5.../" and "/articles/ε.../".
    return f"forum:pages:stamp:{digest(unquote(path))}"


def digest(path: str) -> str:
    # A path may be long and in any script (an address of 190 Greek letters is 1,140
    # characters encoded); its digest keeps every key short and plain.
    return hashlib.blake2b(path.encode(), digest_size=16).hexdigest()

"""Anonymous readers' article and discussion pages, served from the cache (Redis in production).

A page is stored under a key that includes two stamps: one per page, replaced
after every write that shows on it commits, and one for the whole site (topics,
deleted articles, renamed or deleted members). A reader reads the stamps before
rendering, so a page rendered from data older than a change can only be stored
under a stamp that is no longer current: no reader sees a stale page.
"""

import gzip
import uuid
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

SITE_STAMP = "forum:pages:site"


class _Recent:
    """The worker's own copy of the pages it served last, by their full key (stamps included,
    so a copy is never staler than the shared cache): saves fetching a large page from Redis."""

    def __init__(self, size: int = 16):
        self.size = size
        self.pages: OrderedDict[str, bytes] = OrderedDict()

    def get(self, key: str) -> bytes | None:
        page = self.pages.get(key)
        if page is not None:
            self.pages.move_to_end(key)
        return page

    def put(self, key: str, page: bytes) -> None:
        self.pages[key] = page
        self.pages.move_to_end(key)
        while len(self.pages) > self.size:
            self.pages.popitem(last=False)


_recent = _Recent()


def cache_anonymous_page(view):
    """Serve and store the page for anonymous GETs without a query string or pending messages."""

    @wraps(view)
    def cached(request, *args, **kwargs):
        if request.user.is_authenticated or request.GET or messages.get_messages(request):
            return view(request, *args, **kwargs)
        page_stamp = _page_stamp_key(request.path)
        stamps = cache.get_many([SITE_STAMP, page_stamp])
        for name in {SITE_STAMP, page_stamp} - stamps.keys():
            # A missing stamp (a new page, an emptied cache) gets a new value, never a default:
            # a worker's own copies of pages from before must not match again.
            cache.add(name, uuid.uuid4().hex, timeout=None)
            stamps[name] = cache.get(name)
        key = f"forum:pages:{stamps[SITE_STAMP]}:{stamps[page_stamp]}:{request.path}"
        compressed = _recent.get(key)
        if compressed is None:
            compressed = cache.get(key)
            if compressed is not None:
                _recent.put(key, compressed)
        if compressed is not None:
            return _cached_response(request, compressed)
        response = view(request, *args, **kwargs)
        # A page that sets a cookie (a CSRF token, a session) belongs to one visitor.
        if response.status_code == 200 and not response.cookies and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            cache.set(key, gzip.compress(response.content, compresslevel=6), timeout=settings.FORUM_PAGE_CACHE_SECONDS)
        return response

    return cached


def _cached_response(request, compressed: bytes) -> HttpResponse:
    """Pages are kept gzipped (a 1,000-comment page shrinks about tenfold) and sent so to
    browsers that accept it; the page holds nothing secret, so compression leaks nothing."""
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(compressed)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(compressed))
    response["Vary"] = "Accept-Encoding, Cookie"
    return response


def page_changed(article) -> None:
    """Replace the article's stamp once the current transaction commits."""
    path = article.get_absolute_url()
    transaction.on_commit(lambda: cache.set(_page_stamp_key(path), uuid.uuid4().hex, timeout=None), robust=True)


def site_changed(**kwargs) -> None:
    """Replace the site stamp once the current transaction commits: every page is rendered anew."""
    transaction.on_commit(lambda: cache.set(SITE_STAMP, uuid.uuid4().hex, timeout=None), robust=True)


def _page_stamp_key(path: str) -> str:
    return f"forum:pages:stamp:{path}"

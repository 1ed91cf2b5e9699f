"""Anonymous readers' article and discussion pages, served from the cache (Redis in production).

A page is stored under a key that includes two stamps: one per page, replaced
after every write that shows on it commits, and one for the whole site (topics,
deleted articles, renamed or deleted members). A reader reads the stamps before
rendering, so a page rendered from data older than a change can only be stored
under a stamp that is no longer current: no reader sees a stale page.
"""

import gzip
import hashlib
import re
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from functools import partial, wraps
from urllib.parse import unquote

import brotli

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

SITE_STAMP = "forum:pages:site"
_PAGE_OF_THREADS = re.compile(r"page/\d+/$")
VARY = "Accept-Encoding, Cookie"


@dataclass(frozen=True)
class StoredPage:
    """A page in the three encodings it is sent in, made once when it is stored, and its ETag."""

    identity: bytes
    gzip: bytes
    br: bytes
    etag: str

    @classmethod
    def of(cls, content: bytes) -> "StoredPage":
        return cls(identity=content, gzip=gzip.compress(content, compresslevel=6),
                   br=brotli.compress(content, quality=5),
                   etag=f'W/"{hashlib.blake2b(content, digest_size=12).hexdigest()}"')


class _Recent:
    """The worker's own copy of the pages it served last, by their full key (stamps included,
    so a copy is never staler than the shared cache): saves fetching a large page from Redis."""

    def __init__(self, size: int = 16):
        self.size = size
        self.pages: OrderedDict[str, StoredPage] = OrderedDict()

    def get(self, key: str) -> StoredPage | None:
        page = self.pages.get(key)
        if page is not None:
            self.pages.move_to_end(key)
        return page

    def put(self, key: str, page: StoredPage) -> None:
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
        # Every page of an article's threads shares the article's stamp: a change anywhere replaces them all.
        page_stamp = _page_stamp_key(_PAGE_OF_THREADS.sub("", request.path))
        stamps = cache.get_many([SITE_STAMP, page_stamp])
        for name in {SITE_STAMP, page_stamp} - stamps.keys():
            # A missing stamp (a new page, an emptied cache) gets a new value, never a default:
            # a worker's own copies of pages from before must not match again.
            cache.add(name, uuid.uuid4().hex, timeout=None)
            stamps[name] = cache.get(name)
        key = f"forum:pages:v3:{stamps[SITE_STAMP]}:{stamps[page_stamp]}:{_digest(request.path)}"
        page = _recent.get(key)
        if page is None:
            page = cache.get(key)
            if page is not None:
                _recent.put(key, page)
        if page is not None:
            return _cached_response(request, page)
        response = view(request, *args, **kwargs)
        # A page that sets a cookie (a CSRF token, a session) belongs to one visitor.
        if response.status_code == 200 and not response.cookies and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            # Compressed and stored once the reader has the page: the server closes the response
            # after sending it (the WSGI close(), which runs the response's resource closers).
            response._resource_closers.append(partial(_store, key, response.content))
        return response

    return cached


def _store(key: str, content: bytes) -> None:
    cache.set(key, StoredPage.of(content), timeout=settings.FORUM_PAGE_CACHE_SECONDS)


def _cached_response(request, page: StoredPage) -> HttpResponse:
    """The stored page in the best encoding the client accepts (a 1,000-comment page shrinks
    about tenfold), or 304 when it has it already; the page holds nothing secret, so
    compression leaks nothing."""
    if page.etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        accepted = _accepted_encodings(request.headers.get("Accept-Encoding", ""))
        encoding = next((name for name in ("br", "gzip") if name in accepted), "identity")
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
    """Replace the article's stamp once the current transaction commits."""
    path = article.get_absolute_url()
    transaction.on_commit(lambda: cache.set(_page_stamp_key(path), uuid.uuid4().hex, timeout=None), robust=True)


def site_changed(**kwargs) -> None:
    """Replace the site stamp once the current transaction commits: every page is rendered anew."""
    transaction.on_commit(lambda: cache.set(SITE_STAMP, uuid.uuid4().hex, timeout=None), robust=True)


def _page_stamp_key(path: str) -> str:
    # The same page whether named by its address (percent-encoded) or by a request's
    # path (decoded): "/articles/%CE%B5.../" and "/articles/ε.../".
    return f"forum:pages:stamp:{_digest(unquote(path))}"


def _digest(path: str) -> str:
    # A path may be long and in any script (an address of 190 Greek letters is 1,140
    # characters encoded); its digest keeps every key short and plain.
    return hashlib.blake2b(path.encode(), digest_size=16).hexdigest()

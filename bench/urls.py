"""The site's pages plus two yardsticks, through the same middleware: a bare Django view (the
floor of any request) and the uncached article's own bytes, read once from BENCH_PRE_RENDERED
and sent as they are (the floor of rendering)."""

import os
from functools import cache

from django.http import HttpResponse
from django.urls import path

from config.urls import handler500  # noqa: F401 (the site's error handler: a database outage is a 503)
from config.urls import urlpatterns as site


@cache
def _bytes() -> bytes:
    with open(os.environ["BENCH_PRE_RENDERED"], "rb") as page:
        return page.read()


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


def pre_rendered(request):
    return HttpResponse(_bytes(), content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/bare/", bare), path("bench/pre-rendered/", pre_rendered), *site]

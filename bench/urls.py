"""The site's pages plus the yardstick for rendering: the uncached article's own bytes,
read once from BENCH_PRE_RENDERED and sent as they are, through the same middleware."""

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


def pre_rendered(request):
    return HttpResponse(_bytes(), content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/pre-rendered/", pre_rendered), *site]

"""Threads on publishers' own pages: a page of a listed origin names its canonical address, and
the article for it is found, or made on its first view, under the embedded topic.

The publisher's page loads api/static/api/embed.js, which puts the thread there in an iframe
served from the forum (api/views.py embed_thread); the frame tells its parent its height with
postMessage to the page's origin alone, and the loader listens to the forum's origin alone."""

import re
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.utils.html import escape

from core import ratelimits
from core.refusals import Refused
from forum.models import Article, Category
from forum.services.articles import free_slug, save_article
from forum.slugs import make_slug

SOURCE = "embed:"
MAX_URL = 500 - len(SOURCE)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def page_address(url: str) -> str:
    """The page's canonical address as the forum keeps it: on a listed origin, without its
    fragment. Refused (400) otherwise, so no other site can make articles or frame the forum."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or len(url) > MAX_URL:
        raise Refused("This is not the address of a page on a site whose comments the forum shows.")
    if origin_of(url) not in settings.FORUM_EMBED_ORIGINS:
        raise Refused("This site is not one whose pages the forum shows comments on.")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def article_for(url: str, title: str, *, client: str) -> Article:
    """The article of the page at url (page_address's), made on first view with the page's title,
    at most FORUM_RATE_LIMITS["embed"] new ones per client address."""
    address = page_address(url)
    found = Article.objects.filter(source=SOURCE + address).first()
    if found is not None:
        return found
    if not ratelimits.allow("embed", client):
        raise Refused("Many new pages were opened from this address in a short time. Please wait a while.",
                      status=429)
    with transaction.atomic():
        topic = _topic()
        # The topic's row is the lock: two first views of one page make one article.
        Category.objects.select_for_update().filter(pk=topic.pk).first()
        found = Article.objects.filter(source=SOURCE + address).first()
        if found is not None:
            return found
        title = " ".join(title.split())[:200] or _title_from(address)
        host = urlsplit(address).netloc
        return save_article(article=Article(
            title=title, slug=free_slug(Article, make_slug(title, 190) or "page"), category=topic,
            byline=host[:100], source=SOURCE + address,
            body=f'<p>The conversation about <a href="{escape(address)}">{escape(title)}</a>, on {escape(host)}.</p>',
        ))


def _title_from(address: str) -> str:
    """A title for a page that gave none (the no-JavaScript link): its address's last part in words."""
    parts = urlsplit(address)
    last = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]).rsplit(".", 1)[0]
    words = " ".join(re.split(r"[-_+\s]+", last)).strip()
    return (words[:1].upper() + words[1:])[:200] if words else parts.netloc


def _topic() -> Category:
    topic, _ = Category.objects.get_or_create(slug=settings.FORUM_EMBED_TOPIC,
                                              defaults={"name": "On publishers' pages"})
    return topic

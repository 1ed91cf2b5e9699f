"""Threads on publishers' own pages: a page of a listed origin names its canonical address, and
the article for it is found, or made on its first view, under the embedded topic.

The publisher's page loads api/static/api/embed.js, which puts the thread there in an iframe
served from the forum (api/views.py embed_thread); the frame tells its parent its height with
postMessage to the page's origin alone, and the loader listens to the forum's origin alone.

A member writes from the frame with a frame token: signed by the forum, for one member, valid
FORUM_EMBED_SIGN_IN_HOURS, and void once their password changes. The sign-in window hands it to the
frame that opened it; the frame keeps it in its own storage (partitioned by the publisher's site),
so no cookie is needed in the publisher's page."""

import re
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils.crypto import constant_time_compare
from django.utils.html import escape

from accounts.models import User
from core import ratelimits
from core.refusals import Refused
from forum.models import Article, Category
from forum.services.articles import free_slug, save_article
from forum.slugs import make_slug

SOURCE = "embed:"
MAX_URL = 500 - len(SOURCE)
FRAME_TOKEN = "fkf_"
_SALT = "api.embed.frame-token"


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


def frame_token(member: User) -> str:
    """A token the frame writes with as member (api/v1.py MemberToken), until it expires or their password changes."""
    return FRAME_TOKEN + signing.dumps({"m": member.pk, "h": member.get_session_auth_hash()}, salt=_SALT)


def member_of(token: str) -> User | None:
    """The active member a frame token is for, or None: forged, expired or from before a password change."""
    try:
        data = signing.loads(token.removeprefix(FRAME_TOKEN), salt=_SALT,
                             max_age=settings.FORUM_EMBED_SIGN_IN_HOURS * 3600)
    except signing.BadSignature:  # expired is a bad signature too
        return None
    member = User.objects.filter(pk=data.get("m"), is_active=True).first() if isinstance(data, dict) else None
    if member is None or not constant_time_compare(str(data.get("h")), member.get_session_auth_hash()):
        return None
    return member

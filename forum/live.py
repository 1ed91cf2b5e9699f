"""What is new in a conversation, asked every FORUM_LIVE_SECONDS by its open pages (live.js).

The answer is the numbers of the newest comments readers see, under the ETag of the article's
page-cache stamps: a page whose thread has not changed gets 304 from two cache reads, without
the database, the session or a render; after a change the first request in each worker reads
the numbers once (one indexed query) and keeps them in the shared cache with the stamps. It
holds nothing private, so nginx's front cache keeps it too (deploy/nginx), and no cookie or
session is asked for."""

import json
from collections.abc import Callable

from django.core.cache import cache

from forum import pagecache
from forum.models import Article, Comment

# A page shows "N new comments" up to this many; past it, "100 or more".
NEWEST = 100
# Kept this long for a thread nobody asks about; a change replaces it sooner.
KEEP_SECONDS = 3600


def etag(stamps: str) -> str:
    return f'"live-{pagecache.digest(stamps)}"'


def thread_state(article_path: str, article: Callable[[], Article], *,
                 if_none_match: str = "") -> tuple[str | None, bytes | None]:
    """The ETag and JSON of what is newest in the conversation at article_path, or no JSON when
    if_none_match names the current ETag; article() reads the article (404 for one readers
    cannot open) only when the answer is not kept."""
    stamps = pagecache.current_stamps(article_path)
    if stamps is not None and etag(stamps) in if_none_match:
        return etag(stamps), None
    key = f"forum:live:v1:{pagecache.digest(article_path)}"
    kept = cache.get(key) if stamps is not None else None
    if kept is not None and kept[0] == stamps:
        return etag(stamps), kept[1]
    numbers = (Comment.objects.filter(article=article(), status=Comment.Status.PUBLISHED)
               .order_by("-number").values_list("number", flat=True)[:NEWEST])
    body = json.dumps({"newest": list(numbers)}).encode()
    if stamps is None:  # the cache does not answer: the numbers, without an ETag to keep
        return None, body
    cache.set(key, (stamps, body), timeout=KEEP_SECONDS)
    return etag(stamps), body

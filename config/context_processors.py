"""Values every page template needs."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils.functional import SimpleLazyObject

from core.params import optional_number
from accounts.queries import unread_notifications


def site(request):
    """The site's name, and the page's canonical address: the public origin, the path, and the
    page number of a paginated list (the only query parameter that makes a different page)."""
    try:
        page = optional_number(request.GET, "page", default=1)
    except BadRequest:  # the view answers 400; the page that says so still needs a canonical address
        page = 1
    canonical = f"{settings.SITE_URL}{request.path}" + (f"?page={page}" if page != 1 else "")
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, "canonical_url": canonical}


def notifications(request):
    """The header's count of the member's unread notifications and whether it links to the
    review queue: asked only when a page shows them (a view that asked already passes both)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"live_seconds": settings.FORUM_LIVE_SECONDS,
            "unread_notifications": SimpleLazyObject(lambda: unread_notifications(user)),
            "may_review": SimpleLazyObject(lambda: user.is_staff or user.has_perm("moderation.review_case"))}

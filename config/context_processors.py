"""Values every page template needs."""

from django.conf import settings
from django.core.exceptions import BadRequest

from accounts.params import optional_number


def site(request):
    """The site's name, and the page's canonical address: the public origin, the path, and the
    page number of a paginated list (the only query parameter that makes a different page)."""
    try:
        page = optional_number(request.GET, "page", default=1)
    except BadRequest:  # the view answers 400; the page that says so still needs a canonical address
        page = 1
    canonical = f"{settings.SITE_URL}{request.path}" + (f"?page={page}" if page != 1 else "")
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, "canonical_url": canonical}

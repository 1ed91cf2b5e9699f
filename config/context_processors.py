"""Values every page template needs."""

from django.conf import settings


def site(request):
    """The site's name, and the page's canonical address: the public origin, the path, and the
    page number of a paginated list (the only query parameter that makes a different page)."""
    page = request.GET.get("page", "")
    canonical = f"{settings.SITE_URL}{request.path}" + (f"?page={page}" if page.isdigit() and page != "1" else "")
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, "canonical_url": canonical}

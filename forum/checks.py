"""System checks for the forum's settings: a rate limit typo fails `manage.py check`, not a
request, and `manage.py check --deploy` names what a production environment file left out
(deploy/forum.env.example)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from core.ratelimits import PERIODS, parse


@register()
def rate_limit_settings(app_configs, **kwargs) -> list[Error]:
    errors = []
    for action, rate in settings.FORUM_RATE_LIMITS.items():
        try:
            count, _ = parse(rate)
        except (ValueError, KeyError):
            count = 0
        if count < 1:
            errors.append(Error(f"The {action!r} rate limit is {rate!r}.",
                                hint=f'Write it as a count and a period ({"/".join(PERIODS)}), e.g. "30/h".',
                                id="forum.E001"))
    return errors


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs) -> list[Warning]:
    """Cached pages and their stamps must be shared by every process, or a post replaces the
    stamp in one worker's memory while the others keep serving the page from before."""
    if settings.FORUM_PAGE_CACHE_SECONDS and not settings.REDIS_URL:
        return [Warning("REDIS_URL is not set: each process caches pages on its own, and a change made "
                        "through one leaves the others serving stale pages for FORUM_PAGE_CACHE_SECONDS.",
                        hint="Set REDIS_URL (shared by every app server), or FORUM_PAGE_CACHE_SECONDS=0.",
                        id="forum.W001")]
    return []


@register(deploy=True)
def public_address_and_mail(app_configs, **kwargs) -> list[Warning]:
    warnings = []
    if not settings.SITE_URL.startswith("https://"):
        warnings.append(Warning(f"SITE_URL is {settings.SITE_URL!r}: links in mail and canonical links "
                                "would point there.", hint="Set SITE_URL to the public https address.",
                                id="forum.W002"))
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        warnings.append(Warning("EMAIL_HOST is not set: mail (sign-up confirmations included) is written "
                                "to the worker's output, never delivered.",
                                hint="Set EMAIL_HOST and its credentials.", id="forum.W003"))
    return warnings

"""System checks for the forum's settings: a rate limit typo fails `manage.py check`, not a request."""

from django.conf import settings
from django.core.checks import Error, register

from forum.ratelimits import PERIODS, parse


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

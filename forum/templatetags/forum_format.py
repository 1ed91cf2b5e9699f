"""Formatting for forum pages, in the style of the pages the forum grew from."""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def posted_at(value):
    """'March 19, 2008 at 6:48 pm', in the site's time zone."""
    if not value:
        return ""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    meridiem = "am" if local.hour < 12 else "pm"
    return f"{local:%B} {local.day}, {local.year} at {hour}:{local.minute:02d} {meridiem}"


@register.filter
def published_on(value):
    """'March 18, 2008', in the site's time zone."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{local:%B} {local.day}, {local.year}"

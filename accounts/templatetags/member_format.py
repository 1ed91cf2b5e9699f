"""Formatting every app's pages share: dates in the viewer's time zone, relative times, and
members' faces made on the site. In accounts, the lowest app, so that the moderation and
account pages need nothing from the forum's own formatting."""

import datetime
import zlib

from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

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


@register.filter
def iso(value):
    """A valid HTML datetime, in UTC to the second ('2026-11-29T09:35:44Z')."""
    if not value:
        return ""
    return f"{value.astimezone(datetime.timezone.utc):%Y-%m-%dT%H:%M:%SZ}"


def ago(value, now=None) -> str:
    """'3 hours ago', 'yesterday'; a date once it is a month old."""
    seconds = ((now or timezone.now()) - value).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        minutes = int(seconds // 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    if seconds < 86400:
        hours = int(seconds // 3600)
        return f"{hours} hour{'s' if hours != 1 else ''} ago"
    days = int(seconds // 86400)
    if days == 1:
        return "yesterday"
    if days < 30:
        return f"{days} days ago"
    return published_on(value)


@register.simple_tag
def when(value):
    """A relative time, with the absolute time and its time zone on hover and in datetime."""
    if not value:
        return ""
    zone = timezone.localtime(value).tzname()
    return mark_safe(f'<time datetime="{iso(value)}" title="{posted_at(value)} {escape(zone)}">'
                     f"{ago(value)}</time>")


AVATAR_COLOURS = 8


def avatar_html(member_id, name: str) -> str:
    """A member's face made on the site: their initials on a colour derived from their id
    (an imported author's from their name); a question mark for a former member."""
    words = name.split() if member_id or name != "former member" else []
    letters = "".join(word[0] for word in words[:2]).upper()
    if not letters:
        return '<span class="avatar avatar--none" aria-hidden="true">?</span>'
    colour = member_id % AVATAR_COLOURS if member_id else zlib.crc32(name.encode()) % AVATAR_COLOURS
    return f'<span class="avatar avatar--{colour}" aria-hidden="true">{escape(letters)}</span>'


@register.simple_tag
def avatar(member_id, name):
    return mark_safe(avatar_html(member_id, name or ""))

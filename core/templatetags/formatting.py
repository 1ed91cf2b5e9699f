"""Formatting every app's pages share: dates in the viewer's time zone, relative times, and
members' faces made on the site. In core, below every app, so that the moderation and
account pages need nothing from the forum's own formatting."""

import datetime
import zlib

from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.timesince import timesince
from django.utils.safestring import mark_safe

register = template.Library()

NO_BREAK_SPACE = "\xa0"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@register.filter
def posted_at(value):
    """'March 19, 2008 at 6:48 pm', in the viewer's time zone."""
    if not value:
        return ""
    return clock(timezone.localtime(value))


def clock(local: datetime.datetime) -> str:
    """posted_at's words for a time already in the zone it is shown in: a page may give a
    thousand, so without strftime."""
    hour = local.hour % 12 or 12
    meridiem = "am" if local.hour < 12 else "pm"
    return f"{MONTHS[local.month - 1]} {local.day}, {local.year} at {hour}:{local.minute:02d} {meridiem}"


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
    """'3 hours ago' (Django's timesince, to its largest unit), 'yesterday'; a date once it
    is a month old."""
    now = now or timezone.now()
    seconds = (now - value).total_seconds()
    if seconds < 60:
        return "just now"
    if 86400 <= seconds < 2 * 86400:
        return "yesterday"
    if seconds >= 30 * 86400:
        return published_on(value)
    # timesince keeps "3 hours" on one line with a no-break space; a list of times wraps as text does.
    return f"{timesince(value, now, depth=1).replace(NO_BREAK_SPACE, ' ')} ago"


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

"""Formatting for forum pages, in the style of the pages the forum grew from."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from forum.presentation import present

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


@register.simple_tag
def claim_label(label):
    """A post's unverified-claim label where its text is listed (search, profiles): the same
    escaped HTML the thread shows, built by forum.presentation."""
    if label is None:
        return ""
    return mark_safe(label.notice_html(reverse("forum:guidelines")) + label.note_html())


@register.filter
def presented(comment):
    """The comment as forum.presentation shows it outside its thread: .excerpt, .label."""
    return present(comment)


@register.filter
def excerpt(shown, length):
    return shown.excerpt(int(length))


@register.filter
def labelled_text(shown, length):
    """Plain text for e-mails, its label (and note) first when it has one."""
    return shown.text_with_label(int(length))

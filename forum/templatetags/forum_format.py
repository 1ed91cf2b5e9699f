"""Formatting for forum pages, in the style of the pages the forum grew from: labels and
excerpts, with the dates, times and faces every app shares (core's formatting)."""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from core.templatetags.formatting import avatar, iso, posted_at, published_on, when
from forum.presentation import present

register = template.Library()


# The shared formatting, for the forum's templates too (they load forum_format alone).
register.filter(posted_at)
register.filter(published_on)
register.filter(iso)
register.simple_tag(when)
register.simple_tag(avatar)


@register.simple_tag
def claim_label(label):
    """A post's unverified-claim label where its text is listed (search, profiles): the same
    escaped HTML the thread shows, built by forum.presentation."""
    if label is None:
        return ""
    return mark_safe(label.notice_html(reverse("guidelines")) + label.note_html())


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

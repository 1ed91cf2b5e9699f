"""Formatting for the moderators' pages."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """A mapping's value for a key, or the key itself: category names in tables."""
    return mapping.get(key, key)


@register.filter
def slice_text(text, span):
    """The words a screening span covers."""
    return text[span["start"]:span["end"]]

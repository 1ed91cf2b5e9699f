"""Addresses of topics, articles and discussions: slugs in any script.

A Greek or Cyrillic title keeps its own letters ("επίπεδο-2", as WordPress keeps
them), rather than a transliteration that would lose old addresses or nothing at
all. Django sends them percent-encoded (reverse() gives an ASCII address) and
matches them decoded.
"""

from django.utils.text import slugify


class SlugConverter:
    """<uslug:slug> in a URL pattern: letters and digits of any script, hyphens and underscores."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def make_slug(text: str, max_length: int) -> str:
    """The slug for a title or an archive's post name: NFKC, lower case, words joined by
    hyphens, anything else dropped; "" when nothing is left."""
    return slugify(text, allow_unicode=True)[:max_length].strip("-_")

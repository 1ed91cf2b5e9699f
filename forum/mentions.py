"""@Name mentions: a member named in a comment, among the people already in its conversation,
is told about it (on the site, and by e-mail unless they switched that off)."""

import re

from django.conf import settings

from accounts.models import User
from core.refusals import Refused
from forum.models import Article, Comment

# An @ that starts a name: not inside a word or an e-mail address.
_AT = re.compile(r"(?<![\w@.])@(?=\w)")


def participants(article: Article, *, besides: User | None = None):
    """Members whose comments readers see in the article's conversation: who can be mentioned."""
    authors = Comment.objects.filter(article=article, status=Comment.Status.PUBLISHED).values("author_id")
    members = User.objects.filter(pk__in=authors, is_active=True)
    return members.exclude(pk=besides.pk) if besides is not None else members


def mentioned(text: str, *, article: Article, author: User | None) -> list[User]:
    """The participants text names with @Name, once each, in the order named. Names are matched
    whole and regardless of case, the longest first, so "@Lena Park" is never read as "@Lena"."""
    starts = [match.end() for match in _AT.finditer(text)]
    if not starts:
        return []
    people = sorted(participants(article, besides=author), key=lambda member: -len(member.display_name))
    folded = text.casefold()
    found = {}
    for start in starts:
        for member in people:
            name = member.display_name.casefold()
            after = folded[start + len(name):start + len(name) + 1]
            if folded.startswith(name, start) and not (after.isalnum() or after == "_"):
                found.setdefault(member.pk, member)
                break
    return list(found.values())


def check_mentions(text: str, *, article: Article, author: User) -> None:
    """Refuse (400) a comment that mentions more members than FORUM_MENTIONS_PER_POST."""
    limit = settings.FORUM_MENTIONS_PER_POST
    count = len(mentioned(text, article=article, author=author))
    if count > limit:
        raise Refused(f"Your comment mentions {count} members; you can mention {limit} at most in one comment. "
                      "Your text is kept below.")

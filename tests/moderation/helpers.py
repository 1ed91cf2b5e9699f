"""Posting through the real services, so cases open exactly as they do on the site."""

from forum import services
from tests.factories import UserFactory

CLAIM = "Avoid dietary glutamate at all costs, it is the root cause of fibromyalgia."


def post(article, text=CLAIM, author=None, parent=None):
    return services.post_comment(author=author or UserFactory(), article=article, text=text, parent=parent)

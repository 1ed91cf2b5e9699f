"""RSS and Atom feeds: newest articles, a topic's articles and discussions, a thread's comments.

Only what readers see (Article.objects.readable, Comment.objects.readable). Comment bodies are the stored sanitised HTML,
presented as everywhere else (forum.presentation): a labelled one keeps its label.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from forum import queries
from forum.models import Article, Category, Comment
from forum.presentation import LABEL_TITLE, present

FEED_LENGTH = 30


class TextTitlesRss(Rss201rev2Feed):
    """RSS 2.0 whose titles stay text in every reader. RSS does not say whether a title is
    text or HTML, and many readers render it as HTML, so a member's discussion title or
    name is escaped once more; Atom's titles are text by definition and need nothing."""

    def __init__(self, title, *args, **kwargs):
        super().__init__(escape(title), *args, **kwargs)

    def add_item(self, title, *args, **kwargs):
        super().add_item(escape(title), *args, **kwargs)


class NewestArticles(Feed):
    feed_type = TextTitlesRss
    description = "The newest articles."

    def title(self):
        return f"{settings.SITE_NAME}: newest articles"

    def link(self):
        return "/"

    def items(self):
        return Article.objects.readable().articles().select_related("category")[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary or article.body_text[:500]

    def item_author_name(self, article):
        return article.byline

    def item_pubdate(self, article):
        return article.published_at if article.date_known else None

    def item_updateddate(self, article):
        return article.updated_at


class TopicFeed(NewestArticles):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return f"{settings.SITE_NAME}: {category.name}"

    def description(self, category):
        return category.description or f"Articles and discussions in {category.name}."

    def link(self, category):
        return category.get_absolute_url()

    def items(self, category):
        articles = list(Article.objects.readable().articles().filter(category=category)[:FEED_LENGTH])
        discussions = list(queries.board([category]).order_by("-published_at")[:FEED_LENGTH])
        return sorted(articles + discussions, key=lambda a: a.published_at, reverse=True)[:FEED_LENGTH]


class ThreadComments(Feed):
    """The newest published comments of one article (kind="article") or discussion."""

    feed_type = TextTitlesRss
    kind = Article.Kind.ARTICLE

    def get_object(self, request, slug):
        return get_object_or_404(Article.objects.readable().filter(kind=self.kind), slug=slug)

    def title(self, article):
        return f"Comments on “{article.title}”"

    def description(self, article):
        return f"New comments on {article.title}, {settings.SITE_NAME}."

    def link(self, article):
        return article.get_absolute_url()

    def items(self, article):
        return (
            Comment.objects.readable().filter(article=article)
            .select_related("author", "article").order_by("-number")[:FEED_LENGTH]
        )

    def item_title(self, comment):
        shown = present(comment)
        return f"({comment.number}) {comment.display_name} says:" + (f" [{LABEL_TITLE}]" if shown.label else "")

    def item_description(self, comment):
        # A labelled comment keeps its label, note and source in readers' feed programs.
        return present(comment).html_with_label(settings.SITE_URL + reverse("guidelines"))

    def item_link(self, comment):
        return comment.get_absolute_url()

    def item_author_name(self, comment):
        return comment.display_name

    def item_pubdate(self, comment):
        return comment.created_at


class DiscussionComments(ThreadComments):
    kind = Article.Kind.DISCUSSION


def atom(feed_class):
    """The Atom twin of an RSS feed class."""
    return type(f"{feed_class.__name__}Atom", (feed_class,),
                {"feed_type": Atom1Feed, "subtitle": feed_class.description})

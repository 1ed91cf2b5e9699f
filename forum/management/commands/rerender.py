"""Sanitise every stored comment and article again, after the allowlist or the linker changed."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from forum import services
from forum.models import Article, Comment


class Command(BaseCommand):
    help = "Re-render the stored HTML of all comments and articles from their source text, showing progress."

    def handle(self, *args, **options):
        changed = 0
        comments = Comment.objects.order_by("pk").only("pk", "body", "body_html")
        for comment in tqdm(comments.iterator(chunk_size=500), total=comments.count(), unit="comment",
                            file=sys.stderr, disable=None):
            changed += services.rerender_comment(comment=comment)
        articles = Article.objects.articles()
        for article in tqdm(articles.iterator(), total=articles.count(), unit="article", file=sys.stderr,
                            disable=None):
            services.save_article(article=article)
        self.stdout.write(self.style.SUCCESS(
            f"Re-rendered {comments.count()} comments ({changed} changed) and {articles.count()} articles."
        ))

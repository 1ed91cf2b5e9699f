"""The sitemap: topics, articles, discussions readers can open, and the fixed pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from forum.models import Article, Category


class ArticleSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Article.objects.readable().order_by("-published_at")

    def lastmod(self, article):
        return max(article.updated_at, article.last_activity_at)


class CategorySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Category.objects.all()


class PageSitemap(Sitemap):
    def items(self):
        return ["forum:home", "guidelines"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"articles": ArticleSitemap, "topics": CategorySitemap, "pages": PageSitemap}

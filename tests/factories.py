"""factory_boy factories for the forum's models."""

import factory
from django.db.models import F
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from forum import sanitize
from forum.models import Article, Category, Comment, Reference


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Member {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """A member with a verified address unless verified=False is given."""
        user.save()
        if create:
            EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=extracted is not False)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    category = factory.SubFactory(CategoryFactory)
    byline = "Mara Ellison"
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))
    body = "<p>What the study found.</p>"
    body_html = factory.LazyAttribute(lambda a: sanitize.render_article(a.body))


class ReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reference

    article = factory.SubFactory(ArticleFactory)
    citation = "Author A. A study. A Journal. 2020;1(1):1-10."
    doi = "10.1000/example.1"


class CommentFactory(factory.django.DjangoModelFactory):
    """A stored comment; numbers follow the article's counter like posted ones."""

    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(UserFactory)
    parent = None
    body = factory.Sequence(lambda n: f"Comment text {n}")
    body_html = factory.LazyAttribute(lambda c: sanitize.render_comment(c.body))
    depth = factory.LazyAttribute(lambda c: c.parent.depth + 1 if c.parent else 1)

    @factory.lazy_attribute
    def number(self):
        # Counted in the database, so comments posted through the services meanwhile are not overlooked.
        Article.objects.filter(pk=self.article.pk).update(last_comment_number=F("last_comment_number") + 1)
        self.article.refresh_from_db(fields=["last_comment_number"])
        return self.article.last_comment_number

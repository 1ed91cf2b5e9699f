"""Categories, articles with their research references, and numbered comments."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from moderation.screening.verdict import Verdict


class Category(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0, help_text="Lower comes first.")

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="category_unique_name_per_parent"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum:category", args=[self.slug])


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__lte=timezone.now())

    def articles(self):
        return self.filter(kind=Article.Kind.ARTICLE)

    def discussions(self):
        return self.filter(kind=Article.Kind.DISCUSSION)

    def readable(self):
        """The visibility rule, used wherever readers, posting, following, reporting, mail,
        feeds, the sitemap and search meet an article: published articles, and discussions
        whose opening post is published (or was deleted by its author, which leaves the
        conversation standing)."""
        opening = Comment.objects.filter(article=models.OuterRef("pk"), number=1, status__in=Comment.KEEPS_DISCUSSION)
        return self.published().filter(models.Q(kind=Article.Kind.ARTICLE) | models.Exists(opening))

    def readable_by(self, viewer, kind: str | None = None):
        """What readable() allows, and a discussion whose held opening post the viewer wrote;
        of one kind when kind is given."""
        if kind == Article.Kind.ARTICLE:
            # The rule's parts about opening posts concern discussions only: an article page,
            # the one readers open most, asks for no subquery.
            return self.published().filter(kind=kind)
        if not viewer.is_authenticated:
            readable = self.readable()
        else:
            own_held = Comment.objects.filter(number=1, status=Comment.Status.HELD, author=viewer).values("article")
            readable = self.readable() | self.published().filter(kind=Article.Kind.DISCUSSION, pk__in=own_held)
        return readable if kind is None else readable.filter(kind=kind)


class CommentQuerySet(models.QuerySet):
    def readable(self):
        """Comments readers see: published, on an article or discussion readers can open."""
        return self.filter(status=Comment.Status.PUBLISHED, article__in=Article.objects.readable())


class Article(models.Model):
    """An editor's article, or a member's discussion: a title over one numbered, threaded
    conversation. A discussion's opening post is its comment (1), so posting, screening,
    moderation, following and e-mail are the same code for both."""

    class Kind(models.TextChoices):
        ARTICLE = "article", "Article"
        DISCUSSION = "discussion", "Discussion"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ARTICLE, db_index=True)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True,
                            help_text="Part of the article's permanent address: letters of any script, "
                                      "digits and hyphens.")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles")
    byline = models.CharField(max_length=100, help_text="The author's name as printed.")
    published_at = models.DateTimeField(
        default=timezone.now, db_index=True, help_text="Hidden from readers until this time."
    )
    updated_at = models.DateTimeField(auto_now=True)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField(help_text="HTML: headings, paragraphs, lists, blockquotes, links and emphasis.")
    body_html = models.TextField(editable=False, help_text="The body, sanitised when saved.")
    # The body as plain text, for the search index.
    body_text = models.TextField(editable=False, blank=True)
    comments_open = models.BooleanField(default=True)
    # The last number handed out, so numbers are never reused after a removal.
    last_comment_number = models.PositiveIntegerField(default=0, editable=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="discussions",
        help_text="The member who started a discussion.",
    )
    # When a comment last appeared; boards list discussions by it.
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Where an imported article came from ("wxr:<link>", "disqus:<link>", "page:<title>"), so
    # importing the same archive again finds it instead of adding it twice.
    source = models.CharField(max_length=500, blank=True, db_index=True, editable=False)
    # An imported page that gave no date says "date unknown" (published_at then only orders it).
    date_known = models.BooleanField(default=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        indexes = [
            # The home page's active discussions, walked from the latest end (forum.queries.active_discussions).
            models.Index(fields=["kind", "-last_activity_at", "-id"], name="article_kind_activity"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"forum:{self.kind}", args=[self.slug])

    def get_page_url(self, page: int) -> str:
        """A page of its comment threads (forum.queries.ThreadPages); the first is the article's address."""
        return self.get_absolute_url() if page == 1 else reverse(f"forum:{self.kind}_page", args=[self.slug, page])

    def get_comments_url(self):
        return reverse("forum:add_discussion_comment" if self.is_discussion else "forum:add_comment", args=[self.slug])

    def get_follow_url(self):
        return reverse("forum:follow_discussion" if self.is_discussion else "forum:follow", args=[self.slug])

    @property
    def is_discussion(self) -> bool:
        return self.kind == self.Kind.DISCUSSION

    def screened_title(self, *, number: int) -> str:
        """The title screened with comment (number): a discussion's opening post carries it."""
        return self.title if self.is_discussion and number == 1 else ""


class Reference(models.Model):
    """A research reference under an article: citation text and a DOI or address."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    citation = models.TextField()
    doi = models.CharField("DOI", max_length=200, blank=True, help_text="For example 10.1001/jama.2014.3266")
    url = models.URLField("address", blank=True, help_text="Used when there is no DOI.")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.citation[:80]

    @property
    def link(self) -> str:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return self.url


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        HELD = "held", "Awaiting moderation"
        REMOVED = "removed", "Removed by a moderator"
        DELETED = "deleted", "Deleted by its author"

    # The states of an opening post in which readers can still open its discussion.
    KEEPS_DISCUSSION = (Status.PUBLISHED, Status.DELETED)
    # Gone from the thread, by a moderator or its author; the number stays taken.
    GONE = (Status.REMOVED, Status.DELETED)

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    number = models.PositiveIntegerField(help_text="Per article, in posting order; never reused.")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    depth = models.PositiveSmallIntegerField(default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    # The name printed for comments without a member account (imported pages).
    author_name = models.CharField(max_length=100, blank=True)
    body = models.TextField(help_text="What the member wrote, kept for editing and re-screening.")
    body_html = models.TextField(help_text="The body sanitised on write: the only member text marked safe.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PUBLISHED, db_index=True)
    # Published with the "Unverified health claim" label.
    is_labelled = models.BooleanField("labelled", default=False)
    # The screening verdict of the current text (moderation.screening.verdict.Verdict.as_dict()).
    screening = models.JSONField(default=dict, blank=True, editable=False)
    # A digest of the form's one-time token: the same form sent again (a double click, a
    # retry by the load balancer after a server died) answers with this comment, never a second.
    submission = models.CharField(max_length=32, blank=True, default="", db_default="", editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # A moderator's note and reliable source, shown under a labelled comment.
    label_note = models.TextField(blank=True)
    label_source_url = models.URLField("label source", max_length=500, blank=True)
    # What moderators last told the author about this comment; shown to them on it.
    moderation_notice = models.TextField(blank=True)
    # Replies and followers were e-mailed about it: once, even if it is hidden and shown again.
    announced = models.BooleanField(default=False, editable=False)
    # An imported comment's id in its archive ("wxr:<post>:<comment>", "disqus:<post>"): imported once.
    source = models.CharField(max_length=200, blank=True, editable=False)
    # How many members said "this helped me" (Helped), kept as a counter for the thread's markup and order.
    helped_count = models.PositiveIntegerField(default=0, db_default=0, editable=False)
    # The words of another comment this one answers ("Quote"), kept as plain text apart from the
    # member's own HTML and shown by the thread's markup, escaped, while the quoted comment is.
    quote_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                 editable=False)
    quote = models.TextField(blank=True, default="", db_default="", editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="comment_unique_number_per_article"),
            models.UniqueConstraint(fields=["article", "source"], condition=~models.Q(source=""),
                                    name="comment_imported_once"),
        ]
        indexes = [
            models.Index(fields=["author", "-created_at"], name="comment_author_recent"),
            # The home page's newest comments, walked from the newest end (forum.queries.home_page).
            models.Index(fields=["-created_at", "-id"], condition=models.Q(status="published"),
                         name="comment_published_newest"),
        ]

    def __str__(self):
        return f"({self.number}) on {self.article}"

    def get_absolute_url(self):
        """The comment's permalink, which leads to the page of threads it is on."""
        return reverse(f"forum:{self.article.kind}_comment", args=[self.article.slug, self.number])

    @property
    def display_name(self) -> str:
        if self.author_id:
            return self.author.display_name
        return self.author_name or "former member"

    @property
    def is_removed(self) -> bool:
        return self.status in self.GONE

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD

    @property
    def is_opening_post(self) -> bool:
        return self.number == 1 and self.article.is_discussion

    @property
    def verdict(self) -> Verdict | None:
        return Verdict.from_dict(self.screening) if self.screening else None


class CommentRevision(models.Model):
    """The text a comment had before an edit, kept for moderators."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    screening = models.JSONField(default=dict, blank=True)
    written_at = models.DateTimeField(help_text="When this text was posted or last edited.")
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["comment", "-replaced_at"]

    def __str__(self):
        return f"Earlier text of {self.comment}"


class Follow(models.Model):
    """A member following an article's discussion: e-mail on its new comments, if they want it."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)
    # An unfollow is kept (inactive), so posting there again does not follow the thread anew.
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["member", "article"], name="follow_once")]

    def __str__(self):
        return f"{self.member} follows {self.article}"


class ThreadVisit(models.Model):
    """How far a member had read a conversation when they last opened it, so the comments
    that came after are marked new next time."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    last_seen_number = models.PositiveIntegerField(default=0)
    visited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "article"], name="thread_visit_once")]

    def __str__(self):
        return f"{self.member} read {self.article} to ({self.last_seen_number})"


class Helped(models.Model):
    """A member saying a comment helped them: one per member and comment, undone by deleting it.
    Readers see only the count (Comment.helped_count); moderators see who."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="helped")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["comment", "member"], name="helped_once")]

    def __str__(self):
        return f"{self.comment} helped {self.member}"

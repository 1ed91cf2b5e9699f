"""Editors write categories and articles here; comments can be found and removed."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models
from django.db.models import Count, Q
from django.template.response import TemplateResponse

from forum import pagecache, services
from forum.forms import CommentRemovalForm
from forum.models import Article, Category, Comment, Reference


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "parent", "slug", "position", "article_count")
    list_filter = ("parent",)
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    list_select_related = ("parent",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, category):
        return category.article_count

    # Topic names are in every page's breadcrumbs: cached pages are replaced.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        pagecache.site_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        pagecache.site_changed()


class ReferenceInline(admin.TabularInline):
    model = Reference
    extra = 1
    # An address typed without a scheme is taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "category", "byline", "published_at", "comments_open", "comment_count")
    list_filter = ("kind", "comments_open", "category", "published_at")
    # Editors write articles here; members start discussions on the site.
    readonly_fields = ("kind", "started_by", "last_activity_at")
    search_fields = ("title", "byline", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "published_at"
    list_select_related = ("category",)
    inlines = [ReferenceInline]
    actions = ["close_comments", "open_comments"]

    def get_queryset(self, request):
        published = Q(comments__status=Comment.Status.PUBLISHED)
        return super().get_queryset(request).annotate(comment_count=Count("comments", filter=published))

    @admin.display(description="comments", ordering="comment_count")
    def comment_count(self, article):
        return article.comment_count

    def save_model(self, request, obj, form, change):
        services.save_article(article=obj)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        pagecache.site_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        pagecache.site_changed()

    @admin.action(description="Close comments on the selected articles")
    def close_comments(self, request, queryset):
        updated = queryset.update(comments_open=False)
        pagecache.site_changed()
        self.message_user(request, f"Comments closed on {updated} article(s).", messages.SUCCESS)

    @admin.action(description="Open comments on the selected articles")
    def open_comments(self, request, queryset):
        updated = queryset.update(comments_open=True)
        pagecache.site_changed()
        self.message_user(request, f"Comments opened on {updated} article(s).", messages.SUCCESS)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "display_name", "status", "depth", "created_at", "excerpt")
    list_filter = ("status", "depth", "created_at", "article__category")
    search_fields = ("body", "author_name", "author__display_name", "author__email", "article__title")
    date_hierarchy = "created_at"
    list_select_related = ("article", "author")
    # Comments are numbered, sanitised and screened by the posting service, so
    # here they are read and removed, never typed in or edited.
    fields = readonly_fields = (
        "article", "number", "parent", "depth", "author", "author_name", "status", "created_at",
        "body", "body_html",
    )
    actions = ["remove_comments"]

    def has_add_permission(self, request):
        return False

    # Deleting would bypass the case, the audit log and the author's notice, and free the
    # number: comments are removed through remove_comments instead.
    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="text")
    def excerpt(self, comment):
        return comment.body[:80]

    @admin.action(description="Remove the selected comments (their numbers stay taken)", permissions=["change"])
    def remove_comments(self, request, queryset):
        """Asks for the reason each author is told, then removes the comments through a case each."""
        form = CommentRemovalForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return TemplateResponse(request, "admin/forum/comment/remove_reason.html", {
                **self.admin_site.each_context(request), "title": "Why are these comments removed?",
                "comments": queryset, "form": form, "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            })
        for comment in queryset:
            services.remove_comment(comment=comment, moderator=request.user, reason=form.cleaned_data["reason"])
        self.message_user(request, f"Removed {len(queryset)} comment(s).", messages.SUCCESS)
        return None


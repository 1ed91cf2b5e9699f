from django.contrib import admin

from moderation import services
from moderation.models import (
    AuditEntry, Case, Flag, LabelledExample, RecognisedSource, Report, Suspension, WatchedPhrase,
)


@admin.register(WatchedPhrase)
class WatchedPhraseAdmin(admin.ModelAdmin):
    list_display = ("pattern", "is_regex", "action", "is_active", "note", "updated_at")
    list_filter = ("action", "is_regex", "is_active")
    search_fields = ("pattern", "note")
    readonly_fields = ("created_by", "created_at", "updated_at")

    def save_model(self, request, obj, form, change):
        services.save_watched_phrase(phrase=obj, actor=request.user)

    def delete_model(self, request, obj):
        services.delete_watched_phrase(phrase=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for phrase in queryset:
            services.delete_watched_phrase(phrase=phrase, actor=request.user)


class FlagInline(admin.TabularInline):
    model = Flag
    extra = 0
    can_delete = False
    fields = ("reason", "score", "categories", "created_at")
    readonly_fields = fields


class ReportInline(admin.TabularInline):
    model = Report
    extra = 0
    can_delete = False
    fields = ("reporter", "reason", "note", "created_at")
    readonly_fields = fields


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only here: decisions go through the review queue, which keeps the audit log."""

    list_display = ("__str__", "author", "state", "is_crisis", "score", "report_count", "opened_at", "decided_by")
    list_filter = ("state", "is_crisis", "opened_at")
    search_fields = ("text", "place_title", "author__display_name", "author__email")
    list_select_related = ("author", "decided_by")
    inlines = [FlagInline, ReportInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # A case is the record of a decision; deleting it would leave the audit log without one.
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Suspension)
class SuspensionAdmin(admin.ModelAdmin):
    list_display = ("member", "kind", "starts_at", "ends_at", "lifted_at", "created_by", "reason")
    list_filter = ("kind", "starts_at")
    search_fields = ("member__display_name", "member__email", "reason")
    list_select_related = ("member", "created_by")
    raw_id_fields = ("member", "case", "created_by")


@admin.register(RecognisedSource)
class RecognisedSourceAdmin(admin.ModelAdmin):
    list_display = ("domain", "name")
    search_fields = ("domain", "name")

    def save_model(self, request, obj, form, change):
        services.save_recognised_source(source=obj)

    def delete_model(self, request, obj):
        services.delete_recognised_sources(sources=RecognisedSource.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        services.delete_recognised_sources(sources=queryset)


@admin.register(LabelledExample)
class LabelledExampleAdmin(admin.ModelAdmin):
    list_display = ("decided_at", "is_claim", "decision", "categories", "decided_by")
    list_filter = ("is_claim", "decision")
    search_fields = ("text",)
    readonly_fields = ("text", "is_claim", "decision", "categories", "decided_by", "decided_at")

    def has_add_permission(self, request):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor_name", "action", "subject")
    list_filter = ("action", "created_at")
    search_fields = ("subject", "note", "actor_name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

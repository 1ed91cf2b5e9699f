from django.contrib import admin

from moderation import services
from moderation.models import WatchedPhrase


@admin.register(WatchedPhrase)
class WatchedPhraseAdmin(admin.ModelAdmin):
    list_display = ("pattern", "is_regex", "action", "is_active", "note", "updated_at")
    list_filter = ("action", "is_regex", "is_active")
    search_fields = ("pattern", "note")
    readonly_fields = ("created_by", "created_at", "updated_at")

    def save_model(self, request, obj, form, change):
        if obj.created_by_id is None:
            obj.created_by = request.user
        services.save_watched_phrase(phrase=obj)

    def delete_model(self, request, obj):
        services.delete_watched_phrase(phrase=obj)

    def delete_queryset(self, request, queryset):
        for phrase in queryset:
            services.delete_watched_phrase(phrase=phrase)

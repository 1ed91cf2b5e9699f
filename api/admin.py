from django.contrib import admin, messages

from api import tokens
from api.models import CoralPhase, Token


@admin.register(Token)
class TokenAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "owner", "scope", "created_at", "last_used_at", "revoked_at")
    list_filter = ("scope",)
    readonly_fields = ("prefix", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        return ("name", "owner", "scope") if obj is None else ("name", "owner", "scope", *self.readonly_fields)

    def get_readonly_fields(self, request, obj=None):
        # A token's owner and scope are what it was made for: a different use gets a new token.
        return self.readonly_fields if obj is None else ("owner", "scope", *self.readonly_fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner":
            kwargs["queryset"] = db_field.related_model.objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        secret = None if change else tokens.assign_secret(obj)
        super().save_model(request, obj, form, change)
        if secret:
            messages.warning(request, f"The token is {secret}. Copy it now: it is not kept and is not shown again.")

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        count = queryset.revoke()
        messages.success(request, f"Revoked {count} token(s).")


@admin.register(CoralPhase)
class CoralPhaseAdmin(admin.ModelAdmin):
    list_display = ("name", "on_label", "created_at", "revoked_at")
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        # The secret is entered once and never shown again: a rolled secret is a new phase.
        return ("name", "signing_secret", "on_label") if obj is None else ("name", "on_label", "revoked_at")

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else ("revoked_at",)

    @admin.action(description="Revoke the selected phases")
    def revoke(self, request, queryset):
        count = queryset.revoke()
        messages.success(request, f"Revoked {count} phase(s).")

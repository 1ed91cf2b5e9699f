from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from api import tokens, webhooks
from api.models import PING, CoralPhase, Delivery, PublisherAccount, Token, Webhook
from core import events


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


class WebhookForm(forms.ModelForm):
    events = forms.MultipleChoiceField(choices=list(events.KINDS.items()), widget=forms.CheckboxSelectMultiple,
                                       help_text="The events it is told of.")
    url = forms.URLField(label="Address", max_length=500, assume_scheme="https",
                         help_text="Where each event is POSTed, as JSON.")

    class Meta:
        model = Webhook
        fields = ("name", "url", "events")

    def clean_url(self):
        url = self.cleaned_data["url"]
        parts = urlsplit(url)
        if parts.scheme != "https" and not settings.FORUM_WEBHOOK_ALLOW_HTTP:
            raise forms.ValidationError("Use an https:// address: deliveries carry the forum's events signed, "
                                        "and over plain http anyone on the way could read them.")
        if parts.username or parts.password:
            raise forms.ValidationError("Leave the user name and password out of the address: deliveries are "
                                        "signed, and an address is shown to every member of staff.")
        return url


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    form = WebhookForm
    list_display = ("name", "url", "chosen_events", "created_at", "revoked_at")
    readonly_fields = ("created_by", "created_at", "revoked_at", "its_deliveries")
    actions = ["revoke", "ping"]

    def get_fields(self, request, obj=None):
        return ("name", "url", "events") if obj is None else ("name", "url", "events", *self.readonly_fields)

    @admin.display(description="events")
    def chosen_events(self, webhook):
        return ", ".join(webhook.events)

    @admin.display(description="deliveries")
    def its_deliveries(self, webhook):
        url = reverse("admin:api_delivery_changelist") + f"?webhook__id__exact={webhook.pk}"
        return format_html('<a href="{}">Its deliveries and their answers</a>', url)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.secret, obj.created_by = webhooks.new_secret(), request.user
        super().save_model(request, obj, form, change)
        if not change:
            messages.warning(request, f"The signing secret is {obj.secret}. Copy it to the receiving system now: "
                                      "it is not shown again.")

    @admin.action(description="Revoke the selected webhooks")
    def revoke(self, request, queryset):
        count = queryset.revoke()
        webhooks.forget_endpoints()
        messages.success(request, f"Revoked {count} webhook(s).")

    @admin.action(description="Send the selected webhooks a test event (ping)")
    def ping(self, request, queryset):
        active = list(queryset.active())
        for webhook in active:
            webhooks.send(PING, {"webhook": webhook.name}, [webhook.pk])
        messages.success(request, f"Queued a ping to {len(active)} webhook(s); see their deliveries.")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("kind", "webhook", "state", "attempts", "answer_status", "created_at", "delivered_at")
    list_filter = ("state", "kind", "webhook")
    search_fields = ("event_id",)
    fields = ("webhook", "kind", "event_id", "state", "attempts", "last_attempt_at", "answer_status", "answer",
              "delivered_at", "created_at", "body")
    readonly_fields = fields
    actions = ["deliver_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # What was sent and answered is a record; trying again is the action below.
        return False

    @admin.action(description="Deliver the selected again", permissions=["view"])
    def deliver_again(self, request, queryset):
        messages.success(request, f"Queued {webhooks.retry(queryset)} delivery(ies) again.")


@admin.register(PublisherAccount)
class PublisherAccountAdmin(admin.ModelAdmin):
    """Who signed in from which publisher's site: read here, ended by deleting the link (the member stays)."""

    list_display = ("subject", "origin", "member", "created_at")
    list_filter = ("origin",)
    search_fields = ("subject", "member__email", "member__display_name")
    readonly_fields = ("origin", "subject", "member", "created_at")

    def has_add_permission(self, request):
        return False

"""What other systems hold to reach the forum, and what the forum tells them: staff tokens for
the API (kept hashed, scoped), Coral moderation phases (kept with their signing secret), and
webhooks with their deliveries; each credential revocable in the admin."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from core import events


class RevocableQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at=None)

    def revoke(self) -> int:
        """Revoke these at once; those revoked already keep their date."""
        return self.active().update(revoked_at=timezone.now())


class Revocable(models.Model):
    """A credential that stops working, for good, when revoked: a different use gets a new one."""

    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RevocableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Token(Revocable):
    """A token for the API: a staff member's for the staff operations, or a member's own for
    writing as themselves. Only its SHA-256 is kept: the token is shown once, when it is made
    (api/tokens.py), and a copy of the database gives no access."""

    class Scope(models.TextChoices):
        SCREEN = "screen", "Screen texts (POST /api/v1/screen)"
        MODERATE = "moderate", "Work the review queue (/api/v1/queue, /api/v1/cases): its owner must be a moderator"
        MEMBER = "member", "Write as its owner (post, reply, edit, delete): made by members on their tokens page"

    name = models.CharField(max_length=100, help_text="What uses it, e.g. \"Coral on news.example.org\".")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                              help_text="The token acts as them, and stops working if their account is "
                                        "closed; a staff scope's, also if they stop being staff.")
    scope = models.CharField(max_length=20, choices=Scope.choices, default=Scope.SCREEN)
    prefix = models.CharField(max_length=12, editable=False, help_text="Its first characters, to recognise it.")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class CoralPhase(Revocable):
    """A Coral installation's external moderation phase that screens its comments here. Coral signs
    each request with the phase's signing secret (HMAC-SHA256 of the body, X-Coral-Signature), so
    the secret is kept as Coral shows it: it is needed to check the signature, and never shown again."""

    class OnLabel(models.TextChoices):
        PREMOD = "PREMOD", "Hold it for Coral's moderators (Coral has no label)"
        NONE = "NONE", "Let it through"

    name = models.CharField(max_length=100, help_text="Which Coral, e.g. \"news.example.org\".")
    signing_secret = models.CharField(max_length=200, help_text="The phase's signing secret, from Coral's "
                                      "Configure → Moderation → External moderation phases.")
    on_label = models.CharField("a comment this forum would label", max_length=10, choices=OnLabel.choices,
                                default=OnLabel.PREMOD)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Coral moderation phase"

    def __str__(self):
        return self.name


# The event a webhook is sent when staff try it from the admin.
PING = "ping"


class Webhook(Revocable):
    """An address of another system told of the events it chose, each delivery signed with the
    webhook's secret (HMAC-SHA256 over the timestamp and the body, api/webhooks.py). The secret
    is kept as made: it is needed to sign; it is shown once, when the webhook is made."""

    name = models.CharField(max_length=100, help_text="What it tells, e.g. \"CMS on news.example.org\".")
    url = models.URLField("address", max_length=500,
                          help_text="Where each event is POSTed, as JSON. https:// unless FORUM_WEBHOOK_ALLOW_HTTP.")
    events = models.JSONField(default=list, help_text="The events it is told of.")
    secret = models.CharField(max_length=100, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.name


class Delivery(models.Model):
    """One event for one webhook: the body as signed, and what the other system last answered.
    It is tried by a task until it is answered with a 2xx or TASKS_MAX_ATTEMPTS have failed."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be tried, or tried again"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed every attempt"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.UUIDField(default=uuid.uuid4, editable=False,
                                help_text="The event's id, the same for each webhook told of it (X-Forum-Delivery).")
    kind = models.CharField("event", max_length=40, choices=[(kind, kind) for kind in [*events.KINDS, PING]])
    body = models.TextField(help_text="The JSON sent, exactly as signed.")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    answer_status = models.PositiveSmallIntegerField("answer", null=True, blank=True,
                                                     help_text="The HTTP status of the last answer.")
    answer = models.TextField(blank=True, help_text="The start of the last answer, or why there was none.")
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"{self.kind} to {self.webhook}"


class PublisherAccount(models.Model):
    """A publisher's reader signed in by its single sign-on (api/sso.py): who they are on the
    publisher's site (its origin and its id for them) and the member they are here."""

    origin = models.CharField(max_length=200)
    subject = models.CharField(max_length=255, help_text="The publisher's own id for the reader.")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="publisher_accounts")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["origin", "subject"], name="publisher_account_unique")]

    def __str__(self):
        return f"{self.subject} on {self.origin}"

"""What other systems hold to reach the forum: staff tokens for the API (kept hashed, scoped) and
Coral moderation phases (kept with their signing secret); each revocable in the admin."""

from django.conf import settings
from django.db import models
from django.utils import timezone


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
    """A staff member's token for the API's staff operations. Only its SHA-256 is kept: the token
    is shown once, when it is made (api/tokens.py), and a copy of the database gives no access."""

    class Scope(models.TextChoices):
        SCREEN = "screen", "Screen texts (POST /api/v1/screen)"

    name = models.CharField(max_length=100, help_text="What uses it, e.g. \"Coral on news.example.org\".")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                              help_text="A staff member; the token acts with their permissions, and stops "
                                        "working if they stop being staff.")
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

"""Staff tokens for the API: kept hashed, scoped, revocable in the admin."""

from django.conf import settings
from django.db import models


class Token(models.Model):
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
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

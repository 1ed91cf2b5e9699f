"""Moderators' watched phrases."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from moderation.screening.rules import PatternError, validate_pattern


class WatchedPhrase(models.Model):
    class Action(models.TextChoices):
        FLAG = "flag", "Flag for review (publish as usual)"
        LABEL = "label", "Publish with the unverified-claim label"
        HOLD = "hold", "Hold for review"
        BLOCK = "block", "Block (refuse at once)"

    pattern = models.CharField(
        max_length=300,
        help_text="A word or phrase, matched on whole words after normalisation (case, accents, look-alike "
                  "letters and spelling tricks are ignored), or a regular expression.",
    )
    is_regex = models.BooleanField("regular expression", default=False)
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.FLAG)
    note = models.CharField(max_length=200, blank=True, help_text="Why it is watched; shown to moderators.")
    is_active = models.BooleanField("active", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pattern"]
        constraints = [
            models.UniqueConstraint(fields=["pattern", "is_regex"], name="watched_phrase_unique_pattern"),
        ]

    def __str__(self):
        return self.pattern

    def clean(self):
        if self.is_regex:
            try:
                validate_pattern(self.pattern)
            except PatternError as error:
                raise ValidationError({"pattern": str(error)}) from error
        elif not self.pattern.strip():
            raise ValidationError({"pattern": "Enter a word or phrase."})

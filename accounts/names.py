"""Validation of display names, shared by sign-up and the admin."""

import unicodedata

from django.core.exceptions import ValidationError

MIN_LENGTH = 2


def clean_display_name(value: str) -> str:
    """Return the name with surrounding and repeated spaces removed.

    Refuses names with control or format characters (which can hide or reorder
    text, e.g. right-to-left overrides) and names too short to tell apart.
    """
    name = " ".join(value.split())
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") for ch in name):
        raise ValidationError("Your display name contains invisible or control characters.")
    if len(name) < MIN_LENGTH:
        raise ValidationError(f"Your display name needs at least {MIN_LENGTH} characters.")
    return name

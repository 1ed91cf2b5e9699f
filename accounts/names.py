"""Members' names: validated for sign-up and the admin, scrubbed from staff text when an account goes."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db.models import Q

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


def scrub_names(value, names: list[str], replacement: str = "former member"):
    """The value (text, or JSON-ready data) with every whole-word mention of the names replaced,
    case-insensitively: what staff wrote about a member who deleted their account."""
    if isinstance(value, str):
        for name in names:
            value = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", replacement, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, list):
        return [scrub_names(item, names, replacement) for item in value]
    if isinstance(value, dict):
        return {key: scrub_names(item, names, replacement) for key, item in value.items()}
    return value


def names_of(member) -> list[str]:
    """What a member may be called in text: display name, address, and the address's name part."""
    local = member.email.split("@")[0]
    return [name for name in (member.email, member.display_name, local) if len(name) >= 3]


def scrub_rows(queryset, fields: list[str], names: list[str], replacement: str = "former member") -> int:
    """Rewrite, in the given text and JSON fields, every row that mentions one of the names."""
    mentions = Q()
    for field in fields:
        for name in names:
            mentions |= Q(**{f"{field}__icontains": name})
    changed = 0
    for row in queryset.filter(mentions):
        for field in fields:
            setattr(row, field, scrub_names(getattr(row, field), names, replacement))
        row.save(update_fields=fields)
        changed += 1
    return changed

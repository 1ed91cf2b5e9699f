"""System checks for the screening settings: a typo fails `manage.py check`, not the first flagged post."""

from django.conf import settings
from django.core.checks import Error, register

from moderation.screening.verdict import CLAIM_CATEGORIES, HOLD, LABEL


@register()
def screening_settings(app_configs, **kwargs) -> list[Error]:
    errors = []
    if settings.MODERATION_FLAGGED_ACTION not in (LABEL, HOLD):
        errors.append(Error(f"MODERATION_FLAGGED_ACTION is {settings.MODERATION_FLAGGED_ACTION!r}.",
                            hint='Use "label" or "hold" (lower case).', id="moderation.E001"))
    flag, hold = settings.MODERATION_FLAG_THRESHOLD, settings.MODERATION_HOLD_THRESHOLD
    for name, value in (("MODERATION_FLAG_THRESHOLD", flag), ("MODERATION_HOLD_THRESHOLD", hold)):
        if not 0 <= value <= 1:
            errors.append(Error(f"{name} is {value}.", hint="Use a number from 0 to 1.", id="moderation.E002"))
    if flag > hold:
        errors.append(Error(f"MODERATION_FLAG_THRESHOLD ({flag}) is above MODERATION_HOLD_THRESHOLD ({hold}).",
                            hint="A post is flagged before it is held: keep flag <= hold.", id="moderation.E003"))
    unknown = set(settings.MODERATION_HOLD_CATEGORIES) - CLAIM_CATEGORIES
    if unknown:
        errors.append(Error(f"MODERATION_HOLD_CATEGORIES names unknown categories: {', '.join(sorted(unknown))}.",
                            hint=f"Choose from {', '.join(sorted(CLAIM_CATEGORIES))}.", id="moderation.E004"))
    if settings.MODERATION_HOLD_LINK_COUNT < 1:
        errors.append(Error("MODERATION_HOLD_LINK_COUNT is below 1.", hint="Use 1 or more.", id="moderation.E005"))
    return errors

"""Settings a typo would break are caught by `manage.py check`, before any request."""

import pytest
from django.core.checks import run_checks


@pytest.mark.parametrize("name, value, check_id", [
    ("MODERATION_FLAGGED_ACTION", "Hold", "moderation.E001"),
    ("MODERATION_FLAG_THRESHOLD", 1.5, "moderation.E002"),
    ("MODERATION_HOLD_THRESHOLD", -0.1, "moderation.E002"),
    ("MODERATION_FLAG_THRESHOLD", 0.95, "moderation.E003"),
    ("MODERATION_HOLD_CATEGORIES", ["dosage", "doses"], "moderation.E004"),
    ("MODERATION_HOLD_LINK_COUNT", 0, "moderation.E005"),
    ("FORUM_RATE_LIMITS", {"post": "30/hour", "report": "20/h", "search": "30/m"}, "forum.E001"),
    ("FORUM_RATE_LIMITS", {"post": "0/h", "report": "20/h", "search": "30/m"}, "forum.E001"),
])
def test_a_bad_setting_fails_the_system_check(settings, name, value, check_id):
    setattr(settings, name, value)
    assert check_id in {message.id for message in run_checks()}


def test_the_default_settings_pass(settings):
    assert not [message for message in run_checks() if message.id.startswith(("moderation.", "forum."))]

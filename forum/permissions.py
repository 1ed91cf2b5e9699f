"""Who may take part in discussions; the reason is shown to whoever may not."""

from accounts.queries import has_verified_email
from forum.templatetags.forum_format import posted_at
from moderation import services as moderation


def commenting_refusal(user, doing: str = "leave a comment") -> str | None:
    """None if the user may post, edit or report, else the reason a person can act on."""
    if not user.is_authenticated:
        return f"Sign in to {doing}."
    if not has_verified_email(user):
        return f"Confirm your e-mail address to {doing}: follow the link we sent you."
    suspension = moderation.active_suspension(user)
    if suspension is not None:
        return (f"Your account is suspended until {posted_at(suspension.ends_at)}: you can read, "
                "but not post, edit or report until then.")
    return None

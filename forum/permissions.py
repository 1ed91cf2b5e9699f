"""Who may take part in discussions; the reason is shown to whoever may not."""

from accounts.queries import has_verified_email


def commenting_refusal(user) -> str | None:
    """None if the user may comment, else the reason a person can act on."""
    if not user.is_authenticated:
        return "Sign in to leave a comment."
    if not has_verified_email(user):
        return "Confirm your e-mail address to leave a comment: follow the link we sent you."
    return None

"""Reads about members that other apps need."""

from allauth.account.models import EmailAddress


def has_verified_email(user) -> bool:
    """True for a signed-in member with at least one verified address."""
    if not user.is_authenticated:
        return False
    # Remembered on the user object, as Django remembers permissions: a page asks more than once.
    if not hasattr(user, "_has_verified_email"):
        user._has_verified_email = EmailAddress.objects.filter(user=user, verified=True).exists()
    return user._has_verified_email

"""Reads about members that other apps need."""

from allauth.account.models import EmailAddress


def has_verified_email(user) -> bool:
    """True for a signed-in member with at least one verified address."""
    if not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()

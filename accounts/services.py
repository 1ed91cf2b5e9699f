"""Writes about members: creating accounts outside the sign-up form."""

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import User


def ensure_member(*, email: str, display_name: str, password: str, is_staff: bool = False,
                  is_superuser: bool = False) -> User:
    """Create the member with a verified address, or return the existing one unchanged."""
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(
                email, password, display_name=display_name, is_staff=is_staff, is_superuser=is_superuser
            )
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    return user

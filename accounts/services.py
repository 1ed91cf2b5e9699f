"""Writes about members: accounts made outside the sign-up form, profiles and e-mail preferences."""

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.mail import PREFERENCES
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


def set_mail_preference(*, member: User, kind: str, wanted: bool) -> User:
    """Switch one kind of e-mail on or off (the unsubscribe link and its undo)."""
    field = PREFERENCES[kind]
    setattr(member, field, wanted)
    member.save(update_fields=[field])
    return member

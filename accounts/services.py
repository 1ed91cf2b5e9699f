"""Writes about members: accounts made outside the sign-up form, profiles and e-mail preferences."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

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


def update_profile(*, form) -> User:
    """Save a member's profile form. A new display name shows on pages other apps
    may have cached, so the hook ACCOUNTS_PROFILE_CHANGED (wired in settings) runs."""
    with transaction.atomic():
        member = form.save()
        if "display_name" in form.changed_data:
            import_string(settings.ACCOUNTS_PROFILE_CHANGED)()
    return member

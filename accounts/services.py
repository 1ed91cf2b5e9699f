"""Writes about members: accounts made outside the sign-up form, profiles, e-mail preferences and
notifications read."""

from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from accounts.mail import PREFERENCES
from accounts.models import Notification, User


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


# What the apps above accounts do when a member's public profile changes (their AppConfig
# registers it): a name shows on pages they may have cached.
_profile_listeners: list[Callable[[], None]] = []


def on_profile_changed(listener: Callable[[], None]) -> None:
    if listener not in _profile_listeners:
        _profile_listeners.append(listener)


def update_profile(*, form) -> User:
    """Save a member's profile form; a new display name is told to every on_profile_changed listener."""
    with transaction.atomic():
        member = form.save()
        if "display_name" in form.changed_data:
            for listener in _profile_listeners:
                listener()
    return member


def mark_read(*, member: User, notification_id: int | None = None) -> Notification | None:
    """Mark one of the member's notifications read (returned, or None if it is not theirs), or
    all of them when no id is given."""
    unread = Notification.objects.filter(member=member, read_at=None)
    if notification_id is None:
        unread.update(read_at=timezone.now())
        return None
    notification = Notification.objects.filter(member=member, pk=notification_id).first()
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification

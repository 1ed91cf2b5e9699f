"""Reads about members that other apps need."""

from allauth.account.models import EmailAddress
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce

from accounts.models import Notification

_REMEMBERED = "_has_verified_email"


def has_verified_email(user) -> bool:
    """True for a signed-in member with at least one verified address."""
    if not user.is_authenticated:
        return False
    # Remembered on the user object, as Django remembers permissions: a page asks more than once.
    if not hasattr(user, _REMEMBERED):
        remember_verified(user, EmailAddress.objects.filter(user=user, verified=True).exists())
    return getattr(user, _REMEMBERED)


def verified_address() -> Exists:
    """has_verified_email as an expression over users, for a query that asks more at once."""
    return Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True))


def remember_verified(user, verified: bool) -> None:
    setattr(user, _REMEMBERED, verified)


def unread_notifications(member) -> int:
    return Notification.objects.filter(member=member, read_at=None).count()


def unread_notifications_count() -> Coalesce:
    """unread_notifications as an expression over users, for a query that asks more at once."""
    unread = Notification.objects.filter(member=OuterRef("pk"), read_at=None).order_by()
    return Coalesce(Subquery(unread.values("member").annotate(count=Count("pk")).values("count")[:1]), 0)


def notifications_page(member, page_number) -> dict:
    return {"page": Paginator(Notification.objects.filter(member=member), 30).get_page(page_number),
            "unread": unread_notifications(member)}

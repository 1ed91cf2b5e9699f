"""Who may take part in discussions; the reason is shown to whoever may not."""

from django.db.models import OuterRef, Subquery

from accounts.models import User
from accounts.queries import remember_verified, verified_address
from core.templatetags.formatting import posted_at
from moderation.models import Suspension


def commenting_refusal(user, doing: str = "leave a comment") -> str | None:
    """None if the user may post, edit or report, else the reason a person can act on."""
    if not user.is_authenticated:
        return f"Sign in to {doing}."
    verified, suspended_until = _standing(user)
    if not verified:
        return f"Confirm your e-mail address to {doing}: follow the link we sent you."
    if suspended_until is not None:
        return (f"Your account is suspended until {posted_at(suspended_until)}: you can read, "
                "but not post, edit or report until then.")
    return None


def _standing(user) -> tuple[bool, object]:
    """Whether the member has a verified address, and when the suspension in force (the one
    ending last) ends, in one query; the first is remembered as has_verified_email does."""
    suspension = Suspension.objects.active().filter(member=OuterRef("pk")).order_by("-ends_at")
    verified, suspended_until = (
        User.objects.filter(pk=user.pk)
        .annotate(verified=verified_address(), suspended_until=Subquery(suspension.values("ends_at")[:1]))
        .values_list("verified", "suspended_until").get()
    )
    remember_verified(user, verified)
    return verified, suspended_until

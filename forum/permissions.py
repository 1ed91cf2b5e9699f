"""Who may take part in discussions; the reason is shown to whoever may not."""

from django.db.models import OuterRef, Subquery

from accounts.models import User
from accounts.queries import remember_verified, verified_address
from core.templatetags.formatting import posted_at
from moderation.models import Suspension


def commenting_refusal(user, doing: str = "leave a comment") -> str | None:
    """None if the user may post, edit or report, else the reason a person can act on."""
    if not user.is_authenticated:
        return sign_in_refusal(user, doing)
    verified, suspended_until = (
        User.objects.filter(pk=user.pk).annotate(**standing()).values_list("verified", "suspended_until").get()
    )
    remember_verified(user, verified)
    return standing_refusal(verified, suspended_until, doing)


def sign_in_refusal(user, doing: str = "leave a comment") -> str | None:
    return None if user.is_authenticated else f"Sign in to {doing}."


def standing() -> dict:
    """What decides whether a member may post, as expressions over users, so one query asks it
    with whatever else it reads (posting asks it with the member's lock): whether they have a
    verified address, and when the suspension in force (the one ending last) ends."""
    suspension = Suspension.objects.active().filter(member=OuterRef("pk")).order_by("-ends_at")
    return {"verified": verified_address(), "suspended_until": Subquery(suspension.values("ends_at")[:1])}


def standing_refusal(verified: bool, suspended_until, doing: str = "leave a comment") -> str | None:
    """The reason a signed-in member may not post, from what standing() read, or None."""
    if not verified:
        return f"Confirm your e-mail address to {doing}: follow the link we sent you."
    if suspended_until is not None:
        return (f"Your account is suspended until {posted_at(suspended_until)}: you can read, "
                "but not post, edit or report until then.")
    return None

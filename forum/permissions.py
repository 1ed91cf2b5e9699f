"""Who may take part in discussions; the reason is shown to whoever may not."""

from django.db.models import OuterRef, Subquery

from accounts.models import User
from accounts.queries import remember_verified, verified_address
from core.templatetags.formatting import posted_at
from moderation.models import Suspension


def commenting_refusal(user, doing: str = "leave a comment", *, posting: bool = True) -> str | None:
    """None if the user may act, else the reason a person can act on. `posting`: the act is a new
    comment or discussion, which a silence bars too; editing and reporting are not."""
    if not user.is_authenticated:
        return sign_in_refusal(user, doing)
    verified, suspended_until, silenced_until = (
        User.objects.filter(pk=user.pk).annotate(**standing())
        .values_list("verified", "suspended_until", "silenced_until").get()
    )
    remember_verified(user, verified)
    return standing_refusal(verified, suspended_until, doing, silenced_until=silenced_until if posting else None)


def sign_in_refusal(user, doing: str = "leave a comment") -> str | None:
    return None if user.is_authenticated else f"Sign in to {doing}."


def standing() -> dict:
    """What decides whether a member may post, as expressions over users, so one query asks it
    with whatever else it reads (posting asks it with the member's lock): whether they have a
    verified address, and when the suspension and the silence in force (the ones ending last) end."""
    active = Suspension.objects.active().filter(member=OuterRef("pk")).order_by("-ends_at")
    return {
        "verified": verified_address(),
        "suspended_until": Subquery(active.filter(kind=Suspension.Kind.SUSPEND).values("ends_at")[:1]),
        "silenced_until": Subquery(active.filter(kind=Suspension.Kind.SILENCE).values("ends_at")[:1]),
    }


def standing_refusal(verified: bool, suspended_until, doing: str = "leave a comment", *,
                     silenced_until=None) -> str | None:
    """The reason a signed-in member may not act, from what standing() read, or None. The caller
    passes silenced_until only for new comments and discussions, the acts a silence bars."""
    if not verified:
        return f"Confirm your e-mail address to {doing}: follow the link we sent you."
    if suspended_until is not None:
        return (f"Your account is suspended until {posted_at(suspended_until)}: you can read, "
                "but not post, edit or report until then.")
    if silenced_until is not None:
        return (f"A moderator has silenced you until {posted_at(silenced_until)}: you can read, edit your "
                "comments, report and appeal, but not post until then.")
    return None

"""Who may work the review queue: the Moderators group (its permission) and staff."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def may_moderate(user) -> bool:
    return user.is_authenticated and user.is_active and (user.is_staff or user.has_perm("moderation.review_case"))


def may_switch_models(user) -> bool:
    """Retraining the claim model and choosing the version screening uses: staff given the permission."""
    return may_moderate(user) and user.has_perm("moderation.switch_claimmodel")


def moderator_required(view):
    """Anonymous visitors are sent to sign in; members who are not moderators get 403."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_moderate(request.user):
            raise PermissionDenied("The review queue is for moderators.")
        return view(request, *args, **kwargs)

    return guarded

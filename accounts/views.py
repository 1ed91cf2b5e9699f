"""Members' own pages: their profile and e-mail preferences, their notifications, and the
unsubscribe link."""

from urllib.parse import urlsplit

from allauth.account.views import LoginView as AllauthLoginView
from allauth.account.views import SignupView as AllauthSignupView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.utils.crypto import get_random_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import queries, services
from accounts.forms import ProfileForm
from accounts.mail import DESCRIPTIONS, PREFERENCES, read_unsubscribe_token
from accounts.links import profile_links
from core.params import optional_number


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request):
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.update_profile(form=form)
            messages.success(request, "Your profile is saved.")
            return redirect("accounts:profile")
        status = 400
    return render(request, "accounts/profile.html", {"form": form, "profile_links": profile_links()},
                  status=status)


@login_required
@require_safe
def notifications(request):
    return render(request, "accounts/notifications.html",
                  queries.notifications_page(request.user, optional_number(request.GET, "page")))


@login_required
@require_POST
def open_notification(request, pk):
    """Mark it read and go where it happened."""
    notification = services.mark_read(member=request.user, notification_id=pk)
    if notification is None:
        raise Http404("No such notification.")
    # Only ever a path on this site (they are written by the forum, never by members).
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None) and notification.url.startswith("/")
    return redirect(notification.url if safe else "accounts:notifications")


@login_required
@require_POST
def read_all_notifications(request):
    services.mark_read(member=request.user)
    messages.success(request, "All your notifications are marked read.")
    return redirect("accounts:notifications")


# The token is the authority here, and mail programs post the one-click
# unsubscribe (RFC 8058) without a CSRF token.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """Opening the link shows one button and changes nothing, so mail scanners that open
    links cannot switch mail off; the POST (the button, or a mail program's one-click)
    switches that kind of mail off, and only that."""
    found = read_unsubscribe_token(token)
    if found is None:
        return render(request, "accounts/unsubscribe.html", {"invalid": True}, status=400)
    member, kind = found
    context = {"member": member, "kind_description": DESCRIPTIONS[kind], "token": token}
    if request.method != "POST":
        return render(request, "accounts/unsubscribe.html", {**context, "asking": True,
                                                             "subscribed": getattr(member, PREFERENCES[kind])})
    services.set_mail_preference(member=member, kind=kind, wanted=False)
    return render(request, "accounts/unsubscribe.html", {**context, "subscribed": False})


@require_POST
def resubscribe(request, token):
    """"Subscribe again", from the unsubscribe page itself: CSRF-checked, so no other site
    can switch a member's mail back on with a link it has seen."""
    found = read_unsubscribe_token(token)
    if found is None:
        return render(request, "accounts/unsubscribe.html", {"invalid": True}, status=400)
    member, kind = found
    services.set_mail_preference(member=member, kind=kind, wanted=True)
    return render(request, "accounts/unsubscribe.html",
                  {"member": member, "kind_description": DESCRIPTIONS[kind], "token": token, "subscribed": True})


class SignupView(AllauthSignupView):
    """allauth's sign-up. An address already in use gets the same answer as a new one (allauth
    mails its owner instead); hashing a password as creating the account would makes it take
    as long too, so the time does not tell who is a member of a health forum."""

    def form_valid(self, form):
        if form.account_already_exists:
            make_password(get_random_string(32))
        return super().form_valid(form)


def _provider_origins() -> list[str]:
    """Where the publishers' "Sign in with" buttons send the browser (settings' FORUM_OIDC_PROVIDERS)."""
    apps = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])
    return sorted({"{0.scheme}://{0.netloc}".format(urlsplit(app["settings"]["server_url"])) for app in apps})


class LoginView(AllauthLoginView):
    """allauth's sign-in, answering 429 past the failed-attempt limit rather than 200."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        origins = _provider_origins()
        if origins:
            # A "Sign in with" form is redirected to the provider: the policy's form-action must allow it.
            response._csp_update = {"form-action": origins}
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if any(error.code == "too_many_login_attempts" for error in form.non_field_errors().as_data()):
            response.status_code = 429
        return response

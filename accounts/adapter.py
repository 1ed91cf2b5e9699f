"""allauth customised for the forum: members have a display name, no username; mail names the site."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings

from accounts.mail import AUTOMATIC, deliver_mail


@dataclass(frozen=True)
class SiteName:
    """What allauth's mail templates call current_site."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth counts failed sign-ins per account from anywhere, so anyone could lock a
        # member out by failing for them; counted per client address and account together,
        # an attacker locks out only themselves (the per-address limit still stops guessing).
        return f"{self.get_client_ip(request)}:{super()._get_login_attempts_cache_key(request, **credentials)}"

    def save_user(self, request, user, form, commit=True):
        user.display_name = form.cleaned_data["display_name"]
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        # Without the sites framework allauth would name the site by the request's host and port.
        site = SiteName(settings.SITE_NAME, urlsplit(settings.SITE_URL).netloc)
        message = self.render_mail(template_prefix, email, {**context, "current_site": site})
        # Queued like members' mail: a slow or absent mail server neither holds up signing up
        # nor loses the confirmation, and both answers of sign-up cost the same.
        deliver_mail.enqueue(to=email, subject=message.subject, body=message.body, headers=message.extra_headers)

    def render_mail(self, template_prefix, email, context, headers=None):
        return super().render_mail(template_prefix, email, context, headers={**(headers or {}), **AUTOMATIC})


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """A publisher's reader signed in by OpenID Connect: named as their provider names them."""

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        name = (data.get("name") or " ".join(filter(None, [data.get("first_name"), data.get("last_name")]))
                or data.get("username") or (data.get("email") or "").split("@")[0])
        user.display_name = " ".join(str(name or "").split())[:50] or "Member"
        return user

"""Readers signed in with a publisher's own accounts, in the thread's frame on its pages: the
publisher signs a JWT for its signed-in reader, as Coral's single sign-on does, and the frame
exchanges it for a frame token (api/embed.py).

The token is HS256 with a secret shared with the forum, or RS256 with the publisher's key pair
(the forum holds the public key), set per origin in FORUM_EMBED_SSO. It must carry an expiry, the
forum's audience (FORUM_EMBED_SSO_AUDIENCE), a unique id (jti) and Coral's `user` object: `id`,
`email`, `username`. Each is taken once: a replay within its lifetime is refused.

The reader becomes a verified member, linked by (origin, user id), so a later change of address
at the publisher keeps the same member. An address that a forum account already has is linked to
it only where the publisher is trusted to have verified it (`trust_email`); otherwise refused."""

import hashlib
import time
import uuid

import jwt
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from accounts.models import User
from accounts.services import ensure_member
from api.models import PublisherAccount
from core.refusals import Refused

REQUIRED = ["exp", "iat", "jti", "aud", "user"]
# Clocks differ a little between the publisher's servers and the forum's.
LEEWAY_SECONDS = 30
NOT_SIGNED = "This sign-in is not one the site signed for the forum. Sign in again on the site."


def sign_in(origin: str, token: str) -> User:
    """The member the publisher at origin signed this token for, made on their first sign-in."""
    config = settings.FORUM_EMBED_SSO.get(origin) if origin in settings.FORUM_EMBED_ORIGINS else None
    if config is None:
        raise Refused("This site does not sign its readers in to the forum.", status=400)
    claims = _claims(token, config)
    reader = claims["user"]
    subject, email = str(reader.get("id", "")).strip(), str(reader.get("email", "")).strip()
    try:
        validate_email(email)
    except ValidationError:
        email = ""
    if not subject or len(subject) > 255 or not email:
        raise Refused("This sign-in does not say who the reader is (user.id and user.email).", status=400)
    _take_once(origin, str(claims["jti"]), claims["exp"])
    name = " ".join(str(reader.get("username") or email.split("@")[0]).split())[:50]
    return _member(origin, subject, email, name, trust_email=bool(config.get("trust_email")))


def _claims(token: str, config: dict) -> dict:
    try:
        claims = jwt.decode(token, config["key"], algorithms=[config["algorithm"]],
                            audience=settings.FORUM_EMBED_SSO_AUDIENCE, leeway=LEEWAY_SECONDS,
                            options={"require": REQUIRED})
    except jwt.ExpiredSignatureError:
        raise Refused("This sign-in has expired. Sign in again on the site.", status=401) from None
    except jwt.PyJWTError:
        # Forged, for another audience, of another algorithm than the site's, or missing a claim.
        raise Refused(NOT_SIGNED, status=401) from None
    if not isinstance(claims["user"], dict):
        raise Refused("This sign-in does not say who the reader is (user.id and user.email).", status=400)
    return claims


def _take_once(origin: str, jti: str, expires: int) -> None:
    key = "api:sso:jti:" + hashlib.sha256(f"{origin}\n{jti}".encode()).hexdigest()
    # Remembered for as long as the token could still be accepted.
    if not cache.add(key, 1, timeout=max(int(expires - time.time()) + LEEWAY_SECONDS, 1)):
        raise Refused("This sign-in was used already. Sign in again on the site.", status=401)


def _member(origin: str, subject: str, email: str, name: str, *, trust_email: bool) -> User:
    linked = PublisherAccount.objects.select_related("member").filter(origin=origin, subject=subject).first()
    if linked is None:
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None and not trust_email:
            raise Refused("A forum account already uses this e-mail address. Sign in with it instead "
                          "(“Sign in to comment”).", status=409)
        try:
            with transaction.atomic():
                member = existing or ensure_member(email=email, display_name=name, password=None)
                linked = PublisherAccount.objects.create(origin=origin, subject=subject, member=member)
        except IntegrityError:  # the same reader's first sign-in, twice at once
            linked = PublisherAccount.objects.select_related("member").get(origin=origin, subject=subject)
    if not linked.member.is_active:
        raise Refused("This forum account is closed.", status=403)
    return linked.member


def demo_token(origin: str) -> str:
    """Development's publisher page (api/views.py demo_publisher): a token for its reader Sam, as
    a publisher's server would sign one on each page view."""
    now = int(time.time())
    return jwt.encode({"jti": uuid.uuid4().hex, "iat": now, "exp": now + 300, "aud": settings.FORUM_EMBED_SSO_AUDIENCE,
                       "user": {"id": "sam", "email": "sam@publisher.example.org", "username": "Sam (publisher)"}},
                      settings.FORUM_EMBED_SSO[origin]["key"], algorithm="HS256")

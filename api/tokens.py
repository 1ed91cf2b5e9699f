"""Making and checking staff tokens (api.models.Token); revoking them is the queryset's revoke()."""

import hashlib
import secrets

from django.utils import timezone

from api.models import Token

PREFIX = "fkt_"
# Recorded at most this often per token, so a busy integration does not write on every request.
LAST_USED_EVERY = timezone.timedelta(minutes=5)


def _digest(secret: str) -> str:
    # The tokens are 256 random bits: a fast hash cannot be reversed, and a slow one would cost every request.
    return hashlib.sha256(secret.encode()).hexdigest()


def assign_secret(token: Token) -> str:
    """Give an unsaved token its secret, kept only as a digest; the secret is returned to be shown this once."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token.prefix, token.digest = secret[:len(PREFIX) + 6], _digest(secret)
    return secret


def issue(*, owner, name: str, scope: str = Token.Scope.SCREEN) -> tuple[Token, str]:
    """A new token and its secret, which is shown this once and never stored."""
    token = Token(owner=owner, name=name, scope=scope)
    secret = assign_secret(token)
    token.save()
    return token, secret


def authenticate(secret: str, scope: str) -> Token | None:
    """The active token with this secret and scope, whose owner is active staff (and a moderator, for
    the "moderate" scope); None otherwise."""
    if not secret.startswith(PREFIX):
        return None
    token = (Token.objects.active().select_related("owner")
             .filter(digest=_digest(secret), scope=scope, owner__is_active=True, owner__is_staff=True).first())
    if token is not None and scope == Token.Scope.MODERATE and not token.owner.has_perm("moderation.review_case"):
        return None  # a moderator's token acts as the moderator, and only while they are one
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            Token.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


"""Making and checking API tokens (api.models.Token): staff tokens made in the admin, and members'
own, made and revoked on their tokens page; revoking is the queryset's revoke()."""

import hashlib
import secrets

from django.utils import timezone

from api.models import Token
from core.refusals import Refused

PREFIX = "fkt_"
# Recorded at most this often per token, so a busy integration does not write on every request.
LAST_USED_EVERY = timezone.timedelta(minutes=5)
# A member's tokens are for their own scripts and apps: a few, each named for what uses it.
MEMBER_TOKENS = 10
STAFF_SCOPES = (Token.Scope.SCREEN, Token.Scope.MODERATE)


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


def member_tokens(member):
    """A member's own active tokens: the ones their tokens page lists, and may revoke."""
    return Token.objects.active().filter(owner=member, scope=Token.Scope.MEMBER)


def issue_member_token(*, member, name: str) -> tuple[Token, str]:
    """A member's own token for writing as themselves, with its secret shown this once; refused past
    MEMBER_TOKENS active ones."""
    if member_tokens(member).count() >= MEMBER_TOKENS:
        raise Refused(f"You have {MEMBER_TOKENS} tokens already: revoke one you no longer use first.")
    return issue(owner=member, name=name, scope=Token.Scope.MEMBER)


def authenticate(secret: str, scope: str) -> Token | None:
    """The active token with this secret and scope, whose owner is active: and staff, for a staff
    scope, and a moderator, for the "moderate" scope. None otherwise."""
    if not secret.startswith(PREFIX):
        return None
    owners = {"owner__is_active": True, **({"owner__is_staff": True} if scope in STAFF_SCOPES else {})}
    token = Token.objects.active().select_related("owner").filter(digest=_digest(secret), scope=scope, **owners).first()
    if token is not None and scope == Token.Scope.MODERATE and not token.owner.has_perm("moderation.review_case"):
        return None  # a moderator's token acts as the moderator, and only while they are one
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            Token.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


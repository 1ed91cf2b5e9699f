from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    """The reader's claims, as a publisher's provider gives them: a verified address and a name."""

    oidc_claim_scope = None  # every claim below is given whatever scopes were asked

    def get_additional_claims(self, request):
        user = request.user
        return {"email": user.email, "email_verified": True, "name": f"{user.first_name} {user.last_name}".strip()}

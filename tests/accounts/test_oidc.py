"""The sign-in page's "Sign in with" buttons for publishers' OpenID Connect providers."""

import pytest
from allauth.socialaccount.models import SocialLogin
from django.test import RequestFactory

from accounts.adapter import SocialAccountAdapter
from accounts.models import User

PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [
    {"provider_id": "news", "name": "News Example", "client_id": "the-forum", "secret": "s",
     "settings": {"server_url": "https://id.news.example.org/o"}}]}}


def test_a_configured_provider_is_a_button_its_origin_a_form_action(client, settings, db):
    settings.SOCIALACCOUNT_PROVIDERS = PROVIDERS
    page = client.get("/accounts/login/")
    assert "Sign in with News Example" in page.content.decode()
    assert "form-action 'self' https://id.news.example.org" in page["Content-Security-Policy"]


def test_without_providers_there_is_no_button_and_forms_stay_on_the_site(client, db):
    page = client.get("/accounts/login/")
    assert "Sign in with" not in page.content.decode()
    assert "form-action 'self';" in page["Content-Security-Policy"] + ";"


@pytest.mark.parametrize("data, name", [
    ({"email": "ruth@news.example.org", "name": "  Ruth   Okafor "}, "Ruth Okafor"),
    ({"email": "ruth@news.example.org", "first_name": "Ruth", "last_name": "Okafor"}, "Ruth Okafor"),
    ({"email": "ruth@news.example.org"}, "ruth"),
    ({"email": "ruth@news.example.org", "name": "R" * 80}, "R" * 50),
])
def test_a_reader_is_named_as_their_provider_names_them(data, name):
    user = SocialAccountAdapter().populate_user(RequestFactory().get("/"), SocialLogin(user=User()), data)
    assert user.display_name == name

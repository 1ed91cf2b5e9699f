"""Run the test identity provider: migrate its database, register the forum as a client and one
reader, then serve on the port given, until killed.

    python -m tests.oidc_provider.serve PORT REDIRECT_URI CLIENT_ID CLIENT_SECRET
"""

import os
import sys

import django


def main(port: str, redirect_uri: str, client_id: str, secret: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    reader = User.objects.create_user("ruth", "ruth@news.example.org", "the reader's password",
                                      first_name="Ruth", last_name="Okafor")
    Application.objects.create(
        name="The forum", client_id=client_id, client_secret=secret, user=reader, redirect_uris=redirect_uri,
        client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        algorithm=Application.RS256_ALGORITHM, skip_authorization=True)
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True, verbosity=0)


if __name__ == "__main__":
    main(*sys.argv[1:5])

"""Finishing touches every page shares: account pages in the site's words, icons, the focus ring."""

import re
from pathlib import Path

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

CSS = Path(__file__).resolve().parents[1] / "config" / "static" / "css" / "site.css"


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_focus_ring_stands_out_at_3_to_1_on_every_background_it_sits_on():
    css = CSS.read_text()
    ring = re.search(r":focus-visible \{ outline: 3px solid (#[0-9a-f]{6})", css).group(1)
    backgrounds = {name: re.search(rf"--{name}: (#[0-9a-f]{{6}})", css).group(1)
                   for name in ("paper", "tint", "warn-bg", "error-bg", "ok-bg")}
    for name, background in backgrounds.items():
        assert contrast(ring, background) >= 3, name


def test_sign_up_says_create_an_account_with_the_password_rules_as_a_short_hint(client, db):
    page = client.get(reverse("account_signup"))
    assertContains(page, "<h1>Create an account</h1>", html=True)
    assertContains(page, '<button type="submit" class="button">Create an account</button>', html=True)
    assertContains(page, "At least 8 characters, not all digits")
    assertNotContains(page, "Sign Up")
    assertNotContains(page, "can’t be entirely numeric")  # the long list is gone
    assertContains(client.get(reverse("account_login")), "Create an account")


def test_favicon_and_touch_icons(client, db):
    page = client.get("/")
    assertContains(page, 'rel="icon" href="/static/icons/favicon.svg"')
    assertContains(page, 'rel="apple-touch-icon" href="/static/icons/touch-icon.png"')
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/icons/favicon-32.png"
    for name in ("favicon.svg", "favicon-32.png", "touch-icon.png"):
        assert (CSS.parents[1] / "icons" / name).stat().st_size > 100


def test_changing_a_password_shows_the_rules_as_the_same_short_hint(client, member):
    client.force_login(member)
    page = client.get("/accounts/password/change/")
    assertContains(page, "At least 8 characters, not all digits")
    assertNotContains(page, "can’t be entirely numeric")

"""Finishing touches every page shares: account pages in the site's words, icons, the focus ring."""

import re
from pathlib import Path

import pytest
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


def colours(css: str) -> dict[str, tuple[str, str]]:
    """The stylesheet's colours: name -> (light, dark), from --name: light-dark(#light, #dark)."""
    return {name: (light, dark) for name, light, dark in
            re.findall(r"--([a-z-]+): light-dark\((#[0-9a-f]{6}), (#[0-9a-f]{6})\)", css)}


@pytest.mark.parametrize("theme", [0, 1], ids=["light", "dark"])
def test_the_focus_ring_stands_out_at_3_to_1_on_every_background_it_sits_on(theme):
    css = CSS.read_text()
    assert ":focus-visible { outline: 3px solid var(--focus)" in css
    palette = colours(css)
    for name in ("paper", "tint", "warn-bg", "error-bg", "ok-bg", "info-bg"):
        assert contrast(palette["focus"][theme], palette[name][theme]) >= 3, name


@pytest.mark.parametrize("theme", [0, 1], ids=["light", "dark"])
def test_text_colours_read_at_4_5_to_1_on_their_backgrounds_in_both_themes(theme):
    palette = colours(CSS.read_text())
    pairs = [(ink, ground) for ink in ("ink", "muted", "accent") for ground in ("paper", "tint")] + [
        ("warn-ink", "warn-bg"), ("error-ink", "error-bg"), ("ok-ink", "ok-bg"), ("info-ink", "info-bg"),
        ("ink", "mark"), ("ink", "mark-crisis"), ("ink", "mark-info"), ("ink", "mark-model"), ("ink", "target"),
        ("open", "paper"), ("muted", "earlier"), ("ink", "tag")]
    low = [(ink, ground) for ink, ground in pairs if contrast(palette[ink][theme], palette[ground][theme]) < 4.5]
    assert low == []
    # White on the buttons' colour, in both themes.
    assert contrast("#ffffff", palette["button"][theme]) >= 4.5


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

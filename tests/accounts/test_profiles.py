"""Public profiles, editing your own, and what a suspended member is told."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from forum.models import Comment
from tests.factories import CommentFactory


def test_a_public_profile_lists_the_members_published_comments_with_links(client, member, article):
    member.bio = "Living with FMS since 2015.\nI read a lot of studies."
    member.save()
    shown = CommentFactory(article=article, author=member, body="The insula part was new to me.")
    CommentFactory(article=article, author=member, body="Held text", status=Comment.Status.HELD)
    CommentFactory(article=article, author=member, body="Removed text", status=Comment.Status.REMOVED)
    response = client.get(reverse("forum:member", args=[member.pk]))
    assertContains(response, "<h1>Ruth A.</h1>", html=True)
    assertContains(response, "Member since")
    assertContains(response, "Living with FMS since 2015.<br>I read a lot of studies.")
    assertContains(response, f'href="{shown.get_absolute_url()}"')
    assertContains(response, "The insula part was new to me.")
    assertNotContains(response, "Held text")
    assertNotContains(response, "Removed text")
    assertNotContains(response, member.email)


def test_comment_names_link_to_the_profile(client, member, article):
    CommentFactory(article=article, author=member)
    assertContains(client.get(article.get_absolute_url()), f'<a href="/members/{member.pk}/">Ruth A.</a>')


def test_an_unknown_member_is_not_found(client, db):
    assert client.get(reverse("forum:member", args=[999])).status_code == 404


def test_members_edit_their_name_bio_and_preferences(member_client, member):
    response = member_client.post(reverse("accounts:profile"), {
        "display_name": "  Ruth   Anders ", "bio": "Plain <b>text</b> only.", "notify_replies": "on",
    })
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "Ruth Anders"
    assert (member.notify_replies, member.notify_followed, member.notify_moderation) == (True, False, False)
    page = member_client.get(reverse("forum:member", args=[member.pk]))
    assertContains(page, "Plain &lt;b&gt;text&lt;/b&gt; only.")  # shown as text, never markup


@pytest.mark.parametrize("data, message", [
    ({"display_name": "x", "bio": ""}, "at least 2 characters"),
    ({"display_name": "Ruth\u202e", "bio": ""}, "invisible or control characters"),
    ({"display_name": "Ruth", "bio": "b" * 501}, "Keep your bio under 500 characters."),
    ({"display_name": "Ruth", "bio": "nul\x00"}, "Null characters are not allowed."),
])
def test_a_bad_profile_is_refused_and_nothing_changes(member_client, member, data, message):
    assertContains(member_client.post(reverse("accounts:profile"), data), message, status_code=400)
    member.refresh_from_db()
    assert member.display_name == "Ruth A." and member.bio == ""


def test_a_member_chooses_the_dark_theme_and_larger_text_for_every_page(member_client, member, article):
    page = member_client.get(reverse("accounts:profile"))
    assertContains(page, '<html lang="en" data-theme="device" data-text="standard">')
    assertContains(page, "As my device is set")
    answer = member_client.post(reverse("accounts:profile"), {"display_name": "Ruth A.", "bio": "", "theme": "dark",
                                                              "text_size": "larger"})
    assert answer.status_code == 302
    for path in (article.get_absolute_url(), reverse("accounts:notifications"), "/"):
        assertContains(member_client.get(path), '<html lang="en" data-theme="dark" data-text="larger">')
    member.refresh_from_db()
    assert (member.theme, member.text_size) == ("dark", "larger")


def test_readers_pages_follow_their_device(client, article):
    assertContains(client.get(article.get_absolute_url()), '<html lang="en">')


@pytest.mark.parametrize("field", ["theme", "text_size"])
def test_an_unknown_theme_or_size_is_refused_and_nothing_changes(member_client, member, field):
    answer = member_client.post(reverse("accounts:profile"), {"display_name": "Ruth B.", "bio": "", field: "neon"})
    assertContains(answer, "Choose one of the", status_code=400)
    member.refresh_from_db()
    assert (member.display_name, member.theme, member.text_size) == ("Ruth A.", "device", "standard")


def test_anonymous_visitors_are_sent_to_sign_in_for_the_profile_form(client, db):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_profile_links_to_what_the_apps_above_add_in_their_order(member_client, member):
    page = member_client.get(reverse("accounts:profile")).content.decode()
    links = [reverse("forum:member", args=[member.pk]), reverse("appeals:mine"), reverse("forum:my_data"),
             reverse("forum:delete_account")]
    assert all(f'href="{link}"' in page for link in links)
    assert [page.index(f'href="{link}"') for link in links] == sorted(page.index(f'href="{link}"') for link in links)
    assert "Download your data</a> (JSON)" in page

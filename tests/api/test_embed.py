"""Threads on publishers' pages: the frame's page, made on a listed site's first view, framed by
that site alone; and the no-JavaScript link to the thread on the forum."""

import time
from urllib.parse import urlencode

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from api import embed
from forum import services
from forum.models import Article
from tests.factories import UserFactory

SITE = "https://news.example.org"
PAGE = f"{SITE}/2026/12/gut-health?id=7"
HELD = "Stop taking your lithium, fish oil does the same job."
LABELLED = "Honestly, <b>pregabalinex</b> tea cures nerve pain."


@pytest.fixture(autouse=True)
def listed(db, settings):
    settings.FORUM_EMBED_ORIGINS = [SITE]


def frame(client, url=PAGE, title="Gut health, explained", **more):
    return client.get(f"{reverse('api:embed')}?{urlencode({'url': url, 'title': title, **more})}")


def test_the_first_view_makes_the_article_and_the_site_alone_may_frame_it(client):
    answer = frame(client, f"{PAGE}#comments")
    assert answer.status_code == 200
    article = Article.objects.get()
    assert (article.title, article.source, article.byline) == ("Gut health, explained", f"embed:{PAGE}",
                                                                "news.example.org")
    assert "frame-ancestors https://news.example.org" in answer["Content-Security-Policy"]
    assert "X-Frame-Options" not in answer and f'data-parent-origin="{SITE}"' in answer.content.decode()
    assert f'href="{PAGE}"' in client.get(article.get_absolute_url()).content.decode()


def test_later_views_find_it_and_cannot_rename_it(client):
    frame(client)
    assert frame(client, PAGE.replace("https://news", "HTTPS://NEWS"), title="Renamed").status_code == 200
    assert list(Article.objects.values_list("title", flat=True)) == ["Gut health, explained"]


def test_the_frame_shows_the_thread_as_readers_see_it(client):
    frame(client)
    article = Article.objects.get()
    services.post_comment(author=UserFactory(display_name="Ada"), article=article, text="Thanks, useful.")
    services.post_comment(author=UserFactory(), article=article, text=LABELLED)
    services.post_comment(author=UserFactory(), article=article, text=HELD)
    body = frame(client).content.decode()
    assert "2 comments" in body and 'id="comment-1"' in body and "Ada" in body
    assert "Unverified health claim" in body and "lithium" not in body


@pytest.mark.parametrize("url", ["https://elsewhere.example.com/a", "http://news.example.org/a",
                                 "https://news.example.org.evil.example/a", "javascript:alert(1)//news.example.org",
                                 "news.example.org/a", "", f"{SITE}/{'a' * 600}"])
def test_a_page_not_on_a_listed_site_is_a_400_not_framable_and_makes_nothing(client, url):
    for path in ("api:embed", "api:embed_open"):
        answer = client.get(f"{reverse(path)}?{urlencode({'url': url})}")
        assert answer.status_code == 400 and answer["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in answer["Content-Security-Policy"]
    assert not Article.objects.exists()


def test_without_javascript_the_link_opens_the_thread_on_the_forum(client):
    answer = client.get(f"{reverse('api:embed_open')}?{urlencode({'url': PAGE, 'title': 'Gut health'})}")
    assert answer.status_code == 302 and answer["Location"] == Article.objects.get().get_absolute_url()


def test_new_pages_are_limited_per_address_but_known_ones_still_show(client, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "embed": "2/h"}
    assert [frame(client, f"{SITE}/{n}").status_code for n in range(3)] == [200, 200, 429]
    assert Article.objects.count() == 2 and frame(client, f"{SITE}/0").status_code == 200


def test_a_long_thread_pages_inside_the_frame(client, settings):
    settings.FORUM_COMMENTS_PER_PAGE = 2
    frame(client)
    article = Article.objects.get()
    for text in ("One.", "Two.", "Three."):
        services.post_comment(author=UserFactory(), article=article, text=text)
    first = frame(client).content.decode()
    assert f"{reverse('api:embed')}?{urlencode({'url': PAGE, 'page': 2})}".replace("&", "&amp;") in first
    second = frame(client, page=2).content.decode()
    assert 'id="comment-3"' in second and 'id="comment-1"' not in second
    assert frame(client, page="x").status_code == 400 and frame(client, page=9).status_code == 404


def test_a_page_that_gives_no_title_is_named_by_its_address(client):
    frame(client, title="")
    frame(client, f"{SITE}/", title=" ")
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Gut health", "news.example.org"]


def test_the_page_address_keeps_its_query_and_drops_its_fragment():
    assert embed.page_address(" https://News.Example.org/a?b=1#c ") == "https://news.example.org/a?b=1"
    assert embed.page_address("https://news.example.org") == "https://news.example.org/"


SIGN_IN = f"/api/embed/sign-in/?{urlencode({'origin': SITE})}"


def frame_token_of(page) -> str:
    text = page.content.decode()
    start = text.index('data-frame-token="') + len('data-frame-token="')
    return text[start:text.index('"', start)]


def write(token, article, text="Fibre helped me, slowly."):
    return Client().post(f"/api/v1/articles/{article.slug}/comments", {"text": text}, content_type="application/json",
                         headers={"Authorization": f"Bearer {token}"})


def test_the_sign_in_window_signs_in_asks_and_hands_the_frame_a_token(client):
    member = UserFactory(display_name="Ada")
    page = client.get(SIGN_IN)
    assert page.status_code == 200 and "Sign in to comment on news.example.org" in page.content.decode()
    # Every answer in the window keeps it joined to the frame that opened it.
    assert page["Cross-Origin-Opener-Policy"] == "unsafe-none" and page["Cache-Control"].startswith("max-age=0")
    signed = client.post(SIGN_IN, {"login": member.email, "password": "correct horse battery"})
    assert signed.status_code == 302 and signed["Location"] == SIGN_IN
    assert signed["Cross-Origin-Opener-Policy"] == "unsafe-none"
    asked = client.get(SIGN_IN)
    assert "Comment as Ada" in asked.content.decode() and "data-frame-token" not in asked.content.decode()
    handed = client.post(SIGN_IN)
    assert handed["Cross-Origin-Opener-Policy"] == "unsafe-none"
    frame(client)
    article = Article.objects.get()
    answer = write(frame_token_of(handed), article)
    assert answer.status_code == 201 and article.comments.get().author == member


def test_the_sign_in_window_is_for_listed_sites_and_a_token_is_given_only_with_the_pages_csrf(member):
    assert Client().get("/api/embed/sign-in/?origin=https://elsewhere.example.com").status_code == 400
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    assert browser.post(SIGN_IN).status_code == 403


def test_a_forged_expired_or_outdated_frame_token_writes_nothing(client, member, monkeypatch, settings):
    frame(client)
    article = Article.objects.get()
    token = embed.frame_token(member)
    assert write(token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1], article).status_code == 401
    assert write(embed.FRAME_TOKEN + "eyJtIjoxfQ:1vQ:forged", article).status_code == 401
    later = time.time() + settings.FORUM_EMBED_SIGN_IN_HOURS * 3600 + 5
    with monkeypatch.context() as travel:
        travel.setattr(signing.time, "time", lambda: later)
        assert write(token, article).status_code == 401
    member.set_password("a new password entirely")
    member.save()
    assert write(token, article).status_code == 401
    assert not article.comments.exists()
    assert write(embed.frame_token(member), article).status_code == 201


def test_development_has_a_publishers_page_that_embeds_a_thread_and_signs_its_reader_in(client, settings):
    assert client.get("/api/dev/publisher/").status_code == 404  # not in production
    settings.DEBUG, settings.DEMO_PUBLISHER, settings.SITE_URL = True, "http://localhost:8000", "http://127.0.0.1:8000"
    settings.FORUM_EMBED_ORIGINS = ["http://localhost:8000"]
    settings.FORUM_EMBED_SSO = {"http://localhost:8000": {"algorithm": "HS256", "key": "k" * 64}}
    settings.FORUM_EMBED_SSO_AUDIENCE = "http://127.0.0.1:8000"
    page = client.get("/api/dev/publisher/?reader=sam")
    body = page.content.decode()
    assert '<script src="http://127.0.0.1:8000/static/api/embed.js" async>' in body
    assert "script-src http://127.0.0.1:8000" in page["Content-Security-Policy"]
    token = body.split('data-sso-token="')[1].split('"')[0]
    signed = client.post("/api/v1/embed/sign-in", {"origin": "http://localhost:8000", "token": token},
                         content_type="application/json")
    assert signed.status_code == 200 and signed.json()["name"] == "Sam (publisher)"
    assert 'data-sso-token=""' in client.get("/api/dev/publisher/").content.decode()

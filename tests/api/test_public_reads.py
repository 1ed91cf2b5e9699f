"""The API's public reads show what a reader without an account sees on the pages, no more."""

import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone
from openapi_spec_validator import validate

from forum import services
from forum.models import Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi-v1.json"


def test_articles_are_those_readers_can_open_newest_first(client, category):
    older = ArticleFactory(category=category, title="Older", published_at=timezone.now() - timezone.timedelta(days=3))
    newer = ArticleFactory(category=category, title="Newer")
    ArticleFactory(category=category, title="Tomorrow", published_at=timezone.now() + timezone.timedelta(days=1))
    services.start_discussion(author=UserFactory(), category=category, title="Held opening",
                              text="Stop taking your insulin, cinnamon cures diabetes.")
    answer = client.get("/api/v1/articles")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/json")
    data = answer.json()
    assert [item["title"] for item in data["items"]] == ["Newer", "Older"]
    assert data["count"] == 2 and data["next"] is None
    assert data["items"][0]["url"] == f"http://testserver{newer.get_absolute_url()}"
    assert data["items"][1]["comments"] == f"http://testserver/api/v1/articles/{older.slug}/comments"


def test_articles_are_paged_with_a_link_to_the_next(client, category):
    for n in range(23):
        ArticleFactory(category=category, published_at=timezone.now() - timezone.timedelta(hours=n))
    first = client.get("/api/v1/articles").json()
    assert (first["pages"], len(first["items"]), first["next"]) == (2, 20, "http://testserver/api/v1/articles?page=2")
    second = client.get(first["next"]).json()
    assert len(second["items"]) == 3 and second["next"] is None
    for page in (0, 3, 10**20):
        answer = client.get(f"/api/v1/articles?page={page}")
        assert (answer.status_code, answer.json()) == (404, {"detail": "No such page of articles."})


@pytest.mark.parametrize("address", ["/api/v1/articles?page=abc", "/api/v1/articles/x/comments?page=1.5",
                                     "/api/v1/search?q=zinc&page="])
def test_bad_parameters_are_a_400_that_says_which(client, db, address):
    answer = client.get(address)
    assert answer.status_code == 400
    assert answer.json()["detail"].startswith("Not a valid value: page")


def test_an_article_is_read_with_its_sanitised_body(client, article):
    data = client.get(f"/api/v1/articles/{article.slug}").json()
    assert data["title"] == "Glutamate and Pain" and data["body_html"] == article.body_html
    assert (data["kind"], data["comments_open"], data["comment_pages"]) == ("article", True, 1)


def test_hidden_articles_are_not_found_even_for_the_member_who_may_see_them(client, category):
    author = UserFactory()
    discussion = services.start_discussion(author=author, category=category, title="Held opening",
                                           text="Stop taking your insulin, cinnamon cures diabetes.").article
    assert Comment.objects.get(article=discussion, number=1).is_held
    future = ArticleFactory(category=category, published_at=timezone.now() + timezone.timedelta(days=1))
    client.force_login(author)
    assert client.get(discussion.get_absolute_url()).status_code == 200  # on the page, its author sees it
    for slug in (discussion.slug, future.slug, "no-such-article"):
        for address in (f"/api/v1/articles/{slug}", f"/api/v1/articles/{slug}/comments"):
            answer = client.get(address)
            assert (answer.status_code, answer.json()) == (404, {"detail": "No such article."})


def test_a_thread_reads_as_the_page_shows_it_to_readers(client, article):
    first = CommentFactory(article=article, body="Pacing helped my fog.")
    reply = CommentFactory(article=article, parent=first, body="Same here.")
    labelled = CommentFactory(article=article, body="Magnesium cures fibromyalgia.", is_labelled=True,
                              label_note="No trial shows a cure.", label_source_url="https://www.nhs.uk/")
    held = CommentFactory(article=article, body="Stop your meds, my secret mix cures it.", status=Comment.Status.HELD)
    CommentFactory(article=article, parent=held, body="What mix?")
    CommentFactory(article=article, body="Lonely held claim.", status=Comment.Status.HELD)
    removed = CommentFactory(article=article, body="Removed words.", status=Comment.Status.REMOVED)
    CommentFactory(article=article, parent=removed, body="An answer to it.")
    data = client.get(f"/api/v1/articles/{article.slug}/comments").json()
    by_number = {comment["number"]: comment for comment in data["comments"]}
    assert list(by_number) == [1, 2, 3, 4, 5, 7, 8]  # thread order; the held comment without replies left out
    assert by_number[reply.number]["parent"] == first.number and by_number[reply.number]["level"] == 2
    assert by_number[first.number]["author"] == first.author.display_name
    assert by_number[first.number]["body_html"] == first.body_html
    assert by_number[first.number]["url"] == f"http://testserver/articles/{article.slug}/comments/1/"
    assert by_number[labelled.number]["label"] == {
        "text": "Unverified health claim: not reviewed by a medical professional.",
        "note": "No trial shows a cure.", "source_url": "https://www.nhs.uk/"}
    assert by_number[first.number]["label"] is None
    for gone, state in ((held, "held"), (removed, "removed")):
        shown = by_number[gone.number]
        assert (shown["state"], shown["author"], shown["body_html"], shown["label"]) == (state, None, None, None)
        assert shown["notice"]
    assert "secret mix" not in json.dumps(data) and "Removed words" not in json.dumps(data)
    assert data["comment_count"] == 5 and (data["page"], data["pages"], data["next"]) == (1, 1, None)


def test_a_long_thread_is_read_a_page_at_a_time_with_its_numbers(client, article, settings):
    settings.FORUM_COMMENTS_PER_PAGE = 4
    root = CommentFactory(article=article)
    parent = root
    for _ in range(5):
        parent = CommentFactory(article=article, parent=parent)  # one thread of six: 1 < 2 < ... < 6
    first = client.get(f"/api/v1/articles/{article.slug}/comments").json()
    assert [c["number"] for c in first["comments"]] == [1, 2, 3, 4]
    assert first["next"] == f"http://testserver/api/v1/articles/{article.slug}/comments?page=2"
    second = client.get(first["next"]).json()
    # Headed by the comments it hangs from, marked as continued, then the page's own.
    assert [(c["number"], c["continued"]) for c in second["comments"]] == [
        (1, True), (2, True), (3, True), (4, True), (5, False), (6, False)]
    assert second["comments"][4]["parent"] == 4
    # A heading says who wrote it and its state, as the page's does, and leaves its text to its page.
    heading = second["comments"][0]
    assert (heading["author"], heading["state"], heading["body_html"]) == (root.display_name, "published", None)
    Comment.objects.filter(pk=root.pk).update(status=Comment.Status.REMOVED)
    cache.clear()
    heading = client.get(first["next"]).json()["comments"][0]
    assert (heading["author"], heading["state"], heading["continued"]) == (None, "removed", True)
    assert heading["notice"] == "This comment was removed by a moderator."
    assert client.get(f"/api/v1/articles/{article.slug}/comments?page=3").status_code == 404


def test_a_discussions_opening_post_comes_apart(client, category):
    discussion = services.start_discussion(author=UserFactory(), category=category, title="Pacing questions",
                                           text="How do you pace a bad week?").article
    CommentFactory(article=discussion, body="Shorter tasks.")
    data = client.get(f"/api/v1/articles/{discussion.slug}/comments").json()
    assert data["article"]["kind"] == "discussion"
    assert data["opening_post"]["number"] == 1 and "pace a bad week" in data["opening_post"]["body_html"]
    assert [c["number"] for c in data["comments"]] == [2]


def test_search_finds_what_the_search_page_finds(client, article):
    CommentFactory(article=article, body="A zinc remark that readers see.")
    CommentFactory(article=article, body="A held zinc remark.", status=Comment.Status.HELD)
    CommentFactory(article=article, body="Zinc cures colds.", is_labelled=True)
    data = client.get("/api/v1/search", {"q": "zinc"}).json()
    assert data["count"] == 2 and len(data["items"]) == 2
    texts = ["".join(segment["text"] for segment in item["snippet"]) for item in data["items"]]
    assert not any("held" in text for text in texts)
    assert any(segment["match"] for segment in data["items"][0]["snippet"])
    labels = {"".join(s["text"] for s in item["snippet"]): item["label"] for item in data["items"]}
    assert labels["Zinc cures colds."]["text"].startswith("Unverified health claim")
    assert client.get("/api/v1/search").json()["count"] == 0


def test_search_is_limited_per_address_as_the_page_is(client, article, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "search": "2/m"}
    assert [client.get("/api/v1/search", {"q": "zinc"}).status_code for _ in range(2)] == [200, 200]
    refused = client.get("/api/v1/search", {"q": "zinc"})
    page = client.get("/search/", {"q": "zinc"})
    assert refused.status_code == page.status_code == 429
    assert refused.json() == {"detail": "You have searched a lot in a short time. Please wait a minute."}


def test_head_is_answered_wherever_get_is(client, article):
    for address in ("/api/v1/articles", f"/api/v1/articles/{article.slug}",
                    f"/api/v1/articles/{article.slug}/comments", "/api/v1/search?q=zinc"):
        assert client.head(address).status_code == 200, address
    assert client.head("/api/v1/articles/no-such-article").status_code == 404


def test_nothing_is_written_through_the_public_reads(client, article):
    for method in ("put", "patch", "delete"):
        answer = getattr(client, method)(f"/api/v1/articles/{article.slug}/comments", data={"text": "Hello"})
        assert answer.status_code == 405
    # Posting is a member's (tests/api/test_writing.py): without a session, a 401.
    assert client.post(f"/api/v1/articles/{article.slug}/comments", data={"text": "Hello"},
                       content_type="application/json").status_code == 401
    assert not Comment.objects.exists()


def test_the_served_schema_is_the_documented_one_and_valid_openapi(client, db):
    served = client.get("/api/v1/openapi.json").json()
    validate(served)
    assert served == json.loads(SCHEMA_FILE.read_text(encoding="utf-8")), (
        "The API changed: write docs/api/openapi-v1.json again (manage.py api_schema).")
    assert set(served["paths"]) == {"/api/v1/articles", "/api/v1/articles/{slug}",
                                    "/api/v1/articles/{slug}/comments", "/api/v1/articles/{slug}/comments/{number}",
                                    "/api/v1/articles/{slug}/comments/{number}/report",
                                    "/api/v1/drafts/check", "/api/v1/embed/sign-in", "/api/v1/search", "/api/v1/screen",
                                    "/api/v1/queue",
                                    "/api/v1/cases/{case_id}", "/api/v1/cases/{case_id}/decision",
                                    "/api/v1/appeals/{appeal_id}/decision",
                                    "/api/v1/coral/{phase}/moderate"}

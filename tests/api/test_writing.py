"""Members writing through the API: the same services, screening, limits and refusals as the forms."""

import pytest
from django.test import Client
from django.utils import timezone

from forum.models import Comment
from moderation import services as moderation
from moderation.models import Report
from tests.factories import ArticleFactory, CommentFactory

MEDICATION = "Stop taking your lithium, fish oil does the same job."
CLAIM = "Honestly, <b>pregabalinex</b> tea cures nerve pain."


def signed_in(user, article) -> Client:
    """A member's browser: signed in, with the CSRF cookie an article page sets, checked as a browser's is."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(article.get_absolute_url())
    assert "csrftoken" in client.cookies
    return client


@pytest.fixture
def api_client(member, article):
    return signed_in(member, article)


def send(client, method, path, data=None):
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else ""
    return getattr(client, method)(f"/api/v1{path}", data, content_type="application/json",
                                   headers={"X-CSRFToken": token})


def test_a_member_posts_and_replies_as_the_form_does(api_client, member, article):
    answer = send(api_client, "post", f"/articles/{article.slug}/comments", {"text": "Thanks, <b>clear</b>."})
    assert answer.status_code == 201
    first = answer.json()
    assert (first["number"], first["state"], first["labelled"], first["reasons"]) == (1, "published", False, [])
    assert first["body_html"] == "<p>Thanks, <b>clear</b>.</p>"
    assert first["url"] == f"http://testserver/articles/{article.slug}/comments/1/"
    reply = send(api_client, "post", f"/articles/{article.slug}/comments", {"text": "And me.", "parent": 1}).json()
    stored = Comment.objects.get(article=article, number=reply["number"])
    assert stored.parent.number == 1 and stored.author == member


def test_a_claim_gets_the_note_first_and_is_posted_once_confirmed(api_client, article):
    path = f"/articles/{article.slug}/comments"
    answer = send(api_client, "post", path, {"text": CLAIM})
    assert answer.status_code == 409 and answer.json()["note"]["claim"] is True
    assert "confirmed" in answer.json()["detail"] and not Comment.objects.exists()
    posted = send(api_client, "post", path, {"text": CLAIM, "confirmed": True}).json()
    assert posted["labelled"] is True and posted["state"] == "published"


def test_a_medication_change_is_held_and_seen_by_its_author_alone(api_client, article, client):
    posted = send(api_client, "post", f"/articles/{article.slug}/comments", {"text": MEDICATION, "confirmed": True})
    assert posted.status_code == 201 and posted.json()["state"] == "held"
    assert any(reason.startswith("It tells readers to change a medication") for reason in posted.json()["reasons"])
    public = client.get(f"/api/v1/articles/{article.slug}/comments").json()
    assert public["comments"] == [] and "lithium" not in str(public)


def test_a_retry_with_the_same_submission_id_posts_once(api_client, article):
    body = {"text": "Posted over a flaky connection.", "submission": "a1b2c3d4"}
    first = send(api_client, "post", f"/articles/{article.slug}/comments", body).json()
    again = send(api_client, "post", f"/articles/{article.slug}/comments", body).json()
    assert first["number"] == again["number"] and Comment.objects.count() == 1


def test_a_member_edits_and_deletes_their_own_comment(api_client, member, article):
    send(api_client, "post", f"/articles/{article.slug}/comments", {"text": "First thoughts."})
    edited = send(api_client, "patch", f"/articles/{article.slug}/comments/1", {"text": "Second thoughts."})
    assert edited.status_code == 200 and edited.json()["body_html"] == "<p>Second thoughts.</p>"
    assert edited.json()["edited_at"] is not None
    assert send(api_client, "delete", f"/articles/{article.slug}/comments/1").status_code == 204
    assert Comment.objects.get().status == "deleted"


def test_someone_elses_comment_cannot_be_changed(api_client, article):
    CommentFactory(article=article, body="Not yours.")
    for method, data in (("patch", {"text": "Mine now."}), ("delete", None)):
        answer = send(api_client, method, f"/articles/{article.slug}/comments/1", data)
        assert answer.status_code == 403 and answer.json()["detail"] == "You can only change your own comments."
    assert Comment.objects.get().body == "Not yours."


def test_past_the_edit_window_an_edit_is_refused(api_client, member, article, settings):
    comment = CommentFactory(article=article, author=member, body="Old.")
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timezone.timedelta(days=1))
    answer = send(api_client, "patch", f"/articles/{article.slug}/comments/1", {"text": "New."})
    assert answer.status_code == 403 and "can be edited for" in answer.json()["detail"]


def test_a_draft_check_gives_the_note_and_stores_nothing(api_client, article):
    answer = send(api_client, "post", "/drafts/check", {"text": CLAIM})
    assert answer.status_code == 200 and answer.json()["note"]["outcome"] == "label"
    assert send(api_client, "post", "/drafts/check", {"text": "Thanks, a <b>clear</b> summary."}).json() == {
        "note": None, "cites_source": False, "preview_html": "<p>Thanks, a <b>clear</b> summary.</p>"}
    assert not Comment.objects.exists()


def test_without_a_session_writing_is_a_401_that_says_to_sign_in(client, article):
    answer = client.post(f"/api/v1/articles/{article.slug}/comments", {"text": "Hello"},
                         content_type="application/json")
    assert answer.status_code == 401 and answer.json()["detail"] == "Sign in to leave a comment."
    assert not Comment.objects.exists()


def test_a_session_without_the_csrf_token_is_refused(api_client, article):
    answer = api_client.post(f"/api/v1/articles/{article.slug}/comments", {"text": "Forged from elsewhere"},
                             content_type="application/json")
    assert answer.status_code == 403 and "X-CSRFToken" in answer.json()["detail"]
    assert not Comment.objects.exists()


def test_a_suspended_member_cannot_post_or_edit(api_client, member, article, moderator):
    send(api_client, "post", f"/articles/{article.slug}/comments", {"text": "Before."})
    moderation.suspend_member(member=member, moderator=moderator, days=3, reason="Repeated advice.")
    for method, path, data in (("post", f"/articles/{article.slug}/comments", {"text": "During."}),
                               ("patch", f"/articles/{article.slug}/comments/1", {"text": "During."})):
        answer = send(api_client, method, path, data)
        assert answer.status_code == 403 and "suspended" in answer.json()["detail"]
    assert Comment.objects.get().body == "Before."


def test_an_unverified_member_is_told_to_verify(article, unverified_member):
    client = signed_in(unverified_member, article)
    answer = send(client, "post", f"/articles/{article.slug}/comments", {"text": "Hello"})
    assert answer.status_code == 403 and "Confirm your e-mail address" in answer.json()["detail"]


@pytest.mark.parametrize("body, status, words", [
    ({"text": ""}, 400, "required"),
    ({"text": "x" * 10_001}, 400, "the limit is 10,000"),
    ({"text": "nul\x00here"}, 400, "control characters"),
    ({"text": "Hello", "parent": 99}, 404, "No such comment."),
    ({"text": 5}, 400, "Not a valid value: text."),
    ({}, 400, "Not a valid value: text."),
])
def test_bad_input_is_a_clear_4xx_and_nothing_is_stored(api_client, article, settings, body, status, words):
    settings.FORUM_COMMENT_MAX_LENGTH = 10_000
    answer = send(api_client, "post", f"/articles/{article.slug}/comments", body)
    assert answer.status_code == status and words in answer.json()["detail"]
    assert not Comment.objects.exists()


def test_an_unknown_article_or_one_not_yet_published_is_a_404(api_client, category):
    later = ArticleFactory(category=category, published_at=timezone.now() + timezone.timedelta(days=1))
    for slug in ("no-such-article", later.slug):
        answer = send(api_client, "post", f"/articles/{slug}/comments", {"text": "Hello"})
        assert answer.status_code == 404, slug
    assert not Comment.objects.exists()


def test_posting_is_rate_limited_as_the_form_is(api_client, article, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "post": "2/h"}
    for number in range(2):
        answer = send(api_client, "post", f"/articles/{article.slug}/comments", {"text": f"Note {number}"})
        assert answer.status_code == 201
    answer = send(api_client, "post", f"/articles/{article.slug}/comments", {"text": "One too many"})
    assert answer.status_code == 429 and Comment.objects.count() == 2


def test_other_members_see_the_posted_comment_in_the_public_reads(api_client, article):
    send(api_client, "post", f"/articles/{article.slug}/comments", {"text": "Visible to all."})
    public = Client().get(f"/api/v1/articles/{article.slug}/comments").json()
    assert [c["body_html"] for c in public["comments"]] == ["<p>Visible to all.</p>"]


def test_a_member_reports_another_members_comment_once(api_client, article):
    CommentFactory(article=article, body="Graviola shrinks tumours.")
    path = f"/articles/{article.slug}/comments/1/report"
    answer = send(api_client, "post", path, {"reason": "misinformation", "note": "No source."})
    assert answer.status_code == 201 and "comment (1)" in answer.json()["detail"]
    report = Report.objects.get()
    assert (report.reason, report.note) == ("misinformation", "No source.")
    again = send(api_client, "post", path, {"reason": "spam"})
    assert again.status_code == 400 and "already reported" in again.json()["detail"]
    assert Report.objects.count() == 1


@pytest.mark.parametrize("body, status, words", [
    ({"reason": "boring"}, 400, "Choose why"),
    ({"reason": "spam", "note": "x" * 501}, 400, "note"),
])
def test_a_bad_report_is_a_400_and_stores_nothing(api_client, article, body, status, words):
    CommentFactory(article=article, body="Words.")
    answer = send(api_client, "post", f"/articles/{article.slug}/comments/1/report", body)
    assert answer.status_code == status and words in answer.json()["detail"] and not Report.objects.exists()


def test_ones_own_a_hidden_or_no_comment_cannot_be_reported(api_client, member, article, client):
    CommentFactory(article=article, author=member, body="Mine.")
    own = send(api_client, "post", f"/articles/{article.slug}/comments/1/report", {"reason": "spam"})
    assert own.status_code == 400 and "your own" in own.json()["detail"]
    CommentFactory(article=article, body="Hidden.", status=Comment.Status.HELD)
    for number in (2, 99):
        assert send(api_client, "post", f"/articles/{article.slug}/comments/{number}/report",
                    {"reason": "spam"}).status_code == 404
    assert client.post(f"/api/v1/articles/{article.slug}/comments/1/report", {"reason": "spam"},
                       content_type="application/json").status_code == 401
    assert not Report.objects.exists()

"""The note while writing: what screening would make of a draft, shown before posting, and the
counts of what followed. Drafts are never stored."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from forum import services
from forum.models import Comment
from moderation import services as moderation_services
from moderation.models import Case, Nudge
from tests.factories import CommentFactory

CLAIM = "Magnesium prevents fibromyalgia flares. Everyone should take it every day."
SOURCED = CLAIM + " https://pubmed.ncbi.nlm.nih.gov/12345678/"
PLAIN = "Thank you for the summary; I will read the paper this weekend."
CRISIS = "I can't go on like this, I want to end my life."
TOKEN = "0123456789abcdef0123456789abcdef"


def check(client, text, form="comment", token=TOKEN, **extra):
    return client.post(reverse("forum:check_draft"), {"text": text, "form": form, "nudge": token, **extra})


def test_a_claim_gets_a_note_with_the_spans_why_and_what_posting_does(member_client):
    response = check(member_client, CLAIM)
    assert response.status_code == 200
    note = response.json()["note"]
    assert note["claim"] is True and note["crisis"] is False
    marked = [part["text"] for part in note["preview"] if part["why"]]
    assert any("prevents fibromyalgia" in text for text in marked)
    assert "".join(part["text"] for part in note["preview"]) == CLAIM  # the writer's own text, whole
    assert any("causes, prevents or cures" in reason for reason in note["reasons"])
    assert note["outcome"] == "label"  # a member in good standing: labelled, not held
    assert note["if_posted"] == "it is then published with the “Unverified health claim” label."
    assert note["cites_source"] is False


def test_a_dose_directive_reads_as_a_directive_about_medication_and_would_be_held(member_client):
    note = check(member_client, "Double your dose of sertraline if the pain comes back.").json()["note"]
    assert note["claim"] and note["outcome"] == "hold"
    assert any("dose" in reason or "medication" in reason for reason in note["reasons"])


def test_the_preview_is_exactly_what_posting_stores(member_client, member, article):
    text = 'Try <b>pacing</b> <script>alert(1)</script><a href="javascript:x()">here</a>.\n\nSecond <i>part</i>.'
    preview = check(member_client, text).json()["preview_html"]
    assert "<b>pacing</b>" in preview and "<script" not in preview and "javascript:" not in preview
    assert not Comment.objects.exists()
    assert services.post_comment(author=member, article=article, text=text).body_html == preview


def test_plain_text_gets_no_note_and_nothing_is_counted(member_client):
    assert check(member_client, PLAIN).json() == {"note": None, "cites_source": False,
                                                  "preview_html": f"<p>{PLAIN}</p>"}
    assert not Nudge.objects.exists()


def test_crisis_language_brings_the_crisis_resources_at_once(member_client, settings):
    response = check(member_client, CRISIS)
    note = response.json()["note"]
    assert note["crisis"] is True
    assert note["crisis_message"] == settings.MODERATION_CRISIS_MESSAGE
    # Nothing is stored yet, so nothing may promise that a moderator will read it.
    assert "moderator will read" not in response.content.decode()


@pytest.mark.parametrize("text", [CRISIS, CRISIS + " " + CLAIM])
def test_crisis_text_is_stored_on_the_first_submit_never_parked_at_the_confirm_step(
        member_client, member, article, category, text):
    token = page_token(member_client.get(article.get_absolute_url()))
    response = member_client.post(article.get_comments_url(), {"text": text, "nudge": token})
    assert response.status_code == 302
    comment = Comment.objects.get(article=article)
    assert comment.is_held
    case = Case.objects.get(object_id=comment.pk)
    assert case.is_crisis
    landing = member_client.get(response["Location"])
    assertContains(landing, 'class="outcome__crisis" role="alert"')
    assertContains(landing, "a moderator will read your post")

    edit = reverse("forum:edit_comment", args=[CommentFactory(article=article, author=member, body=PLAIN).pk])
    token = page_token(member_client.get(edit))
    assert member_client.post(edit, {"text": text + " Again tonight.", "nudge": token}).status_code == 302

    new = reverse("forum:new_discussion", args=[category.slug])
    token = page_token(member_client.get(new))
    assert member_client.post(new, {"title": "Tonight", "text": text + " Still.", "nudge": token}).status_code == 302
    assert Comment.objects.filter(article__kind="discussion", status=Comment.Status.HELD).count() == 1


def test_checking_stores_no_text_and_counts_one_note_per_writing_session(member_client):
    check(member_client, CLAIM)
    check(member_client, CLAIM + " Really.")
    nudge = Nudge.objects.get()
    assert nudge.times_shown == 2 and nudge.form == "comment"
    stored = " ".join(str(value) for value in Nudge.objects.values().get().values())
    assert "Magnesium" not in stored and "fibromyalgia flares" not in stored
    assert not Comment.objects.exists()


def test_the_check_is_for_signed_in_members_only(client, db):
    response = check(client, CLAIM)
    assert response.status_code == 403
    assert not Nudge.objects.exists()


def test_the_check_needs_the_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert check(client, CLAIM).status_code == 403


def test_the_check_is_rate_limited_per_member(member_client, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "check": "3/m"}
    statuses = [check(member_client, PLAIN).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "posting still works" in check(member_client, PLAIN).json()["error"]


@pytest.mark.parametrize("data, message", [
    ({"text": "", "form": "comment"}, "Nothing to check"),
    ({"text": CLAIM, "form": "letter"}, "valid choice"),
    ({"text": "x" * 20_001, "form": "comment"}, "is 20,001 characters long; the limit is"),
])
def test_bad_drafts_are_refused_with_400(member_client, data, message, settings):
    settings.FORUM_COMMENT_MAX_LENGTH = 20_000
    response = member_client.post(reverse("forum:check_draft"), data)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_only_post_is_allowed(member_client):
    assert member_client.get(reverse("forum:check_draft")).status_code == 405


def page_token(response) -> str:
    return re.search(rb'name="nudge" value="([0-9a-f]{32})"', response.content).group(1).decode()


def test_the_form_carries_a_fresh_token_and_the_note_box(member_client, article):
    first, second = member_client.get(article.get_absolute_url()), member_client.get(article.get_absolute_url())
    assert page_token(first) != page_token(second)
    assertContains(first, f'data-check="{reverse("forum:check_draft")}"')
    assertContains(first, "forum/nudge.js")


def test_without_javascript_a_claim_is_shown_back_with_the_note_before_it_is_posted(member_client, article):
    token = page_token(member_client.get(article.get_absolute_url()))
    response = member_client.post(article.get_comments_url(), {"text": CLAIM, "nudge": token})
    assert response.status_code == 200
    assert not Comment.objects.exists()
    assertContains(response, "Before you post: part of this reads as a health claim.")
    assertContains(response, "<mark title=")
    assertContains(response, "prevents fibromyalgia")
    assertContains(response, 'name="confirmed" value="1"')  # post it as it is
    assertContains(response, CLAIM)  # the text is kept in the box
    assert Nudge.objects.get(token=token).followed == ""

    response = member_client.post(article.get_comments_url(), {"text": CLAIM, "nudge": token, "confirmed": "1"})
    assert response.status_code == 302
    comment = Comment.objects.get()
    nudge = Nudge.objects.get(token=token)
    assert nudge.followed == Nudge.Followed.UNCHANGED
    assert nudge.result == (Nudge.Result.HELD if comment.is_held else Nudge.Result.LABELLED)


def test_adding_a_source_after_the_note_is_counted_as_such(member_client, article):
    token = page_token(member_client.get(article.get_absolute_url()))
    member_client.post(article.get_comments_url(), {"text": CLAIM, "nudge": token})
    response = member_client.post(article.get_comments_url(), {"text": SOURCED, "nudge": token})
    assert response.status_code in (200, 302)
    if response.status_code == 200:  # still read as a claim, though sourced: posted anyway
        member_client.post(article.get_comments_url(), {"text": SOURCED, "nudge": token, "confirmed": "1"})
    assert Nudge.objects.get(token=token).followed == Nudge.Followed.SOURCE


def test_rewording_after_the_note_is_counted_and_posts_at_once_when_clean(member_client, article):
    token = page_token(member_client.get(article.get_absolute_url()))
    member_client.post(article.get_comments_url(), {"text": CLAIM, "nudge": token})
    response = member_client.post(article.get_comments_url(),
                                  {"text": "In my experience magnesium helped a little with my flares.", "nudge": token})
    assert response.status_code == 302
    nudge = Nudge.objects.get(token=token)
    assert nudge.followed == Nudge.Followed.REWORDED and nudge.result == Nudge.Result.PUBLISHED


def test_a_note_seen_with_javascript_is_not_asked_again(member_client, article):
    check(member_client, CLAIM)
    response = member_client.post(article.get_comments_url(), {"text": CLAIM, "nudge": TOKEN, "confirmed": "1"})
    assert response.status_code == 302
    assert Nudge.objects.get(token=TOKEN).followed == Nudge.Followed.UNCHANGED


def test_plain_text_posts_at_once(member_client, article):
    token = page_token(member_client.get(article.get_absolute_url()))
    assert member_client.post(article.get_comments_url(), {"text": PLAIN, "nudge": token}).status_code == 302
    assert not Nudge.objects.exists()


def test_the_edit_and_new_discussion_forms_show_the_note_too(member_client, member, article, category):
    comment = CommentFactory(article=article, author=member, body=PLAIN)
    edit = reverse("forum:edit_comment", args=[comment.pk])
    token = page_token(member_client.get(edit))
    response = member_client.post(edit, {"text": CLAIM, "nudge": token})
    assertContains(response, "Before you post")
    comment.refresh_from_db()
    assert comment.body == PLAIN
    assert Nudge.objects.get(token=token).form == "edit"

    new = reverse("forum:new_discussion", args=[category.slug])
    token = page_token(member_client.get(new))
    response = member_client.post(new, {"title": "Magnesium", "text": CLAIM, "nudge": token})
    assertContains(response, "Before you post")
    assertContains(response, 'value="Magnesium"')
    assert Nudge.objects.get(token=token).form == "discussion"


def test_a_forged_token_is_ignored_and_the_post_goes_through(member_client, article):
    response = member_client.post(article.get_comments_url(), {"text": CLAIM, "nudge": "<script>"})
    assert response.status_code == 302
    assert not Nudge.objects.exists()


def test_a_reader_never_sees_the_form_or_the_script(client, article):
    response = client.get(article.get_absolute_url())
    assertNotContains(response, "forum/nudge.js")
    assertNotContains(response, 'name="nudge"')


def test_the_statistics_page_counts_notes_and_what_followed_week_by_week(member_client, article, moderator):
    for text in (CLAIM, "In my experience magnesium helped a little."):  # posted unchanged; reworded
        token = page_token(member_client.get(article.get_absolute_url()))
        member_client.post(article.get_comments_url(), {"text": CLAIM, "nudge": token})
        member_client.post(article.get_comments_url(), {"text": text, "nudge": token, "confirmed": "1"})
    check(member_client, CLAIM, token="f" * 32)  # written, never posted
    Nudge.objects.filter(token="f" * 32).update(shown_at=timezone.now() - timedelta(days=2))
    moderators = Client()
    moderators.force_login(moderator)
    page = moderators.get(reverse("moderation:stats"))
    total = re.search(rb"<tfoot><tr><th scope=\"row\">All weeks</th>(.*?)</tr></tfoot>", page.content).group(1)
    cells = re.findall(rb"<td>(.*?)</td>", total)
    assert cells[:5] == [b"3", b"1", b"0", b"1", b"1"]  # shown, unchanged, source added, reworded, not posted
    assert cells[5] == b"50% of 2"  # the claim posted unchanged was labelled or held; the reworded one not


def test_a_sourced_claim_gets_no_note_and_the_check_says_it_cites_a_source(member_client):
    answer = check(member_client, SOURCED).json()
    assert (answer["note"], answer["cites_source"]) == (None, True)


def test_a_post_from_the_form_is_screened_once(member_client, article, monkeypatch):
    """The check before posting and the post itself share one screening of the text."""
    real, calls = moderation_services.screen_text, []

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(moderation_services, "screen_text", counted)
    token = page_token(member_client.get(article.get_absolute_url()))
    assert member_client.post(article.get_comments_url(), {"text": PLAIN, "nudge": token}).status_code == 302
    assert calls == [PLAIN]


def test_the_note_stops_asking_for_a_source_once_one_is_cited(member_client, article):
    cited = "Stop taking your statins, they cause muscle pain: https://pubmed.ncbi.nlm.nih.gov/12345678/"
    note = check(member_client, cited).json()["note"]
    assert note["claim"] and note["cites_source"]
    token = page_token(member_client.get(article.get_absolute_url()))
    response = member_client.post(article.get_comments_url(), {"text": cited, "nudge": token})
    assertContains(response, "Before you post")
    assertContains(response, "It cites a source: thank you.")
    assertNotContains(response, "Add a source:")
    uncited = member_client.post(article.get_comments_url(), {"text": CLAIM, "nudge": token})
    assertContains(uncited, "Add a source:")

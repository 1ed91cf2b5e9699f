"""The one call a form makes to write: the note first, or the post, in one transaction."""

import pytest

from forum import services
from forum.models import Comment
from moderation import services as moderation_services
from moderation.models import Nudge

CLAIM = "Magnesium prevents fibromyalgia flares. Everyone should take it every day."
TOKEN = "0123456789abcdef0123456789abcdef"

pytestmark = pytest.mark.django_db


def counting(monkeypatch, name: str) -> list:
    real, calls = getattr(moderation_services, name), []

    def counted(*args, **kwargs):
        calls.append(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(moderation_services, name, counted)
    return calls


def test_a_claim_not_yet_seen_gets_the_note_and_nothing_is_stored_but_its_count(member, article):
    submitted = services.submit_comment(author=member, article=article, text=CLAIM, nudge_token=TOKEN)
    assert submitted.comment is None and submitted.note.claim and submitted.note.outcome == "label"
    assert not Comment.objects.exists()
    assert Nudge.objects.get(token=TOKEN).times_shown == 1


def test_posting_it_anyway_stores_it_and_settles_the_note(member, article):
    services.submit_comment(author=member, article=article, text=CLAIM, nudge_token=TOKEN)
    submitted = services.submit_comment(author=member, article=article, text=CLAIM, nudge_token=TOKEN,
                                        confirmed=True)
    assert submitted.note is None and submitted.comment.is_labelled
    nudge = Nudge.objects.get(token=TOKEN)
    assert (nudge.followed, nudge.result) == (Nudge.Followed.UNCHANGED, Nudge.Result.LABELLED)


@pytest.mark.parametrize("confirmed", [False, True])
def test_a_post_is_screened_once_and_its_author_weighed_once(member, article, monkeypatch, confirmed):
    screened, weighed = counting(monkeypatch, "screen_text"), counting(monkeypatch, "review_action")
    services.submit_comment(author=member, article=article, text=CLAIM, nudge_token=TOKEN, confirmed=confirmed)
    assert screened == ["screen_text"] and weighed == ["review_action"]


def test_when_the_note_bookkeeping_fails_the_post_is_not_stored_either(member, article, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the nudge table is gone")

    monkeypatch.setattr(moderation_services, "settle", broken)
    with pytest.raises(RuntimeError):
        services.submit_comment(author=member, article=article, text=CLAIM, nudge_token=TOKEN, confirmed=True)
    article.refresh_from_db()
    assert not Comment.objects.exists() and article.last_comment_number == 0


def test_an_edit_and_a_discussion_take_the_same_path(member, article, category):
    comment = services.post_comment(author=member, article=article, text="Thanks for this.")
    edited = services.submit_edit(author=member, comment=comment, text=CLAIM, nudge_token=TOKEN)
    assert edited.comment is None and edited.note.claim
    comment.refresh_from_db()
    assert comment.body == "Thanks for this."
    started = services.submit_discussion(author=member, category=category, title="Magnesium",
                                         text=CLAIM, nudge_token="f" * 32)
    assert started.comment is None and started.note.claim
    assert not category.articles.filter(kind="discussion").exists()


def test_the_draft_check_is_rate_limited_by_the_service(member, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "check": "1/m"}
    checked = services.check_draft(author=member, text=CLAIM, nudge_token=TOKEN)
    assert checked.note.claim and not checked.cites_source
    with pytest.raises(services.Refused) as refused:
        services.check_draft(author=member, text=CLAIM, nudge_token=TOKEN)
    assert refused.value.status == 429


def test_the_service_itself_refuses_a_suspended_or_unconfirmed_member(member, unverified_member, article, category,
                                                                        moderator):
    """Who may post is asked under the member's lock, so a caller that skips the view's check
    (a script, a later API) cannot post for them either."""
    moderation_services.suspend_member(member=member, moderator=moderator, days=2, reason="A short break.")
    for author, words in ((member, "suspended until"), (unverified_member, "Confirm your e-mail address")):
        with pytest.raises(services.Refused) as refused:
            services.submit_comment(author=author, article=article, text="Still here, still posting.", confirmed=True)
        assert refused.value.status == 403 and words in refused.value.message
        with pytest.raises(services.Refused) as refused:
            services.submit_discussion(author=author, category=category, title="A new thread",
                                       text="Still here, still posting.", confirmed=True)
        assert refused.value.status == 403 and words in refused.value.message
    assert not Comment.objects.filter(author__in=[member, unverified_member]).exists()


def test_the_service_itself_refuses_an_edit_by_a_suspended_member(member, article, moderator):
    comment = services.post_comment(author=member, article=article, text="Pacing helped me.")
    moderation_services.suspend_member(member=member, moderator=moderator, days=2, reason="A short break.")
    with pytest.raises(services.Refused) as refused:
        services.submit_edit(author=member, comment=comment, text="Pacing cures it.", confirmed=True)
    assert refused.value.status == 403 and "suspended until" in refused.value.message
    comment.refresh_from_db()
    assert comment.body == "Pacing helped me."

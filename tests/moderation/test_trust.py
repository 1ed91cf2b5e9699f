"""New accounts are held on their first post; members with a good record get the label where others are held."""

import pytest
from django.utils import timezone

from forum import services as forum
from forum.models import Comment
from moderation import services as moderation
from moderation.models import Case
from tests.factories import ArticleFactory, CommentFactory, UserFactory
from tests.moderation.helpers import CLAIM, post


@pytest.fixture(autouse=True)
def _first_post_hold(settings):
    settings.MODERATION_HOLD_FIRST_POST = True
    settings.MODERATION_TRUSTED_MIN_POSTS = 3


def established(article, posts):
    """A member with published comments elsewhere."""
    member = UserFactory()
    elsewhere = ArticleFactory(category=article.category)
    for _ in range(posts):
        CommentFactory(article=elsewhere, author=member)
    return member


def test_a_new_members_first_post_is_held_for_review(article):
    comment = post(article, text="Thanks, this was helpful.")
    assert comment.is_held
    case = Case.objects.get()
    assert case.reasons.split() == ["new_member"]


def test_once_a_first_post_is_approved_the_next_is_published(article, moderator):
    member = UserFactory()
    first = post(article, author=member, text="Thanks, this was helpful.")
    moderation.decide_case(case=Case.objects.get(), moderator=moderator, action="approve")
    second = post(article, author=member, text="I found the scan explanation clear too.")
    assert Comment.objects.get(pk=first.pk).status == Comment.Status.PUBLISHED
    assert second.status == Comment.Status.PUBLISHED


def test_a_trusted_member_gets_the_label_where_others_are_held(article):
    regular = post(article, author=established(article, 1))
    trusted = post(article, author=established(article, 3), text=CLAIM + " Truly.")
    assert regular.is_held
    assert trusted.status == Comment.Status.PUBLISHED and trusted.is_labelled
    assert Case.objects.filter(object_id=trusted.pk, state=Case.State.OPEN).exists()  # still reviewed


def test_a_recent_rejection_takes_trust_away(article, moderator):
    member = established(article, 3)
    rejected = post(article, author=member, text="Stop taking your insulin, it is poison.")
    moderation.decide_case(case=Case.objects.get(object_id=rejected.pk), moderator=moderator, action="reject",
                           reason="Dangerous advice")
    assert post(article, author=member).is_held


def test_an_old_rejection_does_not(article, moderator):
    member = established(article, 3)
    rejected = post(article, author=member, text="Stop taking your insulin, it is poison.")
    case = moderation.decide_case(case=Case.objects.get(object_id=rejected.pk), moderator=moderator,
                                  action="reject", reason="Dangerous advice")
    Case.objects.filter(pk=case.pk).update(decided_at=timezone.now() - timezone.timedelta(days=91))
    assert post(article, author=member).is_labelled


def test_trust_never_publishes_crisis_language(article):
    comment = post(article, author=established(article, 5), text="I want to end my life, nothing helps.")
    assert comment.is_held


@pytest.mark.parametrize("text, kind", [
    ("Stop taking your medication, it only masks the problem.", "medication_change"),
    ("Halve your metformin and use cinnamon instead.", "dosage"),
    ("Double your dose of pregabalin when the pain flares.", "dosage"),
])
def test_medication_changes_and_doses_are_held_even_for_a_trusted_member(article, text, kind):
    comment = post(article, author=established(article, 5), text=text)
    assert comment.is_held
    assert kind in Case.objects.get(object_id=comment.pk).category_list


def test_which_categories_trust_cannot_lighten_is_a_setting(article, settings):
    settings.MODERATION_HOLD_CATEGORIES = []
    comment = post(article, author=established(article, 5), text="Stop taking your medication, it only masks it.")
    assert comment.status == Comment.Status.PUBLISHED and comment.is_labelled


def test_the_first_post_reason_is_given_to_the_first_post_only(article):
    member = UserFactory()
    first = post(article, author=member, text="Thanks, this was helpful.")
    second = post(article, author=member, text="One more thought on pacing.")
    assert first.is_held and second.is_held
    assert Case.objects.get(object_id=first.pk).reasons.split() == ["new_member"]
    assert Case.objects.get(object_id=second.pk).reasons.split() == ["new_member_waiting"]


def test_editing_a_later_held_post_keeps_its_own_reason(article):
    member = UserFactory()
    post(article, author=member, text="Thanks, this was helpful.")
    second = post(article, author=member, text="One more thought on pacing.")
    forum.edit_comment(author=member, comment=second, text="One more thought on pacing, for me.")
    assert Case.objects.get(object_id=second.pk).reasons.split() == ["new_member_waiting"]

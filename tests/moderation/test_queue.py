"""The review queue: who reaches it, what it lists and in which order, and its fixed queries."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from forum import services
from forum.models import Comment
from moderation.models import Case
from tests.factories import UserFactory
from tests.moderation.helpers import CLAIM, post

QUEUE = reverse("moderation:queue")


def test_the_moderators_group_exists_after_migrate_with_the_queue_permission(db):
    group = Group.objects.get(name="Moderators")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"review_case", "add_watchedphrase", "change_watchedphrase", "delete_watchedphrase"} <= codenames


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("url", [QUEUE, reverse("moderation:audit"), reverse("moderation:stats"),
                                 reverse("moderation:phrases"), reverse("moderation:phrase_add")])
def test_members_who_are_not_moderators_get_403(member_client, url):
    assertContains(member_client.get(url), "for moderators", status_code=403)


def test_moderators_and_staff_reach_the_queue(moderator_client, client):
    assert moderator_client.get(QUEUE).status_code == 200
    client.force_login(UserFactory(is_staff=True))
    assert client.get(QUEUE).status_code == 200


def test_a_held_claim_opens_one_case_that_its_edits_join(member, article):
    comment = post(article, author=member)
    assert comment.is_held
    case = Case.objects.get()
    assert case.is_open and case.author == member and case.post == comment
    assert {"directive", "causal", "certainty"} <= set(case.category_list)
    services.edit_comment(author=member, comment=comment, text=CLAIM + " Stop taking your medication too.")
    assert Case.objects.count() == 1
    case.refresh_from_db()
    assert case.flags.count() == 2
    assert "Stop taking your medication" in case.text


def test_an_ordinary_comment_opens_no_case(article):
    post(article, text="Thanks for the clear write-up, it helped me understand the scan.")
    assert not Case.objects.exists()


def test_the_queue_puts_crisis_first_then_score_then_reports(moderator_client, article):
    post(article, text="Magnesium might help with cramps, some say.")  # not flagged
    claim = post(article)
    labelled = post(article, text="Turmeric cures inflammation.")
    crisis = post(article, text="I want to kill myself, nothing helps any more.")
    response = moderator_client.get(QUEUE)
    rows = [case.object_id for case in response.context["page"]]
    assert rows[0] == crisis.pk
    assert rows.index(claim.pk) < rows.index(labelled.pk)
    assertContains(response, "Crisis")


def test_the_queue_filters_by_reason_category_article_and_state(moderator_client, article, other_article):
    post(article)
    post(other_article, text="I want to kill myself, nothing helps any more.")
    crisis_only = moderator_client.get(QUEUE, {"category": "crisis"}).context["page"]
    assert [c.object_id for c in crisis_only] == [Comment.objects.get(article=other_article).pk]
    by_article = moderator_client.get(QUEUE, {"place": f"article:{article.pk}"}).context["page"]
    assert [c.place_title for c in by_article] == [article.title]
    assert len(moderator_client.get(QUEUE, {"reason": "report"}).context["page"]) == 0
    assert len(moderator_client.get(QUEUE, {"state": "rejected"}).context["page"]) == 0
    # Unknown filter values show the whole open queue rather than an error.
    assert len(moderator_client.get(QUEUE, {"state": "bogus", "category": "<x>"}).context["page"]) == 2


def _open_cases(count):
    content_type = ContentType.objects.get_for_model(Comment)
    author = UserFactory()
    Case.objects.bulk_create(
        Case(content_type=content_type, object_id=n, author=author, score=(n % 100) / 100, is_crisis=n % 997 == 0,
             text=f"Case text {n}", categories=" directive ", reasons=" screening ", place_key="article:1",
             place_title="An article", post_label=f"Comment ({n})", post_url=f"/articles/a/#comment-{n}")
        for n in range(1, count + 1)
    )


def _queue_queries(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE, params)
    assert response.status_code == 200
    return len(queries), response


def test_the_queue_makes_the_same_queries_with_10_and_10000_open_cases(moderator_client):
    _open_cases(10)
    small, _ = _queue_queries(moderator_client)
    Case.objects.all().delete()
    _open_cases(10_000)
    large, response = _queue_queries(moderator_client, page=3)
    assert small == large <= 10
    assert response.context["page"].paginator.count == 10_000
    assertContains(response, "Page 3 of 400")
    # Crisis cases lead every page's ordering.
    first = moderator_client.get(QUEUE).context["page"][0]
    assert first.is_crisis


def test_the_queue_shows_the_excerpt_author_and_article(moderator_client, member, article):
    post(article, author=member)
    response = moderator_client.get(QUEUE)
    assertContains(response, "Avoid dietary glutamate at all costs")
    assertContains(response, f"by {member.display_name}")
    assertContains(response, article.title)
    assertNotContains(response, "The queue is clear")


def test_an_imported_posts_case_is_titled_with_its_original_authors_name(moderator_client, article):
    imported = services.add_archived_comment(
        article=article, number=1, text="Sugar feeds cancer, everyone knows it.", author_name="Dean G.",
        created_at=article.published_at,
    )
    case = Case.objects.get(object_id=imported.pk)
    assertContains(moderator_client.get(reverse("moderation:queue")), "Comment (1) by Dean G.")
    assertContains(moderator_client.get(case.get_absolute_url()), "<h1>Comment (1) by Dean G.</h1>")


def test_a_crisis_cases_row_says_crisis_rather_than_a_score(moderator_client, article):
    post(article, text="I want to end my life, nothing helps.")
    page = moderator_client.get(reverse("moderation:queue")).content.decode()
    assert '<td data-label="Score"><strong>crisis</strong></td>' in page and ">0.00</td>" not in page

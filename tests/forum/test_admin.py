"""The admin: editors find and write topics and articles, and remove comments."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from forum.models import Article, Comment
from moderation.models import AuditEntry
from tests.factories import CommentFactory, UserFactory


@pytest.fixture
def editor_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["category", "article", "comment"])
def test_each_list_loads_and_searches(editor_client, article, model):
    CommentFactory(article=article, body="glutamate question")
    url = reverse(f"admin:forum_{model}_changelist")
    assert editor_client.get(url).status_code == 200
    assert editor_client.get(url, {"q": "glutamate"}).status_code == 200


def test_the_user_list_loads(editor_client):
    assert editor_client.get(reverse("admin:accounts_user_changelist"), {"q": "example"}).status_code == 200


def test_saving_an_article_in_the_admin_sanitises_its_body(editor_client, category):
    response = editor_client.post(reverse("admin:forum_article_add"), {
        "title": "New findings", "slug": "new-findings", "category": category.pk, "byline": "Mara Ellison",
        "published_at_0": "2025-01-01", "published_at_1": "09:00:00", "summary": "",
        "body": '<h2>Heading</h2><p onclick="x()">Text</p><script>alert(1)</script>', "comments_open": "on",
        "references-TOTAL_FORMS": "1", "references-INITIAL_FORMS": "0",
        "references-0-citation": "A study.", "references-0-doi": "10.1000/x", "references-0-url": "",
        "references-0-position": "0",
    })
    assert response.status_code == 302, response.content
    article = Article.objects.get(slug="new-findings")
    assert article.body_html == "<h2>Heading</h2><p>Text</p>"
    assert article.references.get().link == "https://doi.org/10.1000/x"


def test_removing_comments_in_the_admin_asks_for_the_reason_and_keeps_their_numbers(editor_client, article):
    comment = CommentFactory(article=article)
    changelist = reverse("admin:forum_comment_changelist")
    asked = editor_client.post(changelist, {"action": "remove_comments", "_selected_action": [comment.pk]})
    assertContains(asked, "Reason the authors are told")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED  # nothing removed until a reason is given
    empty = editor_client.post(changelist, {"action": "remove_comments", "_selected_action": [comment.pk],
                                            "apply": "1", "reason": "  "})
    assertContains(empty, "This field is required.")
    response = editor_client.post(changelist, {
        "action": "remove_comments", "_selected_action": [comment.pk], "apply": "1",
        "reason": "Removed by an administrator: it sells a product.",
    })
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.number) == (Comment.Status.REMOVED, 1)
    # Through a case, as a moderator's rejection: audited, and the author is told why.
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.case.state, entry.case.reason_list) == ("reject", "rejected", ["Removed by staff"])
    assert "Removed by an administrator" in comment.moderation_notice
    assertContains(editor_client.get(reverse("admin:forum_comment_change", args=[comment.pk])), "Removed by a moderator")


def test_the_admin_offers_no_delete_that_would_bypass_cases_audit_and_notices(editor_client, article):
    comment = CommentFactory(article=article)
    changelist = editor_client.get(reverse("admin:forum_comment_changelist"))
    assertContains(changelist, 'value="remove_comments"')
    assertNotContains(changelist, 'value="delete_selected"')
    assert editor_client.get(reverse("admin:forum_comment_delete", args=[comment.pk])).status_code == 403
    response = editor_client.post(reverse("admin:forum_comment_changelist"),
                                  {"action": "delete_selected", "_selected_action": [comment.pk], "post": "yes"})
    assert response.status_code in (200, 302)
    assert Comment.objects.filter(pk=comment.pk, status=Comment.Status.PUBLISHED).exists()
    assertNotContains(editor_client.get(reverse("admin:moderation_case_changelist")), 'value="delete_selected"')

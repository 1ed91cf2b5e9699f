"""Who may do what: every URL and action, for each kind of visitor.

Roles: an anonymous visitor, the member who wrote the comment under test
("owner"), another member, a suspended member, a moderator and a staff member.
"login" means the answer sends the visitor to sign in.
"""

from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.mail import unsubscribe_url
from forum import services
from moderation import services as moderation
from moderation.models import Case, WatchedPhrase
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, UserFactory

ROLES = ["anonymous", "owner", "other", "suspended", "moderator", "staff"]
MEMBERS = ["owner", "other", "suspended", "moderator", "staff"]


@pytest.fixture
def world(db):
    topic = CategoryFactory(slug="topic")
    article = ArticleFactory(category=topic, slug="an-article")
    people = {
        "owner": UserFactory(display_name="Owner"),
        "other": UserFactory(display_name="Other"),
        "suspended": UserFactory(display_name="Suspended"),
        "moderator": UserFactory(display_name="Moderator"),
        "staff": UserFactory(display_name="Staff", is_staff=True),
    }
    people["moderator"].groups.add(Group.objects.get(name="Moderators"))
    suspension = moderation.suspend_member(member=people["suspended"], moderator=people["staff"], days=3,
                                           reason="Test")
    comment = CommentFactory(article=article, author=people["owner"], body="Owner's words.")
    held = services.post_comment(author=people["other"], article=article,
                                 text="Avoid dietary glutamate at all costs, it is the root cause of fibromyalgia.")
    discussion = services.start_discussion(author=people["other"], category=topic, title="A question",
                                           text="What helps?").article
    return SimpleNamespace(topic=topic, article=article, comment=comment, discussion=discussion, people=people,
                           suspension=suspension,
                           case=Case.objects.get(object_id=held.pk),
                           phrase=WatchedPhrase.objects.create(pattern="graviola", action="hold"))


@dataclass(frozen=True)
class Action:
    name: str
    method: str
    url: object  # world -> path
    expected: object  # role -> status or "login"
    data: object = None  # world -> form data

    def __str__(self):
        return self.name


def everyone(status):
    return lambda role: status


def members_only(status, anonymous="login"):
    return lambda role: anonymous if role == "anonymous" else status


def moderators_only(status):
    return lambda role: {"anonymous": "login", "moderator": status, "staff": status}.get(role, 403)


def posting(status):
    """Posting, starting discussions: members in good standing only."""
    return lambda role: {"anonymous": 403, "suspended": 403}.get(role, status)


ACTIONS = [
    Action("home", "get", lambda w: "/", everyone(200)),
    Action("guidelines", "get", lambda w: "/guidelines/", everyone(200)),
    Action("search", "get", lambda w: "/search/?q=words", everyone(200)),
    Action("sitemap", "get", lambda w: "/sitemap.xml", everyone(200)),
    Action("robots", "get", lambda w: "/robots.txt", everyone(200)),
    Action("feed", "get", lambda w: reverse("forum:articles_atom"), everyone(200)),
    Action("topic feed", "get", lambda w: reverse("forum:category_rss", args=["topic"]), everyone(200)),
    Action("comments feed", "get", lambda w: reverse("forum:article_comments_rss", args=["an-article"]),
           everyone(200)),
    Action("topic", "get", lambda w: w.topic.get_absolute_url(), everyone(200)),
    Action("article", "get", lambda w: w.article.get_absolute_url(), everyone(200)),
    Action("discussion", "get", lambda w: w.discussion.get_absolute_url(), everyone(200)),
    Action("profile page", "get", lambda w: reverse("forum:member", args=[w.people["owner"].pk]), everyone(200)),
    Action("comment", "post", lambda w: w.article.get_comments_url(), posting(302), lambda w: {"text": "Hi."}),
    Action("discussion comment", "post", lambda w: w.discussion.get_comments_url(), posting(302),
           lambda w: {"text": "Hi."}),
    Action("start discussion", "post", lambda w: reverse("forum:new_discussion", args=["topic"]), posting(302),
           lambda w: {"title": "New", "text": "Hello."}),
    Action("edit", "post", lambda w: reverse("forum:edit_comment", args=[w.comment.pk]),
           lambda role: {"anonymous": "login", "owner": 302}.get(role, 403), lambda w: {"text": "Changed."}),
    Action("delete", "post", lambda w: reverse("forum:delete_comment", args=[w.comment.pk]),
           lambda role: {"anonymous": "login", "owner": 302}.get(role, 403)),
    Action("report", "post", lambda w: reverse("forum:report_comment", args=[w.comment.pk]),
           lambda role: {"anonymous": "login", "owner": 400, "suspended": 403}.get(role, 302),
           lambda w: {"reason": "spam"}),
    Action("follow", "post", lambda w: w.article.get_follow_url(), members_only(302), lambda w: {"follow": "1"}),
    Action("edit profile", "get", lambda w: reverse("accounts:profile"), members_only(200)),
    Action("download data", "get", lambda w: reverse("forum:my_data"), members_only(200)),
    Action("delete account, wrong password", "post", lambda w: reverse("forum:delete_account"), members_only(400),
           lambda w: {"password": "not it"}),
    Action("unsubscribe link", "get", lambda w: urlsplit(unsubscribe_url(w.people["owner"], "replies")).path,
           everyone(200)),
    Action("queue", "get", lambda w: reverse("moderation:queue"), moderators_only(200)),
    Action("case", "get", lambda w: w.case.get_absolute_url(), moderators_only(200)),
    Action("decide", "post", lambda w: w.case.get_absolute_url(), moderators_only(302),
           lambda w: {"action": "approve"}),
    Action("bulk decide", "post", lambda w: reverse("moderation:bulk"), moderators_only(302),
           lambda w: {"action": "approve", "cases": [w.case.pk]}),
    Action("suspend", "post", lambda w: reverse("moderation:suspend", args=[w.case.pk]), moderators_only(302),
           lambda w: {"suspend-days": 1, "suspend-reason": "Test"}),
    Action("lift suspension", "post", lambda w: reverse("moderation:lift_suspension", args=[w.suspension.pk]),
           moderators_only(302)),
    Action("audit", "get", lambda w: reverse("moderation:audit"), moderators_only(200)),
    Action("statistics", "get", lambda w: reverse("moderation:stats"), moderators_only(200)),
    Action("phrases", "get", lambda w: reverse("moderation:phrases"), moderators_only(200)),
    Action("add phrase", "post", lambda w: reverse("moderation:phrase_add"), moderators_only(302),
           lambda w: {"pattern": "noni juice", "action": "flag", "is_active": "on"}),
    Action("edit phrase", "post", lambda w: reverse("moderation:phrase_edit", args=[w.phrase.pk]),
           moderators_only(302), lambda w: {"pattern": "graviola", "action": "block"}),
    Action("delete phrase", "post", lambda w: reverse("moderation:phrase_delete", args=[w.phrase.pk]),
           moderators_only(302)),
    Action("admin", "get", lambda w: "/admin/",
           lambda role: 200 if role == "staff" else "login" if role == "anonymous" else 302),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS, ids=str)
def test_permission_matrix(client, world, action, role):
    if role != "anonymous":
        client.force_login(world.people[role])
    data = action.data(world) if action.data else {}
    response = getattr(client, action.method)(action.url(world), data)
    expected = action.expected(role)
    if expected == "login":
        assert response.status_code == 302 and "/login/" in response["Location"], response.status_code
    else:
        assert response.status_code == expected, (response.status_code, response.content[:300])


@pytest.mark.parametrize("role", ["anonymous", "moderator"])
@pytest.mark.parametrize("action", [a for a in ACTIONS if a.method == "get"], ids=str)
def test_head_is_answered_wherever_get_is(client, world, action, role):
    if role != "anonymous":
        client.force_login(world.people[role])
    got = client.get(action.url(world))
    head = client.head(action.url(world))
    assert head.status_code == got.status_code != 405

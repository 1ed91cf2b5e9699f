"""Who may do what: every URL and action, for each kind of visitor.

Roles: an anonymous visitor, the member who wrote the comment under test
("owner"), another member, a suspended member, a member who has not confirmed
their address, a moderator and a staff member. "login" means the answer sends
the visitor to sign in. A refusal shows nothing of what was refused: marker
words planted in private notes, reasons and titles never reach a refused body.
"""

from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from accounts.mail import unsubscribe_url
from accounts.models import Notification
from api import tokens
from api.models import Token
from forum import services
from moderation import services as moderation
from moderation.models import Case, WatchedPhrase
from moderation.services import appeals
from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, UserFactory

ROLES = ["anonymous", "owner", "other", "suspended", "unverified", "moderator", "staff"]
CLAIM = "Avoid dietary glutamate at all costs, it is the root cause of fibromyalgia."
# Private words, each planted in one thing only its owner or moderators may read.
MARKERS = {
    "rejected text": "Zirconwort",
    "rejection reason": "Quillmarsh",
    "suspension reason": "Brambleton",
    "held title": "Ottergloom",
    "held text": "Fennickle",
    "appeal text": "Wraxhollow",
    "report note": "Pellucidine",
    "phrase note": "Mossgrave",
    "held comment": "Thistlebane",
}


@pytest.fixture
def world(db, settings):
    settings.FORUM_EMBED_ORIGINS = ["https://news.example.org"]
    topic = CategoryFactory(slug="topic")
    article = ArticleFactory(category=topic, slug="an-article")
    people = {
        "owner": UserFactory(display_name="Owner"),
        "other": UserFactory(display_name="Other"),
        "suspended": UserFactory(display_name="Suspended"),
        "unverified": UserFactory(display_name="Unverified", verified=False),
        "moderator": UserFactory(display_name="Moderator"),
        "staff": UserFactory(display_name="Staff", is_staff=True),
    }
    people["moderator"].groups.add(Group.objects.get(name="Moderators"))
    suspension = moderation.suspend_member(member=people["suspended"], moderator=people["staff"], days=3,
                                           reason=f"Test {MARKERS['suspension reason']}")
    comment = CommentFactory(article=article, author=people["owner"], body="Owner's words.")
    held = services.post_comment(author=people["other"], article=article,
                                 text=f"{CLAIM} {MARKERS['held comment']}.")
    rejected = services.post_comment(author=people["owner"], article=article,
                                     text=f"{CLAIM} {MARKERS['rejected text']}.")
    rejection = moderation.decide_case(case=Case.objects.get(object_id=rejected.pk), moderator=people["moderator"],
                                       action="reject", reason=f"No evidence. {MARKERS['rejection reason']}")
    labelled = services.post_comment(author=people["other"], article=article, text=f"{CLAIM} Again.")
    labelling = moderation.decide_case(case=Case.objects.get(object_id=labelled.pk), moderator=people["moderator"],
                                       action="label", note="Not established.")
    appeal = appeals.open_appeal(member=people["other"], case=labelling, text=f"Please. {MARKERS['appeal text']}")
    reported = CommentFactory(article=article, author=people["owner"], body="Words someone reported.")
    moderation.report_post(reporter=people["other"], post=reported, reason="other",
                           note=f"Odd. {MARKERS['report note']}")
    discussion = services.start_discussion(author=people["other"], category=topic, title="A question",
                                           text="What helps?").article
    held_discussion = services.start_discussion(
        author=people["owner"], category=topic, title=f"{MARKERS['held title']} question",
        text=f"{CLAIM} {MARKERS['held text']}.").article
    notification = Notification.objects.create(member=people["owner"], kind=Notification.Kind.MODERATION,
                                               text="A decision", url=article.get_absolute_url())
    return SimpleNamespace(topic=topic, article=article, comment=comment, discussion=discussion, people=people,
                           suspension=suspension, held=held, rejection=rejection, appeal=appeal,
                           held_discussion=held_discussion, notification=notification,
                           token=tokens.issue(owner=people["owner"], name="app", scope=Token.Scope.MEMBER)[0],
                           report_case=Case.objects.get(object_id=reported.pk),
                           case=Case.objects.get(object_id=held.pk),
                           phrase=WatchedPhrase.objects.create(pattern="graviola", action="hold",
                                                               note=f"Watch {MARKERS['phrase note']}"))


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
    return lambda role: {"anonymous": 403, "suspended": 403, "unverified": 403}.get(role, status)


def only(role_allowed, status, others=404):
    """One member's own page: others are told it does not exist."""
    return lambda role: "login" if role == "anonymous" else status if role == role_allowed else others


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
    Action("header counts", "get", lambda w: "/live/counts/", members_only(200, anonymous=401)),
    Action("new comments", "get", lambda w: reverse("forum:article_live", args=[w.article.slug]), everyone(200)),
    Action("new replies", "get", lambda w: reverse("forum:discussion_live", args=[w.discussion.slug]),
           everyone(200)),
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
           lambda role: {"anonymous": "login", "owner": 400, "suspended": 403, "unverified": 403}.get(role, 302),
           lambda w: {"reason": "spam"}),
    Action("helped", "post", lambda w: reverse("forum:helped_comment", args=[w.comment.pk]),
           lambda role: {"anonymous": "login", "owner": 403, "suspended": 403, "unverified": 403}.get(role, 302),
           lambda w: {"helped": "yes"}),
    Action("helped page", "get", lambda w: reverse("forum:helped_comment", args=[w.comment.pk]),
           lambda role: {"anonymous": "login"}.get(role, 200)),
    Action("helped on a held comment", "post", lambda w: reverse("forum:helped_comment", args=[w.held.pk]),
           members_only(404), lambda w: {"helped": "yes"}),
    Action("report form", "get", lambda w: reverse("forum:report_comment", args=[w.comment.pk]),
           lambda role: {"anonymous": "login", "suspended": 403, "unverified": 403}.get(role, 200)),
    Action("report a held comment", "get", lambda w: reverse("forum:report_comment", args=[w.held.pk]),
           members_only(404)),
    Action("edit form", "get", lambda w: reverse("forum:edit_comment", args=[w.comment.pk]),
           lambda role: {"anonymous": "login", "owner": 200}.get(role, 403)),
    Action("edit someone's held comment", "get", lambda w: reverse("forum:edit_comment", args=[w.held.pk]),
           lambda role: {"anonymous": "login", "other": 200}.get(role, 404)),
    Action("delete form", "get", lambda w: reverse("forum:delete_comment", args=[w.comment.pk]),
           lambda role: {"anonymous": "login", "owner": 200}.get(role, 403)),
    Action("held discussion", "get", lambda w: w.held_discussion.get_absolute_url(),
           lambda role: 200 if role == "owner" else 404),
    Action("start discussion form", "get", lambda w: reverse("forum:new_discussion", args=["topic"]),
           lambda role: {"anonymous": "login", "suspended": 403, "unverified": 403}.get(role, 200)),
    Action("notifications", "get", lambda w: reverse("accounts:notifications"), members_only(200)),
    Action("open a notification", "post", lambda w: reverse("accounts:open_notification", args=[w.notification.pk]),
           only("owner", 302)),
    Action("decisions about you", "get", lambda w: reverse("appeals:mine"), members_only(200)),
    Action("appeal a rejection", "get", lambda w: reverse("appeals:case", args=[w.rejection.pk]), only("owner", 200)),
    Action("appeal a suspension", "get", lambda w: reverse("appeals:suspension", args=[w.suspension.pk]),
           only("suspended", 200)),
    Action("send an appeal", "post", lambda w: reverse("appeals:case", args=[w.rejection.pk]), only("owner", 302),
           lambda w: {"text": "It was my experience."}),
    Action("appeal, for moderators", "get", lambda w: w.appeal.get_absolute_url(), moderators_only(200)),
    Action("reported case", "get", lambda w: w.report_case.get_absolute_url(), moderators_only(200)),
    Action("rejected case", "get", lambda w: w.rejection.get_absolute_url(), moderators_only(200)),
    Action("phrase form", "get", lambda w: reverse("moderation:phrase_edit", args=[w.phrase.pk]),
           moderators_only(200)),
    Action("delete phrase form", "get", lambda w: reverse("moderation:phrase_delete", args=[w.phrase.pk]),
           moderators_only(200)),
    Action("follow", "post", lambda w: w.article.get_follow_url(), members_only(302), lambda w: {"follow": "1"}),
    Action("edit profile", "get", lambda w: reverse("accounts:profile"), members_only(200)),
    Action("download data", "get", lambda w: reverse("forum:my_data"), members_only(200)),
    Action("a publisher's page's thread", "get",
           lambda w: "/api/embed/?url=https://news.example.org/fibre&title=Fibre", everyone(200)),
    Action("sign in from a publisher's page", "get", lambda w: "/api/embed/sign-in/?origin=https://news.example.org",
           everyone(200)),
    # Suspended and unverified members get a token too: posting with it is refused as the forms refuse.
    Action("hand a publisher's frame a sign-in", "post",
           lambda w: "/api/embed/sign-in/?origin=https://news.example.org", everyone(200)),
    Action("API tokens", "get", lambda w: reverse("api:tokens"), members_only(200)),
    Action("make an API token", "post", lambda w: reverse("api:tokens"), members_only(201), lambda w: {"name": "app"}),
    Action("revoke an API token", "post", lambda w: reverse("api:revoke_token", args=[w.token.pk]), only("owner", 302)),
    Action("delete account, wrong password", "post", lambda w: reverse("forum:delete_account"), members_only(400),
           lambda w: {"password": "not it"}),
    Action("unsubscribe link", "get", lambda w: urlsplit(unsubscribe_url(w.people["owner"], "replies")).path,
           everyone(200)),
    Action("subscribe again", "post",
           lambda w: reverse("accounts:resubscribe",
                             args=[urlsplit(unsubscribe_url(w.people["owner"], "replies")).path.split("/")[-2]]),
           everyone(200)),
    Action("queue", "get", lambda w: reverse("moderation:queue"), moderators_only(200)),
    Action("case", "get", lambda w: w.case.get_absolute_url(), moderators_only(200)),
    Action("decide", "post", lambda w: w.case.get_absolute_url(), moderators_only(302),
           lambda w: {"action": "approve"}),
    Action("bulk decide", "post", lambda w: reverse("moderation:bulk"), moderators_only(302),
           lambda w: {"action": "approve", "cases": [w.case.pk]}),
    Action("suspend", "post", lambda w: reverse("moderation:member_suspend", args=[w.case.author_id]),
           moderators_only(302), lambda w: {"case": w.case.pk, "suspend-days": 1, "suspend-reason": "Test"}),
    Action("silence", "post", lambda w: reverse("moderation:member_silence", args=[w.case.author_id]),
           moderators_only(302), lambda w: {"silence-hours": 4, "silence-reason": "Test"}),
    Action("member's moderation page", "get", lambda w: reverse("moderation:member", args=[w.case.author_id]),
           moderators_only(200)),
    Action("note on a member", "post", lambda w: reverse("moderation:member_note", args=[w.case.author_id]),
           moderators_only(302), lambda w: {"note-text": "Asked twice for sources."}),
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
    # Staff without the admin permission for cases: refused like members.
    Action("case in the admin", "get", lambda w: reverse("admin:moderation_case_change", args=[w.rejection.pk]),
           lambda role: 403 if role == "staff" else "login" if role == "anonymous" else 302),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS, ids=str)
def test_permission_matrix_and_refusals_show_nothing(client, world, action, role):
    if role != "anonymous":
        client.force_login(world.people[role])
    data = action.data(world) if action.data else {}
    response = getattr(client, action.method)(action.url(world), data)
    expected = action.expected(role)
    if expected == "login":
        assert response.status_code == 302 and "/login/" in response["Location"], response.status_code
    else:
        assert response.status_code == expected, (response.status_code, response.content[:300])
    if response.status_code >= 300:
        body = response.content.decode()
        assert [name for name, word in MARKERS.items() if word in body] == []


@pytest.mark.parametrize("role", ["anonymous", "moderator"])
@pytest.mark.parametrize("action", [a for a in ACTIONS if a.method == "get"], ids=str)
def test_head_is_answered_wherever_get_is(client, world, action, role):
    if role != "anonymous":
        client.force_login(world.people[role])
    got = client.get(action.url(world))
    head = client.head(action.url(world))
    assert head.status_code == got.status_code != 405


# What those allowed see, so the test above is known to look where the words are.
SEEN = [
    ("appeal a rejection", "owner", ["rejection reason"]),
    ("appeal a suspension", "suspended", ["suspension reason"]),
    ("held discussion", "owner", ["held title", "held text"]),
    ("appeal, for moderators", "moderator", ["appeal text"]),
    ("reported case", "moderator", ["report note"]),
    ("rejected case", "moderator", ["rejected text", "rejection reason"]),
    ("case", "moderator", ["held comment"]),
    ("phrase form", "moderator", ["phrase note"]),
    ("edit someone's held comment", "other", ["held comment"]),
]


@pytest.mark.parametrize(("name", "role", "markers"), SEEN, ids=[f"{name} by {role}" for name, role, _ in SEEN])
def test_those_allowed_see_the_private_words(client, world, name, role, markers):
    action = next(a for a in ACTIONS if a.name == name)
    client.force_login(world.people[role])
    body = getattr(client, action.method)(action.url(world)).content.decode()
    assert [m for m in markers if MARKERS[m] in body] == markers


@pytest.mark.parametrize("action", ACTIONS, ids=str)
def test_no_other_method_on_any_url_gives_a_server_error(world, action):
    """GET of a POST-only form, POST of a page, HEAD, PUT, for every role: a 4xx or an
    answer, never a 5xx. (Roles share one world here: only the status is asserted.)"""
    data = action.data(world) if action.data else {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world.people[role])
        for method in sorted({"get", "post", "head", "put"} - {action.method}):
            response = getattr(client, method)(action.url(world), data if method == "post" else None)
            assert response.status_code < 500, (role, method, response.status_code)

"""Every page a reader, a member and a moderator reach is valid HTML (the Nu HTML checker) and
has no accessibility violation that axe-core finds, in Debian's Chromium, at 1280 and 390 px."""

from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from accounts.models import Notification, User
from forum import services as forum_services
from forum.demo import seed_demo
from forum.models import Article, Comment
from moderation import services as moderation
from moderation.models import Case, ClaimModel, WatchedPhrase
from moderation.screening.model import read_provenance
from moderation.services import appeals
from tests.browser.checks import AXE, axe_violations, nu_errors, require
from tests.browser.conftest import sign_in

PASSWORD = "demo-member-pass"


@pytest.fixture
def demo(db, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.FORUM_EMBED_ORIGINS = ["https://news.example.org"]
    seed_demo()
    glutamate = Article.objects.get(slug="glutamate-and-the-fibromyalgia-brain")
    discussion = Article.objects.discussions().first()
    moderator = User.objects.get(email="moderator@example.org")
    open_cases = Case.objects.filter(state=Case.State.OPEN, author__isnull=False).order_by("pk")
    case, labelled = open_cases[0], open_cases[1]
    # A note with a long address: the audit log must wrap it, not scroll sideways, on a phone.
    labelled = moderation.decide_case(case=labelled, moderator=moderator, action="label", note=(
        "One small study: https://pubmed.ncbi.nlm.nih.gov/19787713/?from_term=glutamate-fibromyalgia-insula-imaging"))
    # A moderator with a long name in the audit log's "By" list and entries.
    long_named = User.objects.create_user(email="long@example.org", password=PASSWORD,
                                          display_name="Dr Alexandra Konstantinopoulou-Wainwright")
    long_named.groups.add(moderator.groups.get())
    moderation.save_watched_phrase(phrase=WatchedPhrase(pattern="miraclemineralsolutionchlorinedioxide" * 2,
                                                        action=WatchedPhrase.Action.HOLD,
                                                        note="Sold as MMS: https://www.fda.gov/news-events/"
                                                             "press-announcements/danger-dont-drink-miracle-mineral"),
                                   actor=long_named)
    for n in range(55):  # enough for a second page of the log, with both of its links
        moderation.save_watched_phrase(phrase=WatchedPhrase(pattern=f"wonder tonic {n}"), actor=long_named)
    author = labelled.author
    appeal = appeals.open_appeal(member=author, case=labelled, text="I described my own experience only.")
    Notification.objects.create(member=author, kind="replies", text="Deji replied to your comment", url="/")
    own = Comment.objects.filter(author=author).first()
    # A member's moderation page with a note, and one of a silenced member without posts.
    moderation.add_note(member=author, moderator=moderator, text="Shares her own experience; asked once for a source.")
    quiet = User.objects.create_user(email="quiet@example.org", password=PASSWORD, display_name="Quiet Member")
    moderation.silence_member(member=quiet, moderator=moderator, hours=24, reason="Heated replies.")
    # A comment that helped a moderator, so the count, the undo and the moderators' list show.
    helpful = Comment.objects.filter(article=glutamate, status=Comment.Status.PUBLISHED).exclude(author=moderator)[0]
    forum_services.say_helped(member=moderator, comment=helpful, helped=True)
    # A retrained version beside the shipped one, as the claim model page shows it.
    figures = read_provenance()
    ClaimModel.objects.create(
        state=ClaimModel.State.READY, compared_with=ClaimModel.objects.get(is_shipped=True),
        provenance={**figures, "moderators_decisions": 12,
                    "newest_decisions": {"count": 3, "f1": 0.8, "precision": 1.0, "recall": 0.667}},
        comparison={"cross_validated": figures["cross_validated"],
                    "newest_decisions": {"count": 3, "f1": 0.5, "precision": 1.0, "recall": 0.333}})
    return {
        "reader": ["/", glutamate.category.get_absolute_url(), glutamate.category.parent.get_absolute_url(),
                   glutamate.get_absolute_url(), discussion.get_absolute_url(), "/search/?q=sleep",
                   reverse("guidelines"), reverse("forum:member", args=[author.pk]), "/accounts/login/",
                   f"{glutamate.get_absolute_url()}?sort=helpful",
                   "/accounts/signup/", "/accounts/password/reset/", "/no-such-page/",
                   f"{reverse('api:embed')}?{urlencode({'url': 'https://news.example.org/fibre', 'title': 'Fibre'})}",
                   "/api/embed/sign-in/?origin=https%3A%2F%2Fnews.example.org"],
        "member": [glutamate.get_absolute_url(), reverse("accounts:notifications"), reverse("accounts:profile"),
                   reverse("appeals:mine"), reverse("forum:edit_comment", args=[own.pk]),
                   reverse("forum:new_discussion", args=[glutamate.category.slug]), "/accounts/email/",
                   "/accounts/password/change/", reverse("forum:delete_account"), reverse("api:tokens"),
                   "/api/embed/sign-in/?origin=https%3A%2F%2Fnews.example.org",
                   reverse("forum:helped_comment", args=[helpful.pk]), reverse("forum:member", args=[author.pk])],
        "moderator": ["/moderation/", case.get_absolute_url(), appeal.get_absolute_url(), "/moderation/audit/",
                      "/moderation/statistics/", "/moderation/phrases/", "/moderation/phrases/add/",
                      reverse("moderation:claim_models"), reverse("moderation:member", args=[author.pk]),
                      reverse("moderation:member", args=[quiet.pk]), glutamate.get_absolute_url(),
                      reverse("forum:helped_comment", args=[helpful.pk])],
        "author": author,
    }


def visit(page, path: str, folder: Path, name: str) -> list:
    """The page's HTML as the server sent it, kept for the checker; axe-core's violations."""
    response = page.goto(path)
    (folder / f"{name}.html").write_text(response.text(), encoding="utf-8")
    return axe_violations(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_is_valid_html_and_has_no_accessibility_violation(browser, live_server, demo, tmp_path, width,
                                                                      scheme):
    """In both themes: the dark one as a device set to dark shows it (members' "as my device is set")."""
    require("axe-core (npm install)", AXE.exists())
    violations = []
    for role, email in (("reader", None), ("member", demo["author"].email), ("moderator", "moderator@example.org")):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900},
                                      color_scheme=scheme)
        page = context.new_page()
        if email:
            sign_in(page, email, PASSWORD if role == "member" else "demo-moderator-pass")
        for index, path in enumerate(demo[role]):
            violations += visit(page, path, tmp_path, f"{role}-{index}")
        context.close()
    assert violations == []
    if scheme == "dark":
        return  # the markup is the same in both themes: checked once

    errors = nu_errors(tmp_path)
    assert errors == [], "\n".join(errors)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_main_pages_fit_the_screen_and_are_photographed(browser, live_server, demo, screenshot_dir, width):
    """Screenshots for people to look at (the ignored screenshots folder); no page scrolls sideways."""
    reader, member, moderator = demo["reader"], demo["member"], demo["moderator"]
    pages = {"reader": [("home", reader[0]), ("topic", reader[1]), ("article", reader[3])],
             "member": [("article-member", member[0]), ("notifications", member[1]), ("profile", member[-1]),
                        ("decisions", member[3]), ("profile-edit", member[2])],
             "moderator": [("queue", moderator[0]), ("case", moderator[1]), ("appeal", moderator[2]),
                           ("audit", moderator[3]), ("audit-page-2", moderator[3] + "?page=2"),
                           ("statistics", moderator[4]), ("claim-model", moderator[7])]}
    logins = {"reader": None, "member": (demo["author"].email, PASSWORD),
              "moderator": ("moderator@example.org", "demo-moderator-pass")}
    for role, shots in pages.items():
        for scheme in ("light", "dark"):
            context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900},
                                          color_scheme=scheme)
            page = context.new_page()
            if logins[role]:
                sign_in(page, *logins[role])
            for name, path in shots:
                page.goto(path)
                assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
                page.screenshot(path=str(screenshot_dir / f"{name}-{width}{'-dark' if scheme == 'dark' else ''}.png"),
                                full_page=True)
            context.close()

"""Random input to every form that members post never produces a server error."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, UserFactory

TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(["", " ", "\x00", "<script>alert(1)</script>", "a" * 10_001, "\ufffd", "\u202e", "%00", "{{ x }}"]),
)
ANY_VALUE = st.one_of(TEXT, st.integers().map(str), st.just("-1"), st.just("1e9"), st.just("0x10"))
EXTRA_FIELDS = st.dictionaries(st.text(min_size=1, max_size=20), ANY_VALUE, max_size=3)
FUZZ = hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def world(db, settings):
    settings.FORUM_RATE_LIMITS = {"post": "100000/h", "report": "100000/h", "search": "100000/m"}
    topic = CategoryFactory(slug="topic")
    article, other = ArticleFactory(category=topic), ArticleFactory(category=topic)
    member = UserFactory()
    client = Client()
    client.force_login(member)
    return {
        "client": client, "article": article, "topic": topic,
        "own": CommentFactory(article=article, author=member),
        "parents": [str(CommentFactory(article=article).pk), str(CommentFactory(article=other).pk), "", "999999"],
    }


@FUZZ
@given(text=TEXT, parent=ANY_VALUE, known_parent=st.one_of(st.none(), st.integers(min_value=0, max_value=3)),
       extra=EXTRA_FIELDS)
def test_posting_random_comments_never_errors(world, text, parent, known_parent, extra):
    # Sometimes a real parent: one on this article, one on another, an empty one, a missing one.
    data = {**extra, "text": text, "parent": parent if known_parent is None else world["parents"][known_parent]}
    response = world["client"].post(world["article"].get_comments_url(), data)
    assert response.status_code < 500


@FUZZ
@given(title=TEXT, text=TEXT, extra=EXTRA_FIELDS)
def test_starting_random_discussions_never_errors(world, title, text, extra):
    response = world["client"].post(f"/topics/{world['topic'].slug}/discussions/new/",
                                    {**extra, "title": title, "text": text})
    assert response.status_code < 500


@FUZZ
@given(text=TEXT, reason=ANY_VALUE, note=TEXT)
def test_random_edits_and_reports_never_error(world, text, reason, note):
    client = world["client"]
    assert client.post(f"/comments/{world['own'].pk}/edit/", {"text": text}).status_code < 500
    target = world["parents"][0]
    assert client.post(f"/comments/{target}/report/", {"reason": reason, "note": note}).status_code < 500


@FUZZ
@given(query=TEXT, page=ANY_VALUE)
def test_random_searches_never_error(world, query, page):
    assert world["client"].get("/search/", {"q": query, "page": page}).status_code < 500

"""Moderation reads and changes posts only through the adapter their app registers."""

import pytest
from django.contrib.auth.models import Group

from forum.models import Comment
from forum.sanitize import render_comment
from forum.services.moderated import CommentModeration
from moderation import interfaces


def test_the_forum_registers_its_comments():
    assert isinstance(interfaces.adapter_for(Comment), CommentModeration)
    assert isinstance(interfaces.adapter_for(Comment(body="x")), CommentModeration)


def test_a_model_nobody_registered_is_refused_by_name():
    with pytest.raises(interfaces.NotRegistered, match="Group"):
        interfaces.adapter_for(Group)


def test_a_second_kind_of_adapter_for_the_same_model_is_refused():
    class Other(interfaces.ModerationAdapter):
        pass

    with pytest.raises(ValueError, match="already moderated"):
        interfaces.register(Comment, Other())


def test_texts_outside_any_post_are_rendered_as_comments_are():
    text = '<script>alert(1)</script><b>Sleep</b> <a href="https://example.org/">matters</a>'
    assert interfaces.render(text) == render_comment(text)

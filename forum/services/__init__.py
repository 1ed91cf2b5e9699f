"""Writes to the forum. Views, admin actions and commands share these functions."""

from core.refusals import Refused
from forum.services.articles import add_archived_comment, import_page, save_article
from forum.services.helped import helped_by, helpers, say_helped
from forum.services.discussions import start_discussion, submit_discussion
from forum.services.members import delete_account, follow_article, unfollow_article
from forum.services.visits import record_visit
from forum.services.posting import (
    Submitted,
    check_draft,
    delete_comment,
    edit_comment,
    post_comment,
    remove_comment,
    rerender_comment,
    rescreen_comment,
    submit_comment,
    submit_edit,
)

__all__ = [
    "Refused",
    "Submitted",
    "check_draft",
    "delete_account",
    "follow_article",
    "helped_by",
    "helpers",
    "unfollow_article",
    "add_archived_comment",
    "delete_comment",
    "edit_comment",
    "import_page",
    "post_comment",
    "record_visit",
    "remove_comment",
    "rerender_comment",
    "rescreen_comment",
    "save_article",
    "say_helped",
    "start_discussion",
    "submit_comment",
    "submit_discussion",
    "submit_edit",
]

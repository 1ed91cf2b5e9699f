"""Writes and decisions of moderation. Views, admin actions, commands and the
forum's posting code share these functions."""

from core.refusals import Refused
from moderation.services import appeals
from moderation.services.audit import forget_member
from moderation.services.cases import (
    CaseDecided,
    decide_case,
    decide_cases,
    record_screening,
    remove_post,
    report_post,
    withdraw_case,
)
from moderation.services.claim_models import request_retrain, switch_claim_model
from moderation.services.nudges import Note, cites_source, note_for, record_shown, settle
from moderation.services.members import add_note, lift_suspension, review_action, silence_member, suspend_member
from moderation.services.screening import (
    active_watched_phrases,
    current_policy,
    delete_watched_phrase,
    forget_watched_phrases,
    delete_recognised_sources,
    recognised_sources,
    save_recognised_source,
    save_watched_phrase,
    screen_text,
)

__all__ = [
    "Refused",
    "request_retrain",
    "switch_claim_model",
    "CaseDecided",
    "appeals",
    "cites_source",
    "Note",
    "note_for",
    "record_shown",
    "settle",
    "active_watched_phrases",
    "add_note",
    "current_policy",
    "decide_case",
    "decide_cases",
    "delete_watched_phrase",
    "forget_member",
    "forget_watched_phrases",
    "lift_suspension",
    "delete_recognised_sources",
    "recognised_sources",
    "save_recognised_source",
    "record_screening",
    "remove_post",
    "report_post",
    "review_action",
    "save_watched_phrase",
    "screen_text",
    "silence_member",
    "suspend_member",
    "withdraw_case",
]

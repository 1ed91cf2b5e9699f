"""Telling members what moderators decided about them, on the site and by e-mail. Called inside the decision's
transaction: the mail is queued with it (accounts.mail), and sent by a worker. A reply
reaches the moderators (MODERATION_REPLY_TO), and each decision mail says how to appeal."""

from django.conf import settings
from django.urls import reverse

from accounts.mail import tell_member
from moderation.models import Appeal, Case, Suspension


def case_decided(*, case: Case, notice: str) -> None:
    if case.author is None:
        return
    appealable = case.state in Case.APPEALABLE
    tell_member(
        member=case.author, kind="moderation", url=case.post_url,
        subject=f"Your {case.post_label.lower()}: {case.get_state_display().lower()}",
        template="moderation/email/case_decided.txt",
        context={"case": case, "notice": notice,
                 "appeal_path": reverse("appeals:case", args=[case.pk]) if appealable else ""},
        reply_to=settings.MODERATION_REPLY_TO,
    )


def member_suspended(*, suspension: Suspension) -> None:
    """A suspension or a silence, each in its own words."""
    tell_member(
        member=suspension.member, kind="moderation",
        subject="You are silenced for a while" if suspension.is_silence else "Your account is suspended",
        url=reverse("appeals:mine"),
        template="moderation/email/silenced.txt" if suspension.is_silence else "moderation/email/suspended.txt",
        context={"suspension": suspension, "appeal_path": reverse("appeals:suspension", args=[suspension.pk])},
        reply_to=settings.MODERATION_REPLY_TO,
    )


def appeal_decided(*, appeal: Appeal, notice: str) -> None:
    tell_member(
        member=appeal.member, kind="moderation", subject=f"Your appeal: {appeal.get_state_display().lower()}",
        url=appeal.case.post_url if appeal.case else reverse("appeals:mine"),
        template="moderation/email/appeal_decided.txt", context={"appeal": appeal, "notice": notice},
        reply_to=settings.MODERATION_REPLY_TO,
    )

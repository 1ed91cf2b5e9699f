"""Telling members what moderators decided about them. Called inside the decision's
transaction: the mail is queued with it (accounts.mail), and sent by a worker."""

from accounts.mail import send_member_mail
from moderation.models import Case, Suspension


def case_decided(*, case: Case, notice: str) -> None:
    if case.author is None:
        return
    send_member_mail(
        member=case.author, kind="moderation",
        subject=f"Your {case.post_label.lower()}: {case.get_state_display().lower()}",
        template="moderation/email/case_decided.txt", context={"case": case, "notice": notice},
    )


def member_suspended(*, suspension: Suspension) -> None:
    send_member_mail(
        member=suspension.member, kind="moderation", subject="Your account is suspended",
        template="moderation/email/suspended.txt", context={"suspension": suspension},
    )

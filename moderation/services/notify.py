"""Telling members what moderators decided about them: tasks that run after the decision commits."""

from accounts.mail import send_member_mail
from accounts.tasks import task
from moderation.models import Case, Suspension


@task
def case_decided(*, case_id: int, notice: str) -> None:
    case = Case.objects.select_related("author").get(pk=case_id)
    if case.author is None:
        return
    send_member_mail(
        member=case.author, kind="moderation",
        subject=f"Your {case.post_label.lower()}: {case.get_state_display().lower()}",
        template="moderation/email/case_decided.txt", context={"case": case, "notice": notice},
    )


@task
def member_suspended(*, suspension_id: int) -> None:
    suspension = Suspension.objects.select_related("member").get(pk=suspension_id)
    send_member_mail(
        member=suspension.member, kind="moderation", subject="Your account is suspended",
        template="moderation/email/suspended.txt", context={"suspension": suspension},
    )

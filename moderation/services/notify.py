"""Telling members what moderators decided about them, by e-mail after the decision commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from moderation.models import Case, Suspension


def case_decided(*, case_id: int, notice: str) -> None:
    case = Case.objects.select_related("author").get(pk=case_id)
    if case.author is None or not case.author.email:
        return
    context = {"case": case, "member": case.author, "notice": notice, "site_url": settings.SITE_URL,
               "site_name": settings.SITE_NAME}
    send_mail(
        subject=f"[{settings.SITE_NAME}] Your {case.post_label.lower()}: {case.get_state_display().lower()}",
        message=render_to_string("moderation/email/case_decided.txt", context),
        from_email=None,
        recipient_list=[case.author.email],
    )


def member_suspended(*, suspension_id: int) -> None:
    suspension = Suspension.objects.select_related("member").get(pk=suspension_id)
    context = {"suspension": suspension, "member": suspension.member, "site_url": settings.SITE_URL,
               "site_name": settings.SITE_NAME}
    send_mail(
        subject=f"[{settings.SITE_NAME}] Your account is suspended",
        message=render_to_string("moderation/email/suspended.txt", context),
        from_email=None,
        recipient_list=[suspension.member.email],
    )

"""Telling members: a notification on the site, and e-mail, sent only if their preference allows,
always with a signed one-click unsubscribe link.

Each mail is its own task (deliver_mail), stored with the change that causes it, so
a mail server that is down delays mail without losing any or sending any twice.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from accounts.models import Delivery, Notification, User

# Each kind of mail and the preference that switches it off.
PREFERENCES = {
    "replies": "notify_replies",
    "followed": "notify_followed",
    "moderation": "notify_moderation",
    "mentions": "notify_mentions",
}
DESCRIPTIONS = {
    "replies": "replies to your comments",
    "followed": "new comments in discussions you follow",
    "moderation": "moderators' decisions about your posts",
    "mentions": "mentions of you in comments",
}
# The kinds that may come in a digest, and the member's field that says how.
DELIVERIES = {
    "replies": "replies_delivery",
    "followed": "followed_delivery",
}
_SALT = "accounts.unsubscribe"
# Every mail the site sends is automatic (RFC 3834): out-of-office replies stay away.
AUTOMATIC = {"Auto-Submitted": "auto-generated"}


def tell_member(*, member: User, kind: str, subject: str, url: str, template: str, context: dict,
                reply_to: str = "", digest_template: str = "") -> None:
    """Tell a member something that concerns them: always on the site (their notifications),
    and by e-mail if they have not switched that kind off. url is where it happened.

    A member who takes this kind in a digest gets no mail now: digest_template's text is kept
    with the notification for their next digest (accounts/digests.py)."""
    if not member.is_active:
        return
    if digest_template and in_digest(member, kind):
        Notification.objects.create(member=member, kind=kind, text=subject[:300], url=url[:500], digest_due=True,
                                    digest_text=digest_item(digest_template, member=member, context=context))
        return
    Notification.objects.create(member=member, kind=kind, text=subject[:300], url=url[:500])
    send_member_mail(member=member, kind=kind, subject=subject, template=template, context=context,
                     reply_to=reply_to)


def in_digest(member: User, kind: str) -> bool:
    """Whether this kind of mail to the member waits for a digest (and is wanted at all)."""
    return (kind in DELIVERIES and getattr(member, DELIVERIES[kind]) != Delivery.EACH
            and getattr(member, PREFERENCES[kind]) and bool(member.email))


def digest_item(template: str, *, member: User, context: dict) -> str:
    """One item's part of a digest mail, as the member will read it."""
    return render_to_string(template, {**context, "member": member, "site_url": settings.SITE_URL})


def withdraw_from_digests(url: str) -> None:
    """What happened at url is no longer for readers (hidden, removed, deleted): it leaves the
    digests not yet sent, and its text with it."""
    Notification.objects.filter(url=url, digest_due=True).update(digest_due=False, digest_text="")


def send_member_mail(*, member: User, kind: str, subject: str, template: str, context: dict,
                     reply_to: str = "") -> bool:
    """Queue one mail of `kind` unless the member switched that kind off; True if queued.

    The body ends with the unsubscribe link, and List-Unsubscribe headers let
    mail programs offer the same one click (RFC 8058). reply_to, if given, is where
    a reply goes (a mailbox people read, unlike the sending address).
    """
    if not member.is_active or not member.email or not getattr(member, PREFERENCES[kind]):
        return False
    url = unsubscribe_url(member, kind)
    body = render_to_string(template, {
        **context, "member": member, "site_name": settings.SITE_NAME, "site_url": settings.SITE_URL,
        "unsubscribe_url": url, "kind_description": DESCRIPTIONS[kind],
    })
    deliver_mail.enqueue(
        to=member.email,
        subject=f"[{settings.SITE_NAME}] {subject}",
        body=body,
        headers={"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                 **AUTOMATIC},
        reply_to=reply_to,
    )
    return True


@task(takes_context=True)
def deliver_mail(context, *, to: str, subject: str, body: str, headers: dict, reply_to: str = "") -> None:
    """Hand one rendered mail to the mail server; an error fails the attempt, to be tried again.

    Mail is sent at least once: a worker killed after the server took a mail but before it
    answered sends it again. The Message-ID is the task's, on the site's domain, so every
    attempt is the same message and mail programs show one."""
    message_id = f"<{context.task_result.id}@{urlsplit(settings.SITE_URL).hostname}>"
    EmailMessage(subject=subject, body=body, to=[to], headers={**headers, "Message-ID": message_id},
                 reply_to=[reply_to] if reply_to else None).send()


def forget_sent_mail(sender, task_result, **kwargs) -> None:
    """task_finished receiver: a sent mail's task goes at once, with the address and text it held."""
    if task_result.status == TaskResultStatus.SUCCESSFUL and task_result.task.func is deliver_mail.func:
        DBTaskResult.objects.filter(pk=task_result.id).delete()


def forget_mail_to(address: str) -> None:
    """A deleted member's mail, sent or waiting, goes with their account: the tasks hold
    the address and the text written to them."""
    DBTaskResult.objects.filter(task_path=deliver_mail.module_path, args_kwargs__kwargs__to=address).delete()


def unsubscribe_url(member: User, kind: str) -> str:
    token = signing.dumps({"member": member.pk, "kind": kind}, salt=_SALT, compress=True)
    return settings.SITE_URL + reverse("accounts:unsubscribe", args=[token])


def read_unsubscribe_token(token: str) -> tuple[User, str] | None:
    """The member and kind a link was signed for, or None for a tampered or unknown one."""
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("kind") not in PREFERENCES:
        return None
    member = User.objects.filter(pk=data.get("member"), is_active=True).first()
    return (member, data["kind"]) if member else None

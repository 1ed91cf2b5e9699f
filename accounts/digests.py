"""Daily and weekly digests: what waited for a member's digest, sent as one mail per kind.

`manage.py send_digests daily` (and `weekly`), from cron or a systemd timer, queues
send_digests; it queues one send_digest per member and kind. Each send_digest claims its
notifications in one transaction and queues the mail in it, so a digest goes once, however
many workers run and however often the job is started: a second claim finds nothing due.
"""

from django.db import transaction
from django.db.models import Q
from django_tasks import task

from accounts.mail import DELIVERIES, DESCRIPTIONS, send_member_mail
from accounts.models import Delivery, Notification, User

PERIODS = {"daily": Delivery.DAILY, "weekly": Delivery.WEEKLY}


def due(period: str) -> list[tuple[int, str]]:
    """The members and kinds with something waiting whose digest this period sends. The daily run
    also sends what waits for members who have since chosen each mail as it happens."""
    chosen = [PERIODS[period]] + ([Delivery.EACH] if period == "daily" else [])
    wanted = Q()
    for kind, field in DELIVERIES.items():
        wanted |= Q(kind=kind, **{f"member__{field}__in": chosen})
    waiting = Notification.objects.filter(wanted, digest_due=True, member__is_active=True)
    return list(waiting.values_list("member_id", "kind").distinct().order_by("member_id", "kind"))


@task()
def send_digests(*, period: str) -> int:
    """Queue this period's digests, one task each; the number queued."""
    if period not in PERIODS:
        raise ValueError(f"Unknown digest period {period!r}")
    queued = due(period)
    for member_id, kind in queued:
        send_digest.enqueue(member_id=member_id, kind=kind, period=period)
    return len(queued)


@task()
def send_digest(*, member_id: int, kind: str, period: str) -> bool:
    """One member's digest of one kind: claimed and queued as mail in one transaction; True if sent."""
    with transaction.atomic():
        # Locked, so a second worker with the same task waits here and then finds them claimed.
        items = list(Notification.objects.select_for_update().filter(member_id=member_id, kind=kind, digest_due=True)
                     .order_by("created_at", "pk"))
        if not items:
            return False
        Notification.objects.filter(pk__in=[item.pk for item in items]).update(digest_due=False, digest_text="")
        member = User.objects.get(pk=member_id)
        count = len(items)
        return send_member_mail(
            member=member, kind=kind, template="accounts/email/digest.txt",
            subject=f"Your {'weekly' if period == 'weekly' else 'daily'} digest: {count} "
                    f"{'item' if count == 1 else 'items'}, {DESCRIPTIONS[kind]}",
            context={"items": items, "period": period, "description": DESCRIPTIONS[kind]},
        )

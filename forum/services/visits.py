"""How far members have read each conversation."""

from django.utils import timezone

from forum.models import Article, ThreadVisit


_UNREAD = object()


def record_visit(*, member, article: Article, before=_UNREAD) -> int | None:
    """Note that the member has now read the conversation to its last comment; return where
    they had read to before (None on a first visit, when nothing is marked new): given as
    before when the caller read it already (queries.reading), else read here. At most two
    queries, none when the member had read it all."""
    if before is _UNREAD:
        before = (ThreadVisit.objects.filter(member=member, article=article)
                  .values_list("last_seen_number", flat=True).first())
    if before != article.last_comment_number:
        ThreadVisit.objects.bulk_create(
            [ThreadVisit(member=member, article=article, last_seen_number=article.last_comment_number,
                         visited_at=timezone.now())],
            update_conflicts=True, unique_fields=["member", "article"],
            update_fields=["last_seen_number", "visited_at"],
        )
    return before

"""How far members have read each conversation."""

from django.utils import timezone

from forum.models import Article, ThreadVisit


def record_visit(*, member, article: Article, before: int | None) -> int | None:
    """Note that the member has now read the conversation to its last comment, having read to
    before (queries.reading; None on a first visit, when nothing is marked new); return before.
    One query, none when the member had read it all."""
    if before != article.last_comment_number:
        ThreadVisit.objects.bulk_create(
            [ThreadVisit(member=member, article=article, last_seen_number=article.last_comment_number,
                         visited_at=timezone.now())],
            update_conflicts=True, unique_fields=["member", "article"],
            update_fields=["last_seen_number", "visited_at"],
        )
    return before

"""Screen every stored comment again, after the rules or watched phrases changed."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from forum import services
from forum.models import Comment


class Command(BaseCommand):
    help = "Re-screen all comments with the current rules, showing progress."

    def handle(self, *args, **options):
        comments = Comment.objects.order_by("pk")
        before = dict(Comment.objects.values_list("pk", "status"))
        changed = 0
        for comment in tqdm(comments.iterator(chunk_size=500), total=comments.count(), unit="comment",
                            file=sys.stderr, disable=None):
            comment = services.rescreen_comment(comment=comment)
            changed += comment.status != before[comment.pk]
        self.stdout.write(self.style.SUCCESS(f"Re-screened {len(before)} comments; {changed} changed state."))

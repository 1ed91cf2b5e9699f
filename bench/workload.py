"""Conversations with the shape of real ones, for the in-process benchmarks.

About 60 % of comments start a thread; the rest reply at depths 2 to 5, fewer the deeper; the
early threads collect most replies (a Zipf-like spread over threads, as readers answer what
they see first). Bodies are 100-800 characters of forum words; one in fifty holds the rare word
that search is measured with. Fixed seed: the same workload every run.
"""

import random
from bisect import bisect

WORDS = ("sleep pain magnesium doctor fog flare walking diet tired study dose morning better worse "
         "pacing notes week months helped nothing changed appointment specialist").split()
RARE_WORD = "insula"
TOP_LEVEL = 0.6
REPLY_DEPTHS = {2: 0.55, 3: 0.25, 4: 0.13, 5: 0.07}
BATCH = 5000


def thread_shape(count: int, rng: random.Random) -> list[int | None]:
    """The parent (an index into the list) of each of `count` comments, None for a new thread."""
    parents, roots, by_depth = [], [], []  # by_depth[thread][d]: indices at depth d
    harmonic = []  # running sums of 1/rank over the threads: the Zipf weights, kept as they grow
    depths, depth_weights = list(REPLY_DEPTHS), list(REPLY_DEPTHS.values())
    for index in range(count):
        if not roots or rng.random() < TOP_LEVEL:
            parents.append(None)
            roots.append(index)
            by_depth.append({1: [index]})
            harmonic.append((harmonic[-1] if harmonic else 0.0) + 1 / len(roots))
            continue
        thread = bisect(harmonic, rng.random() * harmonic[-1], 0, len(harmonic) - 1)
        wanted = rng.choices(depths, depth_weights)[0]
        levels = by_depth[thread]
        above = max(level for level in levels if level < wanted)  # as deep as the thread allows
        parent = rng.choice(levels[above])
        parents.append(parent)
        levels.setdefault(above + 1, []).append(index)
    return parents


def body(rng: random.Random) -> str:
    words, length = [], rng.randint(100, 800)
    while sum(len(word) + 1 for word in words) < length:
        words.append(rng.choice(WORDS))
    return " ".join(words).capitalize() + "."


def new_article(slug: str = "pacing", title: str = "Pacing"):
    from django.utils import timezone

    from forum.models import Article, Category

    topic, _ = Category.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    return Article.objects.create(kind=Article.Kind.ARTICLE, title=title, slug=slug, category=topic,
                                  byline="Bench", body="<p>Body.</p>", body_html="<p>Body.</p>", body_text="Body.",
                                  published_at=timezone.now() - timezone.timedelta(days=700))


class Conversation:
    """An article growing along one thread shape: grow(total) adds comments up to `total`.

    Comments are stored in batches, each batch a level at a time, so a reply's parent has its
    key before the reply is stored; numbers and times follow posting order.
    """

    def __init__(self, article, rng: random.Random, author_of, *, shape_for: int,
                 labelled=lambda index: False):
        from django.utils import timezone

        self.article, self.rng, self.author_of, self.labelled = article, rng, author_of, labelled
        self.parents = thread_shape(shape_for, rng)
        self.made = []
        # 100,000 comments at these intervals take 540 days; they all end before now.
        self.clock = timezone.now() - timezone.timedelta(days=600)

    def grow(self, total: int) -> list:
        from django.db import transaction
        from django.utils import timezone

        from forum.models import Article, Comment
        from forum.sanitize import render_comment

        start = len(self.made)
        self.article.refresh_from_db()
        number = self.article.last_comment_number  # posts made in between (bench/pages.py) keep theirs
        with transaction.atomic():
            for first in range(start, total, BATCH):
                batch = []
                for index in range(first, min(first + BATCH, total)):
                    self.clock += timezone.timedelta(seconds=self.rng.randint(30, 900))
                    text = body(self.rng) + (f" {RARE_WORD}." if index % 50 == 7 else "")
                    parent = self.parents[index]
                    number += 1
                    batch.append(Comment(article=self.article, number=number,
                                         depth=1 if parent is None else self._at(parent, batch, first).depth + 1,
                                         author=self.author_of(index), body=text, body_html=render_comment(text),
                                         created_at=self.clock, is_labelled=self.labelled(index)))
                for depth in sorted({comment.depth for comment in batch}):
                    for index, comment in enumerate(batch, start=first):
                        if comment.depth == depth and self.parents[index] is not None:
                            comment.parent = self._at(self.parents[index], batch, first)
                    Comment.objects.bulk_create([comment for comment in batch if comment.depth == depth])
                self.made.extend(batch)
            Article.objects.filter(pk=self.article.pk).update(last_comment_number=number,
                                                              last_activity_at=self.clock)
        self.article.refresh_from_db()
        return self.made[start:]

    def _at(self, index: int, batch: list, first: int):
        """The index-th comment of the conversation, stored or in the batch being stored."""
        return self.made[index] if index < first else batch[index - first]


def conversation(count: int, rng: random.Random, author_of, labelled=lambda index: False):
    """An article whose `count` comments have the shape above, the index-th written by
    author_of(index); returns the article (with its last number) and the comments in order."""
    grown = Conversation(new_article(), rng, author_of, shape_for=count, labelled=labelled)
    grown.grow(count)
    return grown.article, grown.made

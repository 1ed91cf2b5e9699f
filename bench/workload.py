"""Conversations with the shape of real ones, for the in-process benchmarks.

About 60 % of comments start a thread; the rest reply at depths 2 to 5, fewer the deeper; the
early threads collect most replies (a Zipf-like spread over threads, as readers answer what
they see first). Bodies are 100-800 characters of forum words. Fixed seed: the same workload
every run.
"""

import random

WORDS = ("sleep pain magnesium doctor fog flare walking diet tired study dose morning better worse "
         "pacing notes week months helped nothing changed appointment specialist").split()
TOP_LEVEL = 0.6
REPLY_DEPTHS = {2: 0.55, 3: 0.25, 4: 0.13, 5: 0.07}


def thread_shape(count: int, rng: random.Random) -> list[int | None]:
    """The parent (an index into the list) of each of `count` comments, None for a new thread."""
    parents, depth, roots, by_depth = [], [], [], []  # by_depth[thread][d]: indices at depth d
    for index in range(count):
        if not roots or rng.random() < TOP_LEVEL:
            parents.append(None)
            depth.append(1)
            roots.append(index)
            by_depth.append({1: [index]})
            continue
        weights = [1 / rank for rank in range(1, len(roots) + 1)]
        thread = rng.choices(range(len(roots)), weights)[0]
        wanted = rng.choices(list(REPLY_DEPTHS), list(REPLY_DEPTHS.values()))[0]
        levels = by_depth[thread]
        above = max(level for level in levels if level < wanted)  # as deep as the thread allows
        parent = rng.choice(levels[above])
        parents.append(parent)
        depth.append(above + 1)
        levels.setdefault(above + 1, []).append(index)
    return parents


def body(rng: random.Random) -> str:
    words, length = [], rng.randint(100, 800)
    while sum(len(word) + 1 for word in words) < length:
        words.append(rng.choice(WORDS))
    return " ".join(words).capitalize() + "."


def conversation(count: int, rng: random.Random, author_of, labelled=lambda index: False):
    """An article whose `count` comments have the shape above, the index-th written by
    author_of(index); returns the article (with its last number) and the comments in order."""
    from django.db import transaction
    from django.utils import timezone

    from forum.models import Article, Category, Comment
    from forum.sanitize import render_comment

    topic = Category.objects.create(name="Bench", slug="bench")
    article = Article.objects.create(kind=Article.Kind.ARTICLE, title="Pacing", slug="pacing", category=topic,
                                     byline="Bench", body="<p>Body.</p>", body_html="<p>Body.</p>", body_text="Body.",
                                     published_at=timezone.now() - timezone.timedelta(days=30))
    clock = timezone.now() - timezone.timedelta(days=20)
    made = []
    with transaction.atomic():
        for index, parent in enumerate(thread_shape(count, rng)):
            clock += timezone.timedelta(seconds=rng.randint(30, 900))
            author = author_of(index)
            text = body(rng)
            made.append(Comment.objects.create(
                article=article, number=index + 1, parent=made[parent] if parent is not None else None,
                depth=made[parent].depth + 1 if parent is not None else 1, author=author, body=text,
                body_html=render_comment(text), created_at=clock, is_labelled=labelled(index)))
        Article.objects.filter(pk=article.pk).update(last_comment_number=count, last_activity_at=clock)
    return Article.objects.get(pk=article.pk), made

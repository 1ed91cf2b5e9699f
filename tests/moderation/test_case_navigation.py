"""Moving through the queue from a case page, and what the case page says about the post."""

from django.urls import reverse
from pytest_django.asserts import assertContains

from moderation import services as moderation
from moderation.models import Case
from moderation.queries import queue_neighbours
from tests.moderation.helpers import post


def open_cases_in_queue_order():
    return list(Case.objects.filter(state=Case.State.OPEN).values_list("pk", flat=True))


def test_previous_and_next_follow_the_queues_order(article):
    post(article, text="I want to end my life, nothing helps.")  # crisis first
    for n in range(4):
        post(article, text=f"Avoid dietary glutamate at all costs, it is the root cause of fibromyalgia. {n}")
    post(article, text="Turmeric cures arthritis, everyone knows it.")
    Case.objects.filter(pk=Case.objects.order_by("pk").values_list("pk", flat=True)[2]).update(report_count=2)
    order = open_cases_in_queue_order()
    assert len(order) == 6
    for index, pk in enumerate(order):
        before, after = queue_neighbours(Case.objects.get(pk=pk))
        assert before == (order[index - 1] if index else None)
        assert after == (order[index + 1] if index + 1 < len(order) else None)


def test_the_case_page_links_its_neighbours_and_says_the_post_is_held(moderator_client, article):
    for n in range(3):
        post(article, text=f"Avoid dietary glutamate at all costs, it is the root cause of fibromyalgia. {n}")
    first, second, third = open_cases_in_queue_order()
    page = moderator_client.get(reverse("moderation:case", args=[second]))
    assertContains(page, f'href="{reverse("moderation:case", args=[first])}" data-key="p" rel="prev"')
    assertContains(page, f'href="{reverse("moderation:case", args=[third])}" data-key="n" rel="next"')
    assertContains(page, "The post is <strong>held</strong>: only its author sees it until you decide.")
    assertContains(page, "moderation/moderation.js")
    assertContains(page, '<p data-for="reject">')  # the reason, shown for a rejection only (with the script)


def test_the_case_page_says_a_reported_post_still_shown_is_public(moderator_client, article, member):
    comment = post(article, text="Magnesium helped me sleep.")
    moderation.report_post(reporter=member, post=comment, reason="spam")
    page = moderator_client.get(reverse("moderation:case", args=[Case.objects.get().pk]))
    assertContains(page, "The post is <strong>public</strong>")

"""Watched phrases managed from the queue's pages, the statistics page, and the pure helpers behind them."""

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from moderation import services as moderation
from moderation.charts import Week, weekly_chart
from moderation.highlight import Segment, highlight
from moderation.models import AuditEntry, Case, WatchedPhrase
from tests.moderation.helpers import post


def test_moderators_add_edit_and_remove_watched_phrases(moderator_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(reverse("moderation:phrase_add"), {
            "pattern": "graviola", "action": "hold", "note": "Sold as a cancer cure", "is_active": "on",
        })
    assert response.status_code == 302
    phrase = WatchedPhrase.objects.get()
    assert moderation.screen_text("Try G r a v i o l a tea").action == "hold"
    assertContains(moderator_client.get(reverse("moderation:phrases")), "Sold as a cancer cure")

    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(reverse("moderation:phrase_edit", args=[phrase.pk]), {
            "pattern": "graviola", "action": "block", "note": "Sold as a cancer cure",
        })
    phrase.refresh_from_db()
    assert (phrase.action, phrase.is_active) == ("block", False)

    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(reverse("moderation:phrase_delete", args=[phrase.pk]))
    assert not WatchedPhrase.objects.exists()
    actions = list(AuditEntry.objects.order_by("created_at", "pk").values_list("action", flat=True))
    assert actions == ["phrase_add", "phrase_change", "phrase_delete"]
    change = AuditEntry.objects.get(action="phrase_change")
    assert (change.before["action"], change.after["action"]) == ("hold", "block")


@pytest.mark.parametrize("data, message", [
    ({"pattern": "(a+)+(", "is_regex": "on", "action": "hold"}, "not a valid regular expression"),
    ({"pattern": "   ", "action": "hold"}, "This field is required."),
    ({"pattern": "x", "action": "delete-all"}, "Select a valid choice."),
])
def test_a_bad_watched_phrase_is_refused_and_nothing_saved(moderator_client, data, message):
    response = moderator_client.post(reverse("moderation:phrase_add"), data)
    assertContains(response, message, status_code=400)
    assert not WatchedPhrase.objects.exists() and not AuditEntry.objects.exists()


def test_members_cannot_change_watched_phrases(member_client, db):
    phrase = WatchedPhrase.objects.create(pattern="graviola", action="hold")
    assert member_client.post(reverse("moderation:phrase_delete", args=[phrase.pk])).status_code == 403
    assert WatchedPhrase.objects.exists()


def test_the_statistics_page_shows_queue_size_time_to_decision_and_upheld_flags(moderator_client, moderator,
                                                                                  article):
    kept = post(article, text="Stop taking your antidepressant, it cures nothing.")
    overturned = post(article, text="Avoid dietary glutamate at all costs, it is the root cause of pain.")
    post(article, text="Turmeric cures arthritis, guaranteed.")
    two_hours_ago = timezone.now() - timezone.timedelta(hours=2)
    Case.objects.update(opened_at=two_hours_ago)
    moderation.decide_case(case=Case.objects.get(object_id=kept.pk), moderator=moderator, action="reject",
                           reason="Medication advice")
    moderation.decide_case(case=Case.objects.get(object_id=overturned.pk), moderator=moderator, action="approve")

    response = moderator_client.get(reverse("moderation:stats"))
    assert response.context["open_count"] == 1
    assert response.context["decided_count"] == 2
    assert response.context["median_hours"] == pytest.approx(2.0, abs=0.1)
    assert response.context["upheld_percent"] == 50
    rows = {row.category: (row.decided, row.upheld) for row in response.context["categories"]}
    assert rows["medication_change"] == (1, 1)
    assert rows["causal"] == (1, 0)
    weekly = dict(response.context["category_weeks"])
    assert weekly["Change to medication"][-1] == (1, 1) and weekly["Causal or effect claim"][-1] == (1, 0)
    assertContains(response, "<td>1/1</td>")
    assertContains(response, "<svg")
    assertContains(response, "2 decided</title>")
    assertContains(response, "50% upheld</title>")


def test_the_statistics_page_shows_how_often_each_rule_and_model_band_was_upheld(moderator_client, moderator,
                                                                                  article):
    upheld = post(article, text="Avoid dietary glutamate at all costs.")
    overturned = post(article, text="Avoid processed food if you can, at all costs.")
    moderation.decide_case(case=Case.objects.get(object_id=upheld.pk), moderator=moderator, action="label")
    moderation.decide_case(case=Case.objects.get(object_id=overturned.pk), moderator=moderator, action="approve")

    response = moderator_client.get(reverse("moderation:stats"))
    rules = {row.name: (row.decided, row.upheld, row.percent) for row in response.context["rules_upheld"]}
    assert rules["Certainty or absolute claim: absolute advice"] == (2, 1, 50)
    assert rules["Directive health advice: tells readers what to do about their health"][0] >= 1
    # Least often upheld first, so a rule moderators overturn stands out.
    percents = [row.percent for row in response.context["rules_upheld"]]
    assert percents == sorted(percents)
    assert sum(row.decided for row in response.context["model_bands"]) == 2
    assertContains(response, "Flags upheld per rule")
    assertContains(response, "<td>Certainty or absolute claim: absolute advice</td><td>2</td><td>1</td>")


def test_the_statistics_page_works_with_nothing_decided(moderator_client, db):
    response = moderator_client.get(reverse("moderation:stats"))
    assertContains(response, "No automatically flagged case has been decided")
    assertContains(response, "No rule's flag has been decided in this period.")
    assertContains(response, "No case scored by the model has been decided in this period.")
    assertNotContains(response, "<polyline")


def test_highlight_splits_overlapping_spans_into_runs_that_cover_the_text():
    spans = [{"start": 0, "end": 5, "category": "directive", "reason": "advice"},
             {"start": 3, "end": 9, "category": "certainty", "reason": "absolute"},
             {"start": 50, "end": 60, "category": "causal", "reason": "stale span past the end"}]
    segments = highlight("Avoid it always.", spans)
    assert "".join(s.text for s in segments) == "Avoid it always."
    assert segments[:3] == [
        Segment("Avo", ("advice",), ("directive",)),
        Segment("id", ("advice", "absolute"), ("directive", "certainty")),
        Segment(" it ", ("absolute",), ("certainty",)),
    ]
    assert segments[-1] == Segment("always.")


def test_the_chart_scales_bars_to_the_busiest_week_and_skips_weeks_without_flags():
    chart = weekly_chart([Week("Nov 2", 4, 50), Week("Nov 9", 0, None), Week("Nov 16", 2, 100)])
    heights = [bar.height for bar in chart.bars]
    assert heights[0] == pytest.approx(2 * heights[2]) and heights[1] == 0
    assert len(chart.points) == 2
    assert chart.points[1][1] < chart.points[0][1]  # 100% is drawn above 50%

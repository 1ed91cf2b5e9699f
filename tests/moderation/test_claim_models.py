"""Versions of the claim model where the site runs: retrained from moderators' decisions as a task,
compared with the version in use, switched to and rolled back by staff, each verdict naming its version."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from moderation import services as moderation
from moderation.models import AuditEntry, Case, ClaimModel, LabelledExample
from moderation.screening.model import MODEL_FILE
from moderation.services.screening import screen_text
from tests.factories import UserFactory
from tests.moderation.helpers import post

FORUM = Path(__file__).resolve().parents[1] / "data" / "forum-claims.tsv"
PAGE = reverse("moderation:claim_models")

# A kind of claim the shipped model mostly lets through: grounding, copper and magnets for tinnitus.
MISSED = [
    "Earthing mats sorted out my husband's tinnitus, everyone with ringing ears should sleep on one.",
    "Put your bare feet on the lawn for twenty minutes and the tinnitus goes quiet, every time.",
    "Grounding sheets reset the nerves in your inner ear so the whistling stops.",
    "A magnet taped behind each ear silences tinnitus for good.",
    "Sleep on a grounding mat and your tinnitus fades, mine went in a fortnight.",
    "Ten minutes on a grounding mat and the hum in my ears is gone, it will be for you too.",
    "Copper patches behind the ears quieten tinnitus, anyone with ringing should try them.",
    "A grounding mat under your desk stops the ear ringing, it worked for my whole office.",
    "Tinnitus goes away when you sleep grounded, the earth's charge calms the ear nerves.",
]
UNSEEN = [
    "Barefoot on the grass each morning and your tinnitus calms down, trust me.",
    "Copper bracelets draw the buzzing out of your ears, my whole family swears by them.",
]


@pytest.fixture
def staff(db):
    user = UserFactory(display_name="Staff Sam", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="switch_claimmodel"))
    return user


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def small_files(settings, tmp_path):
    # A third of the forum file keeps cross-validation quick; both labels and every source are in it.
    return training_files(settings, tmp_path, every=3)


@pytest.fixture
def forum_files(settings, tmp_path):
    # The whole forum file: on a third, which rows fall in which fold moves F1 by more than a point.
    return training_files(settings, tmp_path, every=1)


def training_files(settings, tmp_path, *, every: int) -> Path:
    lines = FORUM.read_text(encoding="utf-8").splitlines()
    data = tmp_path / "forum-rows.tsv"
    data.write_text("\n".join([lines[0]] + lines[1::every]) + "\n", encoding="utf-8")
    settings.MODERATION_TRAINING_FILES = [str(data), str(tmp_path / "missing.tsv")]
    return data


def shipped() -> ClaimModel:
    return ClaimModel.objects.get(is_shipped=True)


def ready_version(**fields) -> ClaimModel:
    return ClaimModel.objects.create(state=ClaimModel.State.READY, compared_with=shipped(),
                                     weights=json.loads(MODEL_FILE.read_text(encoding="utf-8")), **fields)


def test_the_shipped_model_is_version_one_in_use_and_each_verdict_names_its_version(db):
    assert list(ClaimModel.objects.values_list("is_shipped", "is_active", "state")) == [(True, True, "ready")]
    assert screen_text("Turmeric cures arthritis.").model_version == shipped().pk


def test_the_verdict_kept_with_a_case_names_the_version(article, moderator_client):
    case = Case.objects.get(object_id=post(article).pk)
    assert case.flags.get().verdict["model_version"] == shipped().pk
    page = moderator_client.get(case.get_absolute_url()).text
    assert f'#version-{shipped().pk}">version {shipped().pk}</a> of the claim model' in page


def test_moderators_see_the_versions_but_only_staff_may_retrain_or_switch(moderator_client, staff):
    page = moderator_client.get(PAGE)
    assert page.status_code == 200 and "Version 1 (shipped)" in page.text and "In use" in page.text
    assert "Retrain</button>" not in page.text
    assert moderator_client.post(PAGE).status_code == 403
    version = ready_version()
    assert moderator_client.post(reverse("moderation:claim_model_switch", args=[version.pk])).status_code == 403
    assert ClaimModel.objects.filter(is_active=True).get() == shipped()
    assert ClaimModel.objects.count() == 2 and not AuditEntry.objects.exists()


def test_members_and_visitors_cannot_open_the_page(client, member_client):
    assert member_client.get(PAGE).status_code == 403
    client.logout()
    assert client.get(PAGE).status_code == 302


def test_switching_reaches_screening_at_once_and_rollback_is_one_click(staff_client, staff,
                                                                       django_capture_on_commit_callbacks):
    version = ready_version()
    assert screen_text("Turmeric cures arthritis.").model_version == shipped().pk  # the version in use is cached
    switch = reverse("moderation:claim_model_switch", args=[version.pk])
    with django_capture_on_commit_callbacks(execute=True):
        page = staff_client.post(switch, follow=True)
    assert f"Screening uses Version {version.pk} from the next post on." in page.text
    assert screen_text("Turmeric cures arthritis.").model_version == version.pk
    entry = AuditEntry.objects.get(action=AuditEntry.Action.MODEL_SWITCH)
    assert (entry.actor, entry.before, entry.after) == (staff, {"version": shipped().pk}, {"version": version.pk})

    assert "Roll back to Version 1 (shipped)" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("moderation:claim_model_switch", args=[shipped().pk]))
    assert screen_text("Turmeric cures arthritis.").model_version == shipped().pk
    assert AuditEntry.objects.filter(action=AuditEntry.Action.MODEL_SWITCH).count() == 2
    assert f"Roll back to Version {version.pk}" in staff_client.get(PAGE).text


@pytest.mark.parametrize("state", [ClaimModel.State.TRAINING, ClaimModel.State.FAILED])
def test_a_version_that_did_not_finish_cannot_be_used(staff_client, state):
    version = ClaimModel.objects.create(state=state)
    response = staff_client.post(reverse("moderation:claim_model_switch", args=[version.pk]))
    assert response.status_code == 409 and "Only a version that finished training can be used." in response.text
    assert ClaimModel.objects.get(is_active=True) == shipped()


def test_switching_to_a_missing_version_is_404_and_to_the_one_in_use_409(staff_client):
    assert staff_client.post(reverse("moderation:claim_model_switch", args=[999])).status_code == 404
    assert staff_client.get(reverse("moderation:claim_model_switch", args=[shipped().pk])).status_code == 405
    response = staff_client.post(reverse("moderation:claim_model_switch", args=[shipped().pk]))
    assert response.status_code == 409 and "is already the one in use" in response.text


def test_one_version_trains_at_a_time(staff_client, small_files):
    assert staff_client.post(PAGE).status_code == 302
    response = staff_client.post(PAGE)
    assert response.status_code == 409 and "already being trained" in response.text
    assert ClaimModel.objects.filter(state=ClaimModel.State.TRAINING).count() == 1
    assert AuditEntry.objects.filter(action=AuditEntry.Action.MODEL_TRAIN).count() == 1


def test_training_without_readable_files_fails_and_says_why(staff_client, settings, tmp_path, run_tasks):
    settings.MODERATION_TRAINING_FILES = [str(tmp_path / "gone.tsv")]
    staff_client.post(PAGE)
    run_tasks()
    version = ClaimModel.objects.get(is_shipped=False)
    assert version.state == ClaimModel.State.FAILED
    page = staff_client.get(PAGE).text
    assert "Training failed: None of the labelled files" in page and f"Use Version {version.pk}" not in page


def test_a_version_that_cannot_be_read_screens_with_the_shipped_model(db):
    version = ClaimModel.objects.create(state=ClaimModel.State.READY, weights={"format": 0})
    ClaimModel.objects.update(is_active=False)
    ClaimModel.objects.filter(pk=version.pk).update(is_active=True)
    verdict = screen_text("Turmeric cures arthritis.")
    assert verdict.model_version is None and verdict.model_probability is not None


def label_as_claim(article, moderator, text):
    comment = post(article, text=text)
    moderation.report_post(reporter=UserFactory(), post=comment, reason="misinformation")
    moderation.decide_case(case=Case.objects.get(object_id=comment.pk), moderator=moderator, action="label",
                           reason="Unverified claim.")


def test_moderators_decisions_on_missed_claims_retrain_a_version_that_catches_them(
        article, moderator, staff_client, staff, forum_files, run_tasks, django_capture_on_commit_callbacks):
    assert sum(screen_text(text).action == "publish" for text in MISSED) >= len(MISSED) // 2
    assert all(screen_text(text).action == "publish" for text in UNSEEN)
    for text in MISSED:
        label_as_claim(article, moderator, text)
    assert LabelledExample.objects.filter(is_claim=True).count() == len(MISSED)

    assert staff_client.post(PAGE).status_code == 302
    run_tasks()
    version = ClaimModel.objects.get(is_shipped=False)
    assert version.state == ClaimModel.State.READY, version.error
    assert version.compared_with == shipped() and not version.is_active
    assert version.provenance["moderators_decisions"] == len(MISSED)
    assert version.provenance["missing_files"] == [str(forum_files.parent / "missing.tsv")]
    # Not worse on the files, on the same folds as the version in use.
    mine = version.provenance["cross_validated"]["overall"]["rules or model"]
    theirs = version.comparison["cross_validated"]["overall"]["rules or model"]
    assert mine["f1"] >= theirs["f1"] - 0.01
    # The newest decisions, held out of the fit that scores them.
    assert version.provenance["newest_decisions"]["count"] == 2
    page = staff_client.get(PAGE).text
    assert f"Use Version {version.pk}" in page and "Moderators&#x27; newest 2 decisions" in page
    assert f"F1 {mine['f1']:.3f}" in page and f"F1 {theirs['f1']:.3f}" in page

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("moderation:claim_model_switch", args=[version.pk]))
    verdicts = [screen_text(text) for text in MISSED + UNSEEN]
    assert [verdict.action for verdict in verdicts] == ["label"] * len(MISSED + UNSEEN)
    assert {verdict.model_version for verdict in verdicts} == {version.pk}


def test_a_retrained_baseline_is_measured_with_the_decisions_it_learnt_from(staff_client, small_files, run_tasks):
    decided = [LabelledExample.objects.create(text=text, is_claim=True, decision="labelled") for text in MISSED]
    decided += [LabelledExample.objects.create(text="Thanks, that helped me find my way round the clinic.",
                                               is_claim=False, decision="approved")]
    # The version in use learnt from all but the newest decision.
    baseline = ready_version(decisions_until=decided[-2].decided_at)
    ClaimModel.objects.update(is_active=False)
    ClaimModel.objects.filter(pk=baseline.pk).update(is_active=True)
    staff_client.post(PAGE)
    run_tasks()
    version = ClaimModel.objects.get(compared_with=baseline)
    assert version.state == ClaimModel.State.READY, version.error
    assert version.provenance["newest_decisions"]["count"] == 2
    assert version.comparison["newest_decisions"]["seen_in_training"] == 1
    assert "overall" in version.comparison["cross_validated"]

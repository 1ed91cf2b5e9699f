"""The trained model beside the rules, and the moderators' decisions it learns from."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from sklearn.linear_model import LogisticRegression

from forum import services as forum
from moderation import services as moderation
from moderation.learning import training
from moderation.learning.evaluation import Example, sha256
from moderation.models import Case, LabelledExample
from moderation.screening.model import MODEL_FILE, PROVENANCE_FILE, Model, trained
from moderation.screening.verdict import Policy, screen
from moderation.services.screening import labelled_examples, visible_post
from tests.moderation.helpers import CLAIM, post

FORUM = Path(__file__).resolve().parents[1] / "data" / "forum-claims.tsv"
POLICY = Policy()


def test_the_committed_model_loads_is_small_and_says_where_it_came_from():
    model = trained()
    assert 0 < model.threshold < 1 and len(model.index) > 1000
    assert MODEL_FILE.stat().st_size <= 5 * 1024 * 1024
    provenance = json.loads(PROVENANCE_FILE.read_text(encoding="utf-8"))
    assert {entry["name"] for entry in provenance["files"]} >= {"forum-claims.tsv", "health-claims-dev.tsv"}
    forum_entry = next(entry for entry in provenance["files"] if entry["name"] == "forum-claims.tsv")
    assert forum_entry["sha256"] == sha256(FORUM)  # the committed model was trained on the file as it is
    assert provenance["parameters"]["threshold"] == model.threshold
    assert provenance["cross_validated"]["overall"]["rules or model"]["f1"] == provenance["f1"]
    assert provenance["cross_validated"]["by_source"]["forum"]["rules or model"]["f1"] >= 0.85


def test_the_model_is_loaded_once_per_process():
    assert trained() is trained()


def test_plain_python_scoring_matches_the_fitted_classifier(db, monkeypatch):
    examples = labelled_examples([(text, label, "t") for text, label in [
        ("Turmeric cures arthritis.", 1), ("Sugar feeds cancer.", 1), ("Magnesium prevents migraines.", 1),
        ("Thanks for the article.", 0), ("Has anyone tried yoga?", 0), ("My cat sleeps on my feet.", 0),
    ] * 2])
    fitted = {}
    original = training._classifier

    def keep(matrix, labels, *, c):
        fitted["classifier"] = original(matrix, labels, c=c)
        return fitted["classifier"]

    monkeypatch.setattr(training, "_classifier", keep)
    model = Model(training.fit(examples, c=10))
    vectoriser = training.Vectoriser.learn([example.text for example in examples])
    texts = ["garlic cures colds.", "has anyone tried garlic?"]
    expected = fitted["classifier"].predict_proba(vectoriser.matrix(texts))[:, 1]
    assert [model.probability(text) for text in texts] == pytest.approx(list(expected), abs=1e-4)
    assert isinstance(fitted["classifier"], LogisticRegression)


def test_a_claim_only_the_model_finds_is_labelled_with_the_words_that_weighed_most():
    text = "Manuka honey wipes out stubborn chest infections in days."
    rules_only = screen(text, policy=POLICY)
    verdict = screen(text, policy=POLICY, model=trained())
    assert rules_only.score < POLICY.flag_threshold
    assert verdict.score >= POLICY.flag_threshold and verdict.rules_score == rules_only.score
    assert verdict.categories == ("model",) and verdict.action == "label"
    assert "weighed most:" in verdict.reasons[0]
    highlighted = [text[span.start:span.end] for span in verdict.spans if span.category == "model"]
    assert highlighted and all(word in text for word in highlighted)


def test_the_model_alone_never_holds_a_post():
    verdict = screen("Garlic cures every infection, it kills all bacteria and viruses.", policy=POLICY,
                     model=Model({**json.loads(MODEL_FILE.read_text(encoding="utf-8")), "intercept": 50.0}))
    assert verdict.model_probability == 1.0 and verdict.score < POLICY.hold_threshold
    assert verdict.action == "label"


def test_the_rules_spans_and_reasons_stay_when_the_model_agrees():
    verdict = screen("Avoid dietary glutamate at all costs.", policy=POLICY, model=trained())
    assert {"directive", "certainty"} <= set(verdict.categories) and "model" not in verdict.categories
    assert verdict.score >= verdict.rules_score


@pytest.fixture
def claim_case(article, member):
    return Case.objects.get(object_id=post(article, author=member, text=f"<b>{CLAIM}</b>").pk)


@pytest.mark.parametrize("action, is_claim", [("approve", False), ("label", True), ("reject", True)])
def test_every_decision_on_a_screened_claim_becomes_a_labelled_example(claim_case, moderator, action, is_claim):
    moderation.decide_case(case=claim_case, moderator=moderator, action=action, reason="Unsupported.")
    example = LabelledExample.objects.get()
    assert example.is_claim is is_claim and example.decided_by == moderator
    assert example.text == CLAIM  # the text readers saw, without the markup
    assert example.decision == Case.objects.get(pk=claim_case.pk).state


def test_an_edit_of_a_claim_is_a_claim_but_rejecting_spam_says_nothing_of_claims(claim_case, moderator, article):
    moderation.decide_case(case=claim_case, moderator=moderator, action="edit", text="Some find diet matters.")
    assert LabelledExample.objects.get().is_claim
    spam = post(article, text="Buy now, use my code for 50% off: https://shop.example/x https://shop.example/y")
    moderation.decide_case(case=Case.objects.get(object_id=spam.pk), moderator=moderator, action="reject",
                           reason="Spam.")
    assert LabelledExample.objects.count() == 1


def test_examples_outlive_the_post_and_its_author(claim_case, moderator, member):
    moderation.decide_case(case=claim_case, moderator=moderator, action="label")
    comment = claim_case.post
    forum.delete_comment(author=member, comment=comment)
    forum.delete_account(member=member, password="correct horse battery")
    example = LabelledExample.objects.get()
    assert example.text == CLAIM and example.is_claim
    assert not {field.name for field in LabelledExample._meta.get_fields()} & {"author", "case", "post"}


def test_training_uses_the_moderators_decisions_and_refuses_a_worse_model(db, tmp_path, moderator, claim_case,
                                                                          capsys):
    moderation.decide_case(case=claim_case, moderator=moderator, action="label")
    data = tmp_path / "small.tsv"
    data.write_text("\n".join(FORUM.read_text(encoding="utf-8").splitlines()[:151]) + "\n", encoding="utf-8")
    (tmp_path / "provenance.json").write_text(json.dumps({"f1": 0.999, "precision": 1.0, "recall": 0.998}))
    with pytest.raises(CommandError, match="scores worse than the committed one"):
        call_command("train_screening", str(data), "--output", str(tmp_path))
    out = capsys.readouterr().out
    assert "150 labelled rows from 1 files, 1 moderators' decisions" in out
    assert "before: cross-validated F1 0.999" in out and "after:  cross-validated F1 " in out
    assert not (tmp_path / "claims.json").exists()

    call_command("train_screening", str(data), "--output", str(tmp_path), "--force")
    model = Model.from_file(tmp_path / "claims.json")
    provenance = json.loads((tmp_path / "provenance.json").read_text())
    assert provenance["files"] == [{"name": "small.tsv", "rows": 150, "sha256": sha256(data)}]
    assert provenance["moderators_decisions"] == 1 and provenance["parameters"]["threshold"] == model.threshold
    assert set(provenance["cross_validated"]["overall"]) == {"rules", "model", "rules or model", "added evidence"}


def test_training_refuses_unreadable_files(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read the labelled files"):
        call_command("train_screening", str(tmp_path / "missing.tsv"), "--output", str(tmp_path))


def test_cross_validation_never_scores_a_row_with_a_model_that_saw_it(db):
    examples = [Example(f"claim {i} cures", 1, "a", 0.0) for i in range(15)] + [
        Example(f"chat {i} today", 0, "a", 0.0) for i in range(15)]
    for train, test in training._split(examples, training.FOLDS):
        assert not set(train) & set(test)
    result = training.cross_validate(examples, flag_threshold=0.5)
    assert result.overall["model"].n == len(examples)


def test_visible_text_of_a_post_is_what_examples_keep():
    assert visible_post("<i>Avoid</i> MSG &amp; sugar").text == "Avoid MSG & sugar"

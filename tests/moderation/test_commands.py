"""The screening commands: screen (JSON lines), rescreen, evaluate_screening."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from forum.models import Comment
from moderation.models import WatchedPhrase
from tests.factories import CommentFactory

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval" / "health-claims-dev.tsv"


def test_screen_prints_one_json_verdict_per_input_line(db, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("Avoid MSG at all costs\nThanks!\\nGreat article.\n"))
    call_command("screen")
    lines = capsys.readouterr().out.strip().splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first["action"] in ("label", "hold") and "directive" in first["categories"]
    assert {"start": 0, "end": 9, "category": "directive"}.items() <= first["spans"][0].items()
    assert second["action"] == "publish" and second["spans"] == []


def test_rescreen_applies_new_watched_phrases_to_stored_comments(db, article, capsys):
    kept = CommentFactory(article=article, body="Plain words")
    caught = CommentFactory(article=article, body="Try graviola for tumours")
    WatchedPhrase.objects.create(pattern="graviola", action="hold")
    call_command("rescreen")
    kept.refresh_from_db()
    caught.refresh_from_db()
    assert kept.status == Comment.Status.PUBLISHED and kept.screening["action"] == "publish"
    assert caught.status == Comment.Status.HELD and "watched" in caught.screening["categories"]
    assert "Re-screened 2 comments; 1 changed state." in capsys.readouterr().out


def test_evaluate_screening_reports_precision_recall_and_confusion(tmp_path, capsys):
    data = tmp_path / "labelled.tsv"
    data.write_text(
        "text\tlabel\tsource\toriginal_label\n"
        "Sugar feeds cancer cells.\t1\ta\tx\n"
        "Lovely weather today.\t0\ta\tx\n"
        "Has anyone tried yoga?\t1\tb\tx\n",
        encoding="utf-8",
    )
    call_command("evaluate_screening", str(data), "--by-source")
    out = capsys.readouterr().out
    assert "precision=1.000 recall=0.500 F1=0.667  TP=1 FP=0 FN=1 TN=1" in out
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["all", "a", "b"]


def test_evaluate_screening_refuses_a_malformed_file(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("header\nno label here\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Line 2"):
        call_command("evaluate_screening", str(bad))


@pytest.mark.skipif(not EVAL.exists(), reason="the shared evaluation data is not beside this checkout")
def test_the_detector_meets_its_target_on_the_public_dev_data(capsys):
    call_command("evaluate_screening", str(EVAL))
    line = capsys.readouterr().out.splitlines()[1]
    precision = float(line.split("precision=")[1].split()[0])
    f1 = float(line.split("F1=")[1].split()[0])
    assert precision >= 0.55 and f1 >= 0.60, line

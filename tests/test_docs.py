"""The README and docs/ name what is there: every file path, setting and command they mention exists."""

import re
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TOP = {"accounts", "api", "bench", "config", "core", "deploy", "docs", "forum", "moderation", "tests"}
# Read from the environment by what runs beside Django, not by the settings.
OUTSIDE_SETTINGS = {"WEB_CONCURRENCY", "PORT", "GUNICORN_BIND", "GUNICORN_TIMEOUT", "FORWARDED_ALLOW_IPS",
                    "PROMETHEUS_MULTIPROC_DIR", "DJANGO_SUPERUSER_EMAIL", "DJANGO_SUPERUSER_PASSWORD",
                    "DJANGO_SUPERUSER_DISPLAY_NAME", "DJANGO_SETTINGS_MODULE"}


def quoted(doc: Path) -> list[str]:
    return re.findall(r"`([^`\n]+)`", doc.read_text(encoding="utf-8"))


def test_every_doc_is_linked_from_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [doc.name for doc in DOCS[1:] if f"docs/{doc.name}" not in readme] == []


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.name)
def test_the_files_a_doc_names_exist(doc):
    paths = {text.split(":")[0].rstrip(",.") for text in quoted(doc)
             if re.fullmatch(r"[a-z_]+/[\w./-]*", text) and text.split("/")[0] in TOP}
    assert sorted(path for path in paths if not (ROOT / path).exists()) == []


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.name)
def test_the_settings_a_doc_names_are_read(doc):
    read = "".join((ROOT / path).read_text(encoding="utf-8") for path in ("config/settings.py", "gunicorn.conf.py"))
    names = {name for text in quoted(doc) for name in re.findall(r"\b(?:DJANGO|FORUM|MODERATION|TASKS|REDIS|CACHE|"
                                                                   r"METRICS|REQUEST|EMAIL|SITE|DATABASE)_[A-Z_]+\b", text)}
    assert sorted(name for name in names - OUTSIDE_SETTINGS if name not in read) == []


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.name)
def test_the_commands_a_doc_names_exist(doc):
    commands = set(re.findall(r"manage\.py (\w+)", doc.read_text(encoding="utf-8")))
    assert sorted(commands - set(get_commands())) == []

"""The dependency direction: forum -> moderation -> accounts -> core, forum -> accounts, never back."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "core": {"accounts", "forum", "moderation"},
    "accounts": {"forum", "moderation"},
    "moderation": {"forum"},
    "forum": set(),
}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_an_app_imports_only_the_apps_below_it(app):
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & FORBIDDEN[app])
        for path in (ROOT / app).rglob("*.py")
        if imported_apps(path) & FORBIDDEN[app]
    }
    assert offenders == {}


def test_there_are_no_function_local_imports_in_the_apps():
    """Except where Django asks for one: AppConfig.ready() imports the module whose
    receivers it connects, which cannot be imported before the models are."""
    offenders = []
    for app in FORBIDDEN:
        for path in (ROOT / app).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if path.name == "apps.py" and getattr(node, "name", "") == "ready":
                    continue
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    if any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(node)):
                        offenders.append(f"{path.relative_to(ROOT)}:{node.name}")
    assert offenders == []

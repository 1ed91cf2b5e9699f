"""The dependency direction: api -> forum -> moderation -> accounts -> core, forum -> accounts,
never back: in imports, in settings that name a module, and in the pages templates link to."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import get_resolver

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "core": {"accounts", "forum", "moderation", "api"},
    "accounts": {"forum", "moderation", "api"},
    "moderation": {"forum", "api"},
    "forum": {"api"},
    "api": set(),
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


# A setting belongs to the app its name starts with (MODERATION_HOLD_CATEGORIES: moderation).
SETTING_PREFIXES = {"CORE_": "core", "ACCOUNTS_": "accounts", "MODERATION_": "moderation", "FORUM_": "forum",
                    "API_": "api"}


def named_modules(value) -> set[str]:
    """The apps a setting's value names as dotted paths ("forum.sanitize.render_comment")."""
    if isinstance(value, str):
        return {match.group(1) for match in re.finditer(r"^([a-z_]+)\.[a-z_.]+[A-Za-z_]$", value)}
    if isinstance(value, dict):
        return set().union(*(named_modules(v) for v in [*value.keys(), *value.values()]))
    if isinstance(value, (list, tuple, set, frozenset)):
        return set().union(*(named_modules(v) for v in value))
    return set()


def test_no_setting_of_an_app_names_a_module_of_an_app_above_it():
    offenders = {}
    for name in dir(settings):
        app = next((app for prefix, app in SETTING_PREFIXES.items() if name.startswith(prefix)), None)
        if app is not None and named_modules(getattr(settings, name)) & FORBIDDEN[app]:
            offenders[name] = sorted(named_modules(getattr(settings, name)) & FORBIDDEN[app])
    assert offenders == {}


def test_the_layers_test_reads_dotted_paths_in_settings():
    assert named_modules({"x": ["forum.sanitize.render_comment", "plain words."]}) == {"forum"}


def url_namespace_apps() -> dict[str, str]:
    """Each URL namespace and the app whose urls module defines it (appeals: moderation)."""
    modules = {namespace: getattr(resolver.urlconf_module, "__name__", "")  # the admin's is a list
               for namespace, (_, resolver) in get_resolver().namespace_dict.items()}
    return {namespace: module.split(".")[0] for namespace, module in modules.items()
            if module.split(".")[0] in FORBIDDEN}


def linked_apps(path: Path, namespaces: dict[str, str]) -> set[str]:
    names = re.findall(r"{%\s*url\s+[\'\"]([\w-]+):", path.read_text(encoding="utf-8"))
    return {namespaces[name] for name in names if name in namespaces}


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_an_apps_templates_link_only_to_pages_of_the_apps_below_it(app):
    namespaces = url_namespace_apps()
    assert {"forum", "moderation", "appeals", "accounts"} <= set(namespaces)
    offenders = {
        str(path.relative_to(ROOT)): sorted(linked_apps(path, namespaces) & FORBIDDEN[app])
        for path in (ROOT / app).rglob("*.html") if linked_apps(path, namespaces) & FORBIDDEN[app]
    }
    assert offenders == {}


# A module a reader takes in at one sitting; past this, a file holds two subjects that want two names.
MODULE_LINES = 600


def test_no_module_of_the_apps_is_longer_than_a_reader_takes_in():
    long = {
        str(path.relative_to(ROOT)): lines
        for app in [*FORBIDDEN, "config"]
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
    }
    assert long == {}

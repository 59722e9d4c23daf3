"""The web app's build checks: TypeScript, the generated API types, and the first-load budget."""

import gzip
import re
import subprocess

from secondround.config import REPO_ROOT

FRONTEND = REPO_ROOT / "frontend"
DIST = FRONTEND / "dist"
BIN = FRONTEND / "node_modules" / ".bin"
# Gzipped JavaScript a first visit downloads before the app can draw: the entry and what it preloads.
BUDGET_BYTES = 150 * 1024


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=FRONTEND, capture_output=True, text=True, timeout=180)


def test_typescript_strict_check_passes():
    result = run(str(BIN / "tsc"), "--noEmit", "-p", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_api_types_match_the_openapi_document(tmp_path):
    """frontend/src/api/schema.d.ts is generated from openapi/openapi.json: `npm run gen:api` after `make openapi`."""
    out = tmp_path / "schema.d.ts"
    result = run(
        str(BIN / "openapi-typescript"), "../openapi/openapi.json", "--default-non-nullable", "false", "-o", str(out)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    committed = (FRONTEND / "src" / "api" / "schema.d.ts").read_text()
    assert out.read_text() == committed, "schema.d.ts is stale: run `cd frontend && npm run gen:api`"


def first_load_scripts() -> list[str]:
    index = (DIST / "index.html").read_text()
    entry = re.findall(r'<script type="module"[^>]*src="([^"]+)"', index)
    preloaded = re.findall(r'<link rel="modulepreload"[^>]*href="([^"]+)"', index)
    assert entry, "index.html has no module script"
    return entry + preloaded


def test_first_load_javascript_is_within_budget():
    scripts = first_load_scripts()
    sizes = {s: len(gzip.compress((DIST / s.lstrip("/")).read_bytes(), 9)) for s in scripts}
    total = sum(sizes.values())
    print(f"first-load JS, gzipped: {total} bytes {sizes}")
    assert total < BUDGET_BYTES, sizes


def test_index_html_has_no_inline_script_or_style():
    """The CSP allows scripts and styles from the app's own files only."""
    index = (DIST / "index.html").read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", index)
    assert "<style" not in index and "style=" not in index

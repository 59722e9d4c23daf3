"""The backend serves the built web app at / beside the API, from the same origin."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from secondround.api.app_state import app_state
from secondround.main import create_app
from secondround.middleware.web_app import IMMUTABLE
from tests.support.assertions import assert_problem
from tests.support.serving import serve

INDEX = (
    '<!doctype html><html lang="en"><head><script type="module" src="/assets/index-abc123.js"></script></head></html>'
)


@pytest.fixture(scope="module")
def fake_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    (dist / "assets").mkdir()
    (dist / "index.html").write_text(INDEX)
    (dist / "assets" / "index-abc123.js").write_text("console.log('app')")
    (dist / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (dist.parent / "secret.txt").write_text("outside the build")
    return dist


def app_client(settings, dist: Path) -> Iterator[httpx.Client]:
    app = create_app(settings.model_copy(update={"web_app_dir": dist}))
    try:
        with serve(app) as url, httpx.Client(base_url=url, timeout=30) as c:
            yield c
    finally:
        app_state(app).database.dispose_sync()


@pytest.fixture(scope="module")
def web(settings, fake_build) -> Iterator[httpx.Client]:
    yield from app_client(settings, fake_build)


@pytest.mark.parametrize(
    "path", ["/", "/rounds/4f1c2b9e-0000-4000-8000-0000000000a1", "/applications/x/y", "/settings"]
)
def test_app_paths_get_index_html_uncached(web, path):
    r = web.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert r.text == INDEX
    assert r.headers["cache-control"] == "no-cache"


def test_hashed_assets_are_cached_for_a_year(web):
    r = web.get("/assets/index-abc123.js")
    assert r.status_code == 200
    assert "javascript" in r.headers["content-type"]
    assert r.headers["cache-control"] == IMMUTABLE == "public, max-age=31536000, immutable"
    assert r.headers.get("etag")


def test_unhashed_files_are_revalidated(web):
    r = web.get("/favicon.svg")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("image/svg+xml")
    assert r.headers["cache-control"] == "no-cache"


def test_a_missing_asset_is_404_not_the_app(web):
    """An old build's chunk must fail as a script would, not come back as HTML."""
    r = web.get("/assets/index-old999.js")
    assert r.status_code == 404
    assert "html" not in r.headers["content-type"]


@pytest.mark.parametrize("path", ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt"])
def test_no_file_outside_the_build_is_served(web, path):
    r = web.get(path)
    assert "outside the build" not in r.text


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v1", "/api", "/api/v2/x"])
def test_unknown_api_paths_stay_problem_404s(web, path):
    assert_problem(web.get(path), 404)


def test_api_and_docs_are_untouched(web):
    assert web.get("/api/v1/health").json()["status"] == "ok"
    assert web.get("/openapi.json").json()["info"]["title"] == "secondround"
    assert web.get("/docs").status_code == 200
    assert len(web.get("/static-offline-docs/swagger-ui-bundle.js").content) > 100_000
    assert_problem(web.request("PUT", "/api/v1/applications"), 405)


def test_writes_to_app_paths_are_not_the_app(web):
    assert_problem(web.post("/settings", json={}), 404)


def test_head_is_served_like_get(web):
    r = web.head("/rounds/abc")
    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-cache"


def test_without_a_build_the_address_says_how_to_build(settings, tmp_path):
    for c in app_client(settings, tmp_path / "not-built"):
        r = c.get("/")
        assert r.status_code == 503
        assert "make run" in r.text
        assert c.get("/api/v1/health").status_code == 200


def test_the_real_build_is_served(base_url):
    """`make test` builds frontend/ first; the app's shell and its entry script come from it."""
    with httpx.Client(base_url=base_url, timeout=30) as c:
        r = c.get("/")
        assert r.status_code == 200, "frontend/dist is missing: run `make web`"
        assert '<div id="app">' in r.text
        script = r.text.split('<script type="module" crossorigin src="')[1].split('"')[0]
        js = c.get(script)
        assert js.status_code == 200
        assert js.headers["cache-control"] == IMMUTABLE

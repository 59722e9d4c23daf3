"""CORS (middleware/cors.py): pages of the listed origins may call the API with a bearer credential and
read the fields an integration needs; other origins' preflights are refused with a problem; the
session cookie never works across origins (no Access-Control-Allow-Credentials)."""

from collections.abc import Iterator

import pytest

from secondround.api.app_state import app_state
from secondround.main import create_app
from tests.support.accounts import register_user
from tests.support.assertions import assert_problem
from tests.support.serving import new_client, serve

EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
STRANGER = "https://evil.example"


@pytest.fixture(scope="module")
def cors_server(settings) -> Iterator[str]:
    app = create_app(settings.model_copy(update={"cors_origins": f"{EXTENSION}, https://board.example/"}))
    try:
        with serve(app) as url:
            yield url
    finally:
        app_state(app).database.dispose_sync()


def preflight(base_url: str, origin: str, method: str = "POST"):
    with new_client(base_url) as c:
        return c.options(
            "/api/v1/applications",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": method,
                "Access-Control-Request-Headers": "authorization, content-type, if-match",
            },
        )


def test_a_listed_origin_gets_its_preflight_answered(cors_server):
    for origin in (EXTENSION, "https://board.example"):
        r = preflight(cors_server, origin)
        assert r.status_code == 204 and r.content == b""
        assert r.headers["access-control-allow-origin"] == origin
        assert "POST" in r.headers["access-control-allow-methods"]
        allowed = {h.strip().lower() for h in r.headers["access-control-allow-headers"].split(",")}
        assert {"authorization", "content-type", "if-match", "if-none-match"} <= allowed
        assert "access-control-allow-credentials" not in r.headers
        assert "Origin" in r.headers["vary"]


def test_another_origin_is_refused_with_a_problem(cors_server, base_url):
    for server in (cors_server, base_url):  # listed elsewhere or nothing listed at all
        r = preflight(server, STRANGER)
        problem = assert_problem(r, 403)
        assert problem["type"] == "/problems/origin-not-allowed"
        assert "access-control-allow-origin" not in r.headers


def test_answers_to_a_listed_origin_expose_the_integration_fields(cors_server):
    user = register_user(cors_server, "cors")
    try:
        user.client.headers["Origin"] = EXTENSION
        created = user.post("/api/v1/applications", json={"company": "Acme", "position": "Analyst"})
        assert created.status_code == 201, created.text
        assert created.headers["access-control-allow-origin"] == EXTENSION
        exposed = {h.strip().lower() for h in created.headers["access-control-expose-headers"].split(",")}
        assert {"etag", "link", "location", "retry-after", "ratelimit", "ratelimit-policy"} <= exposed
        assert "ratelimit" in created.headers and "access-control-allow-credentials" not in created.headers
        # A problem is readable too, so the extension can show its sentence.
        missing = user.get("/api/v1/applications/00000000-0000-0000-0000-000000000000")
        assert missing.status_code == 404 and missing.headers["access-control-allow-origin"] == EXTENSION

        user.client.headers["Origin"] = STRANGER  # the request runs, but the browser may not read it
        r = user.get("/api/v1/applications")
        assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    finally:
        user.client.close()


def test_the_session_cookie_stays_same_origin(cors_server):
    user = register_user(cors_server, "cors-cookie")
    user.client.close()
    with new_client(cors_server) as browser:
        assert (
            browser.post("/api/v1/auth/login", json={"email": user.email, "password": user.password}).status_code == 200
        )
        r = browser.post(
            "/api/v1/applications", json={"company": "Acme", "position": "X"}, headers={"Origin": EXTENSION}
        )
        assert_problem(r, 403)  # a cookie write from the extension's origin is still cross-site

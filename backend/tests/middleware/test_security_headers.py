"""Security headers on every response (problems, 404s, static files and the docs pages included),
and the docs pages' own Content-Security-Policy: their inline scripts are admitted by hash only."""

import base64
import hashlib
import shutil
import subprocess
from html.parser import HTMLParser

import httpx
import pytest

from secondround.api.app_state import app_state
from secondround.main import create_app
from secondround.middleware.security_headers import API_CSP, APP_CSP
from tests.accounts.test_accounts import login
from tests.support.builders import create_application, create_round
from tests.support.event_loop import run_async
from tests.support.serving import new_client

COMMON = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": (
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
        "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), "
        "browsing-topics=()"
    ),
}


def assert_security_headers(r: httpx.Response, csp: str | None = API_CSP) -> None:
    for name, value in COMMON.items():
        assert r.headers.get(name) == value, (r.request.method, r.request.url, r.status_code, name)
    policy = r.headers.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in policy, (r.request.url, policy)
    if csp is not None:
        assert policy == csp, (r.request.url, policy)
    assert "strict-transport-security" not in r.headers  # plain http


def test_the_api_policy_lets_nothing_load_and_nothing_frame(client):
    """The API's CSP, spelled out here rather than read from the constant that produces it."""
    for path in ("/api/v1/health", "/api/v1/me", "/api/v1/nothing-here"):
        assert client.get(path).headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_every_kind_of_response_carries_the_headers(client, module_user):
    round_id = create_round(module_user, create_application(module_user)["id"])["id"]
    cases = [
        (client, "GET", "/api/v1/health", {}, 200),
        (client, "GET", "/api/v1/nothing-here", {}, 404),
        (client, "PUT", "/api/v1/applications", {}, 405),
        (client, "GET", "/api/v1/me", {}, 401),
        (client, "GET", "/api/v1/calendar.ics", {"params": {"token": "wrong"}}, 404),
        (module_user, "GET", "/api/v1/questions", {"params": {"limit": 0}}, 422),
        (
            module_user,
            "POST",
            "/api/v1/applications",
            {"content": b"{", "headers": {"Content-Type": "application/json"}},
            400,
        ),
        (module_user, "POST", "/api/v1/applications", {"content": b"x" * (2 * 1024 * 1024)}, 413),
        (module_user, "GET", f"/api/v1/rounds/{round_id}/plan", {}, 200),
        (module_user, "GET", f"/api/v1/rounds/{round_id}/prep-sheet", {}, 200),
        (client, "GET", "/openapi.json", {}, 200),
    ]
    for who, method, path, kw, status in cases:
        r = who.client.request(method, path, **kw) if hasattr(who, "client") else who.request(method, path, **kw)
        assert r.status_code == status, (method, path, r.status_code, r.text[:200])
        assert_security_headers(r)


def test_web_app_paths_carry_the_headers_too(client):
    # Paths outside the API belong to the web app (its page, or a page saying it is not built).
    for path in ("/", "/nothing"):
        assert_security_headers(client.get(path, follow_redirects=False), csp=None)


def test_static_scripts_and_pages_get_the_app_policy(client):
    script = client.get("/static-offline-docs/swagger-ui-bundle.js")
    assert script.status_code == 200
    assert_security_headers(script, APP_CSP)
    assert_security_headers(client.get("/docs"), csp=None)


def test_strict_transport_security_only_over_https(base_url):
    # Behind a TLS-terminating proxy (uvicorn trusts X-Forwarded-Proto from loopback).
    with new_client(base_url) as c:
        assert "strict-transport-security" not in c.get("/api/v1/health").headers
        secure = c.get("/api/v1/nothing-here", headers={"X-Forwarded-Proto": "https"})
        assert secure.status_code == 404
        assert secure.headers["strict-transport-security"].startswith("max-age=")


def test_even_an_unexpected_500_carries_the_headers(settings):
    app = create_app(settings)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return await c.get("/boom")

    try:
        r = run_async(call())
    finally:
        app_state(app).database.dispose_sync()
    assert r.status_code == 500
    assert_security_headers(r)


class _InlineScripts(HTMLParser):
    """The text of every <script> without src, as the browser hashes it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "script" and not dict(attrs).get("src"):
            self._inside = True
            self.scripts.append("")

    def handle_endtag(self, tag) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data) -> None:
        if self._inside:
            self.scripts[-1] += data


def directives(policy: str) -> dict[str, list[str]]:
    found = {}
    for part in policy.split(";"):
        name, *values = part.split()
        found[name] = values
    return found


@pytest.mark.parametrize("path", ["/docs", "/docs/oauth2-redirect", "/redoc"])
def test_the_docs_pages_admit_their_inline_scripts_by_hash_only(client, path):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    policy = directives(r.headers["content-security-policy"])
    parser = _InlineScripts()
    parser.feed(r.text)
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in parser.scripts}
    assert hashes <= set(policy["script-src"]), (hashes, policy["script-src"])
    assert set(policy["script-src"]) - hashes == {"'self'"}  # nothing else: no 'unsafe-inline', no host
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    if path != "/redoc":
        assert parser.scripts and policy["style-src"] == ["'self'"]


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_swagger_ui_renders_in_chromium_under_its_policy(base_url):
    # The real proof: a browser runs the page under its policy; a blocked script would leave the
    # operations unrendered and log a CSP violation on the console.
    done = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=20000",
            "--dump-dom",
            f"{base_url}/docs",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line]
    assert not [line for line in console if "Content Security Policy" in line], console
    assert "opblock-tag" in done.stdout, (done.returncode, done.stdout[-500:], console)


def test_signed_in_responses_are_never_stored(base_url, client, module_user):
    # Issue 15: the account's data (JSON, problems, both prep sheets) carries no-store, by bearer
    # token and by session cookie; anonymous answers keep their own caching.
    round_id = create_round(module_user, create_application(module_user)["id"])["id"]
    sheet = f"/api/v1/rounds/{round_id}/prep-sheet"
    for headers, path in [
        ({}, "/api/v1/me"),
        ({}, "/api/v1/applications"),
        ({}, sheet),
        ({"Accept": "text/html"}, sheet),
        ({}, "/api/v1/applications/00000000-0000-4000-8000-000000000000"),
    ]:
        r = module_user.get(path, headers=headers)
        assert r.headers.get("cache-control") == "no-store", (path, r.status_code, r.headers.get("cache-control"))
    cookie = login(base_url, module_user.email)
    try:
        assert cookie.get("/api/v1/applications").headers.get("cache-control") == "no-store"
    finally:
        cookie.close()
    assert client.get("/api/v1/health").headers.get("cache-control") != "no-store"
    assert client.get("/problems/not-found").headers.get("cache-control") == "public, max-age=86400"

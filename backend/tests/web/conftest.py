"""Browser tests: Debian's Chromium driven by Playwright, against the real backend serving the built
web app on a fresh database. Each test registers its own user.

The pages are served with the Content-Security-Policy the product sends, so a CSP violation shows
up as a console error, and every console error fails the test.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Locator, Page

from secondround.config import REPO_ROOT
from secondround.middleware.security_headers import APP_CSP
from tests.support.accounts import PASSWORD
from tests.support.serving import serve

CHROMIUM = os.environ.get("SECONDROUND_TEST_CHROMIUM", "/usr/bin/chromium")
HERE = Path(__file__).parent
SCREENSHOTS = REPO_ROOT / "frontend" / "test-results" / "screenshots"
AXE = REPO_ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder `browser`: the web app does not depend on the engine, so the
    PostgreSQL pass deselects them (`-m "not browser"`)."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


class WithCsp:
    """Add the product's CSP to responses that lack one (the server may already send its own)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_with_csp(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(k.lower() == b"content-security-policy" for k, _ in headers):
                    headers.append((b"content-security-policy", APP_CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_csp if scope["type"] == "http" else send)


@pytest.fixture(scope="session")
def web_url(app) -> Iterator[str]:
    if not (REPO_ROOT / "frontend" / "dist" / "index.html").is_file():
        pytest.fail("frontend/dist is missing: `make test` builds it (or run `make web`)")
    with serve(WithCsp(app)) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium: Playwright never downloads a browser here.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(params=["desktop", "phone"])
def viewport(request) -> tuple[str, dict]:
    return request.param, DESKTOP if request.param == "desktop" else PHONE


def new_page(
    browser: Browser, web_url: str, size: dict, timezone_id: str = "Europe/Berlin"
) -> tuple[BrowserContext, Page, list[str]]:
    context = browser.new_context(base_url=web_url, viewport=size, locale="en-GB", timezone_id=timezone_id)
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type not in ("error", "warning"):
            return
        # Chromium logs every 4xx answer as "Failed to load resource". From the API those are answers
        # the app handles and shows (a 401 before sign-in, a 422 beside a field, a 412 with a reload);
        # any other failed load (a script, a style, an image, a 5xx) still fails the test.
        url = message.location.get("url", "")
        handled = "/api/v1/" in url and "status of 4" in message.text
        if not (message.text.startswith("Failed to load resource") and handled):
            problems.append(f"console {message.type}: {message.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return context, page, problems


@pytest.fixture
def desktop(browser: Browser, web_url: str) -> Iterator[Page]:
    context, page, problems = new_page(browser, web_url, DESKTOP)
    yield page
    context.close()
    assert problems == [], "the browser console reported problems"


@pytest.fixture
def web_page(browser: Browser, web_url: str, viewport) -> Iterator[Page]:
    context, page, problems = new_page(browser, web_url, viewport[1])
    yield page
    context.close()
    assert problems == [], "the browser console reported problems"


def new_email(prefix: str = "web") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.com"


def sign_in_as_new_user(page: Page, web_url: str, name: str = "Ana") -> str:
    """Register through the API, then sign in through the sign-in screen. Returns the email."""
    email = new_email()
    httpx.post(
        f"{web_url}/api/v1/auth/register", json={"email": email, "password": PASSWORD, "display_name": name}, timeout=30
    ).raise_for_status()
    page.goto("/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", level=1, name="Applications").wait_for()
    return email


def screenshot(page: Page, name: str, full_page: bool = True) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def axe_violations(page: Page) -> list[dict]:
    """Serious and critical axe-core violations on the page as it is now.

    axe is evaluated through the DevTools protocol, which the page's CSP does not govern."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate("() => {" + AXE.read_text() + "\n}")
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => "
        "({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def assert_no_horizontal_scroll(page: Page) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


def api(page: Page, web_url: str, method: str, path: str, body: dict | None = None) -> dict:
    """Call the API as the signed-in browser user (its cookie; Origin as the browser would send it).

    Like a well-behaved second tab, it waits as told when the page's own requests fill the account's
    six in progress (429), instead of failing the test on how the two happened to overlap."""
    for _ in range(20):
        response = page.request.fetch(f"{web_url}/api/v1{path}", method=method, data=body, headers={"Origin": web_url})
        if response.status != 429:
            break
        page.wait_for_timeout(1000 * float(response.headers.get("retry-after", "1")))
    assert response.ok, (response.status, response.text())
    return response.json() if response.status != 204 else {}


def check_screen(page: Page, name: str) -> None:
    """A screen as it is now: no serious accessibility violation, no sideways scrolling, a screenshot."""
    assert axe_violations(page) == [], name
    assert_no_horizontal_scroll(page)
    screenshot(page, name)


def plan_card(page: Page, name: str) -> Locator:
    """One person's card on the round's plan."""
    return page.locator("article.plan-card", has=page.get_by_role("heading", name=name, exact=True))


@pytest.fixture
def phone(browser: Browser, web_url: str) -> Iterator[Page]:
    """A page at phone width whose browser console must stay free of problems."""
    context, page, problems = new_page(browser, web_url, PHONE)
    yield page
    context.close()
    assert problems == [], "the browser console reported problems"

"""Lists are shown whole: the app follows every page of a list (issue 13, bug 3: it stopped after 20
pages of 200, at 4,000 items, below the 5,000 applications an account may hold)."""

import json
import uuid

from playwright.sync_api import Page, Route, expect

from tests.web.conftest import api, sign_in_as_new_user

PAGE_SIZE = 200
PAGES = 21  # one more than the old helper followed


def test_every_page_of_a_long_list_is_shown(desktop: Page, web_url):
    """The server's pages of applications are stood in for (4,200 archived ones; creating them for
    real takes minutes): the board counts all of them."""
    page = desktop
    sign_in_as_new_user(page, web_url)
    template = api(page, web_url, "POST", "/applications", {"company": "Template", "position": "Analyst"})
    items = [
        {**template, "id": str(uuid.uuid4()), "company": f"Company {n:04d}", "status": "withdrawn"}
        for n in range(PAGE_SIZE * PAGES)
    ]
    asked: list[str] = []

    def pages(route: Route) -> None:
        url = route.request.url
        if route.request.method != "GET" or "/api/v1/applications/" in url:
            route.fallback()
            return
        asked.append(url)
        n = int(url.split("cursor=page-")[1].split("&")[0]) if "cursor=page-" in url else 0
        body = {
            "items": items[n * PAGE_SIZE : (n + 1) * PAGE_SIZE],
            "next_cursor": f"page-{n + 1}" if n + 1 < PAGES else None,
        }
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

    page.route("**/api/v1/applications?*", pages)
    page.reload()
    expect(page.get_by_text(f"Archived: accepted, rejected and withdrawn ({PAGE_SIZE * PAGES})")).to_be_attached(
        timeout=30_000
    )
    assert len(asked) == PAGES

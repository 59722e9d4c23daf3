"""The application screen shows the job description (Markdown, made safe), the date applied and,
discreetly, where an imported application came from; the edit form changes both."""

import httpx
from playwright.sync_api import Page, expect

from tests.support.accounts import PASSWORD
from tests.web.conftest import assert_no_horizontal_scroll, screenshot, sign_in_as_new_user

HOSTILE = (
    "## The role\n\nYou build **payments**.\n\n"
    "<script>window.__pwned = 1</script>\n\n"
    '<img src=x onerror="window.__pwned = 2">\n\n'
    "[click me](javascript:window.__pwned=3)\n\n"
    '<a href="javascript:window.__pwned=4" onclick="window.__pwned=5">link</a>\n\n'
    "<svg/onload=window.__pwned=6>\n\nsalary < 50k"
)


def test_description_applied_date_and_source_are_shown_safely(web_page: Page, web_url, viewport):
    page = web_page
    email = sign_in_as_new_user(page, web_url)
    with httpx.Client(base_url=web_url, timeout=30) as api:
        token = api.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD}).json()["access_token"]
        made = api.put(
            "/api/v1/applications/by-external-id/greenhouse/4012345",
            json={
                "company": "Acme",
                "position": "Backend engineer",
                "description": HOSTILE,
                "applied_on": "2026-12-01",
            },
            headers={"Authorization": f"Bearer {token}"},
        )
        assert made.status_code == 201, made.text
    page.goto(f"/applications/{made.json()['id']}")
    details = page.get_by_role("complementary", name="Details")
    expect(details.get_by_test_id("imported-from")).to_have_text("Imported from greenhouse · #4012345")
    description = details.get_by_test_id("job-description")
    expect(description.get_by_role("heading", name="The role")).to_be_visible()
    expect(description).to_contain_text("salary < 50k")
    expect(description).to_contain_text("<script>")  # raw HTML is shown as text, never run
    assert page.evaluate("() => window.__pwned") is None
    for selector in ("script", "img", "svg", "[onclick]", "[onerror]", "[onload]", "a[href^='javascript']"):
        assert description.locator(selector).count() == 0, selector
    expect(details).to_contain_text("1 Dec 2026")
    assert_no_horizontal_scroll(page)
    screenshot(page, f"application-description-{viewport[0]}")

    details.get_by_role("button", name="Edit").click()
    page.get_by_label("Applied on").fill("2026-11-28")
    page.get_by_label("Job description (Markdown)").fill("Plain *text* now")
    page.get_by_role("button", name="Save").click()
    expect(details.get_by_test_id("job-description")).to_contain_text("Plain text now")
    expect(details).to_contain_text("28 Nov 2026")
    assert page.evaluate("() => window.__pwned") is None

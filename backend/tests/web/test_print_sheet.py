"""The round's print view: the complete prep sheet (the API's self-contained HTML) in the web app,
at phone and desktop width, printed by its own button, on paper one person per page."""

import re

from playwright.sync_api import Page, expect

from tests.web.conftest import api, assert_no_horizontal_scroll, axe_violations, screenshot, sign_in_as_new_user


def seed(page: Page, web_url: str) -> dict:
    roles = {r["name"]: r["id"] for r in api(page, web_url, "GET", "/roles")["items"]}
    app = api(
        page,
        web_url,
        "POST",
        "/applications",
        {
            "company": "Halvorsen Research",
            "position": "Data analyst",
            "company_research": "Founded in **1999**. <script>alert(1)</script> [site](https://halvorsen.example)",
        },
    )
    round_ = api(
        page,
        web_url,
        "POST",
        f"/applications/{app['id']}/rounds",
        {
            "kind": "second",
            "scheduled_at": "2026-12-01T10:00:00",
            "time_zone": "Europe/Berlin",
            "duration_minutes": 120,
            "location": "Room 5",
        },
    )
    people = [
        {
            "name": "Dana Ortega",
            "title": "Head of analytics",
            "role_id": roles["Supervisor"],
            "greeting": "Ms. Ortega",
            "email": "dana@halvorsen.example",
            "profile_url": "https://www.linkedin.com/in/dana-ortega",
            "notes": "Built the data team in 2021.\nLikes concrete numbers.",
            "phone": "+49 30 1234-567",
            "meeting_minutes": 40,
            "break_after_minutes": 5,
        },
        {"name": "Olu <b>Bakare</b>", "title": "Owner", "role_id": roles["Owner / executive"]},
    ]
    for person in people:
        api(page, web_url, "POST", f"/rounds/{round_['id']}/interviewers", person)
    api(
        page,
        web_url,
        "POST",
        "/questions",
        {"direction": "expect", "text": "Why data?", "category": "job_description", "importance": 5},
    )
    return round_


def test_print_view_shows_the_complete_sheet_and_prints_it(web_page: Page, web_url, viewport):
    page = web_page
    sign_in_as_new_user(page, web_url)
    round_ = seed(page, web_url)
    page.goto(f"/rounds/{round_['id']}")
    page.get_by_role("link", name="Print prep sheet").click()
    page.get_by_role("heading", level=1, name="Prep sheet").wait_for()
    expect(page).to_have_url(re.compile(f"/rounds/{round_['id']}/print$"))

    sheet = page.frame_locator("iframe[title='Prep sheet']")
    expect(sheet.get_by_role("heading", level=1)).to_have_text("Second interview at Halvorsen Research: Data analyst")
    for text in (
        "Tuesday 1 December 2026, 10:00–12:00 CET (Europe/Berlin) (120 min)",
        "10:00–10:40 (40 min)",
        "10:45–12:00 (75 min, estimated)",
        "+49 30 1234-567",
        "Ms. Ortega",
        "dana@halvorsen.example",
        "https://www.linkedin.com/in/dana-ortega",
        "Likes concrete numbers.",
        "Olu <b>Bakare</b>",  # what the user typed, shown as text
        "No answer prepared yet",
        "Founded in 1999.",
    ):
        expect(sheet.locator("body")).to_contain_text(text)
    # The closing block, apart, with the last decision-maker (the owner), the decision date last.
    closing = sheet.locator("section.person").nth(1).locator(".closing")
    expect(closing.get_by_role("heading", name="To close, at the end")).to_be_visible()
    expect(closing.locator("li").last).to_contain_text("when can I expect to hear from you?")
    expect(sheet.locator(".closing")).to_have_count(1)
    expect(sheet.locator("script")).to_have_count(0)
    expect(sheet.get_by_role("link", name="dana@halvorsen.example")).to_have_attribute(
        "href", "mailto:dana@halvorsen.example"
    )
    # The frame is as tall as its document: the page scrolls as one, nothing is cut off.
    expect(page.get_by_role("button", name="Print")).to_be_enabled()
    gap = page.evaluate(
        "() => { const f = document.querySelector('iframe'); "
        "return Math.abs(f.getBoundingClientRect().height - f.contentDocument.documentElement.scrollHeight); }"
    )
    assert gap <= 2, gap
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    assert page.frame_locator("iframe").locator("html").evaluate("html => html.scrollWidth <= html.clientWidth"), (
        "the sheet scrolls sideways"
    )
    screenshot(page, f"print-sheet-{viewport[0]}")

    # The Print button prints the frame (the sheet alone), not the app around it.
    page.evaluate(
        "() => { const w = document.querySelector('iframe').contentWindow; "
        "w.print = () => { window.parent.printedSheet = true; }; window.print = () => { window.printedApp = true; }; }"
    )
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("() => [window.printedSheet === true, window.printedApp === true]") == [True, False]

    # The way back.
    page.get_by_role("link", name=re.compile("Round 1: Second interview")).click()
    page.get_by_role("heading", level=1, name="Round 1: Second interview").wait_for()


def test_the_sheet_on_paper_puts_each_person_on_a_page(desktop: Page, web_url):
    page = desktop
    sign_in_as_new_user(page, web_url)
    round_ = seed(page, web_url)
    # What the frame loads, opened as a page: a browser's navigation asks for HTML.
    page.goto(f"/api/v1/rounds/{round_['id']}/prep-sheet")
    expect(page.get_by_role("heading", level=1)).to_have_text("Second interview at Halvorsen Research: Data analyst")
    page.emulate_media(media="print")
    headings = page.locator("section.person h2")
    expect(headings).to_have_count(2)
    screenshot(page, "print-sheet-paper")
    # The round and Dana from page 1, Olu from a page of his own.
    breaks = headings.evaluate_all("hs => hs.map(h => getComputedStyle(h.parentElement).breakBefore)")
    assert breaks == ["auto", "page"]
    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper)
        assert pdf.startswith(b"%PDF")
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 2, paper

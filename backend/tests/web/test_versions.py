"""Every write says which version it changes (If-Match from the copy on screen), every write's answer
becomes the copy on screen, and a conflict is explained with a reload that really fetches the latest.

Issue 13, bugs 1 and 2: a module-level map of ETags by path went stale after a write to another path
(reordering a panel, recording a follow-up) and gave a false 412 that "Reload the latest" could not
clear; lists carried no ETag, so a second tab overwrote a first tab's change in silence; and saving
the schedule remounted the outcome form (and back), throwing away what the user had typed there.
"""

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import DESKTOP, api, new_page, sign_in_as_new_user
from tests.web.test_screens import seed_round

SAVED = "Saved"
LATER = (date.today() + timedelta(days=400)).isoformat()


def open_round(page: Page, round_id: str) -> None:
    page.goto(f"/rounds/{round_id}")
    page.get_by_role("heading", level=1, name="Round 1: Second interview").wait_for()


def panel(page: Page):
    return page.get_by_role("list", name="Panel in meeting order")


def edit_person(page: Page, name: str, field: str, value: str) -> None:
    """Open a person's form on the panel, change one field and save; the form closes on success."""
    page.get_by_role("button", name=f"Edit {name}").click()
    form = page.locator("li.person", has_text=name).locator("form")
    form.get_by_label(field, exact=True).fill(value)
    form.get_by_role("button", name="Save").click()
    expect(form).to_have_count(0)


def stored_person(page: Page, web_url: str, round_id: str, name: str) -> dict:
    """The person as the server holds them now."""
    return next(p for p in api(page, web_url, "GET", f"/rounds/{round_id}/interviewers")["items"] if p["name"] == name)


def test_every_save_succeeds_after_writes_elsewhere(desktop: Page, web_url):
    """Edit a person, reorder, edit again, record a follow-up, edit the round: no false 412."""
    page = desktop
    sign_in_as_new_user(page, web_url)
    _, round_ = seed_round(page, web_url)
    api(page, web_url, "PATCH", f"/rounds/{round_['id']}", {"follow_up_on": "2020-01-06"})
    open_round(page, round_["id"])

    edit_person(page, "Dana Ortega", "Title", "Head of analytics")
    expect(panel(page)).to_contain_text("Head of analytics")
    # The reorder changes each person's version on the server.
    page.get_by_role("button", name="Move Dana Ortega later").click()
    expect(panel(page).locator("li").first).to_contain_text("Luis Ferrer")
    expect(page.get_by_role("button", name="Move Dana Ortega earlier")).to_be_enabled()
    edit_person(page, "Dana Ortega", "Greeting", "Ms. Ortega")
    expect(panel(page)).to_contain_text("Head of analytics")
    edit_person(page, "Dana Ortega", "Title", "Director of analytics")
    expect(panel(page)).to_contain_text("Director of analytics")

    # Record the follow-up on its own screen (same app, no page load), then come back to the round.
    page.get_by_role("link", name="Follow-ups").first.click()
    page.get_by_role("button", name="I called Acme").click()
    expect(page.get_by_text("Called")).to_be_visible()
    page.go_back()
    page.get_by_role("heading", level=1, name="Round 1: Second interview").wait_for()
    expect(page.get_by_text("You followed up on")).to_be_visible()
    page.get_by_label("Place or video link").fill("Room 7")
    page.get_by_role("button", name="Save schedule").click()
    schedule = page.get_by_role("region", name="Schedule and place")
    expect(schedule.get_by_role("status")).to_have_text(SAVED)
    expect(page.get_by_text("This changed elsewhere")).to_have_count(0)
    assert api(page, web_url, "GET", f"/rounds/{round_['id']}")["location"] == "Room 7"
    dana = stored_person(page, web_url, round_["id"], "Dana Ortega")
    assert (dana["title"], dana["greeting"]) == ("Director of analytics", "Ms. Ortega")


@pytest.fixture
def second_page(browser: Browser, web_url: str, desktop: Page) -> Iterator[Page]:
    """Another tab of the same user: its own app, given the first page's cookies once it signed in."""
    context, page, problems = new_page(browser, web_url, DESKTOP)
    yield page
    context.close()
    assert problems == [], "the browser console reported problems"


def test_a_second_tab_cannot_overwrite_the_first_in_silence(desktop: Page, second_page: Page, web_url):
    """Tab A changes a title; tab B, opened before, changes the greeting: 412, reload, save, both kept."""
    a, b = desktop, second_page
    sign_in_as_new_user(a, web_url)
    _, round_ = seed_round(a, web_url)
    b.context.add_cookies(a.context.cookies())
    open_round(b, round_["id"])
    b.get_by_role("button", name="Edit Dana Ortega").click()
    form_b = b.locator("li.person", has_text="Dana Ortega").locator("form")
    expect(form_b.get_by_label("Title", exact=True)).to_have_value("")

    open_round(a, round_["id"])
    edit_person(a, "Dana Ortega", "Title", "Head of analytics")

    form_b.get_by_label("Greeting", exact=True).fill("Ms. Ortega")
    form_b.get_by_role("button", name="Save").click()
    note = form_b.get_by_role("alert")
    expect(note).to_contain_text("This changed elsewhere")
    expect(note).to_contain_text("your change was not saved")
    dana = stored_person(a, web_url, round_["id"], "Dana Ortega")
    assert (dana["title"], dana["greeting"]) == ("Head of analytics", None)

    form_b.get_by_role("button", name="Reload the latest").click()
    # The latest version is on screen (A's title), and what B typed is still there.
    expect(form_b.get_by_label("Title", exact=True)).to_have_value("Head of analytics")
    expect(form_b.get_by_label("Greeting", exact=True)).to_have_value("Ms. Ortega")
    form_b.get_by_role("button", name="Save").click()
    expect(form_b).to_have_count(0)
    expect(panel(b)).to_contain_text("Head of analytics")
    dana = stored_person(a, web_url, round_["id"], "Dana Ortega")
    assert (dana["title"], dana["greeting"]) == ("Head of analytics", "Ms. Ortega")


def test_saving_one_round_form_keeps_what_was_typed_in_the_other(desktop: Page, web_url):
    page = desktop
    sign_in_as_new_user(page, web_url)
    _, round_ = seed_round(page, web_url)
    open_round(page, round_["id"])
    page.get_by_label("Place or video link").fill("Room 9")
    page.get_by_label("Decision expected by").fill(LATER)
    page.get_by_role("button", name="Save schedule").click()
    expect(page.get_by_role("region", name="Schedule and place").get_by_role("status")).to_have_text(SAVED)
    expect(page.get_by_label("Decision expected by")).to_have_value(LATER)
    page.get_by_label("Place or video link").fill("Room 10")
    page.get_by_role("button", name="Save outcome").click()
    expect(page.get_by_role("region", name="After the interview").get_by_role("status")).to_have_text(SAVED)
    expect(page.get_by_label("Place or video link")).to_have_value("Room 10")
    saved = api(page, web_url, "GET", f"/rounds/{round_['id']}")
    assert (saved["location"], saved["decision_expected_by"]) == ("Room 9", LATER)

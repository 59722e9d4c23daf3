"""The run sheet on the round screen: who you meet when, in the round's zone, with the breaks and the
overrun warning; the time fields of a person; reordering the panel with the move buttons (one call)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from tests.web.conftest import (
    SCREENSHOTS,
    api,
    assert_no_horizontal_scroll,
    axe_violations,
    screenshot,
    sign_in_as_new_user,
)


def _round_with_panel(page: Page, web_url: str) -> dict:
    roles = {r["name"]: r["id"] for r in api(page, web_url, "GET", "/roles")["items"]}
    app = api(page, web_url, "POST", "/applications", {"company": "Halvorsen Research", "position": "Data analyst"})
    body = {"kind": "second", "scheduled_at": "2030-12-02T09:00:00Z", "duration_minutes": 120}
    schema = page.request.get(f"{web_url}/openapi.json").json()["components"]["schemas"]["RoundCreate"]
    if "time_zone" in schema["properties"]:
        body["time_zone"] = "Europe/Oslo"  # 10:00 there in December: the sheet must not show the browser's zone
    round_ = api(page, web_url, "POST", f"/applications/{app['id']}/rounds", body)
    for name, role, meeting, brk in [
        ("Dana Ortega", "Supervisor", 40, 5),
        ("Olu Bakare", "Owner / executive", 30, 10),
        ("Kim Lee", "Co-worker", None, 0),
    ]:
        person = {"name": name, "role_id": roles[role], "break_after_minutes": brk}
        if meeting is not None:
            person["meeting_minutes"] = meeting
        api(page, web_url, "POST", f"/rounds/{round_['id']}/interviewers", person)
    return round_


def _clock(zone: str, minutes_after_start: int) -> str:
    start = datetime(2030, 12, 2, 9, 0, tzinfo=UTC)
    return (start + timedelta(minutes=minutes_after_start)).astimezone(ZoneInfo(zone)).strftime("%H:%M")


def test_run_sheet_reorder_and_time_fields(web_page: Page, web_url, viewport):
    page = web_page
    sign_in_as_new_user(page, web_url)
    round_ = _round_with_panel(page, web_url)
    zone = api(page, web_url, "GET", f"/rounds/{round_['id']}/plan")["time_zone"]
    local = [_clock(zone, m) for m in (0, 40, 45, 75, 85, 120)]
    page.goto(f"/rounds/{round_['id']}")

    sheet = page.get_by_role("region", name="Run sheet")
    rows = sheet.get_by_role("list", name="Meetings in order").get_by_role("listitem")
    expect(rows).to_have_count(3)
    # Times on the round's clock, in the reader's own format ("10:00" or "10:00 AM"); the instants
    # are in the datetime attributes.
    expect(rows.nth(0).locator("time").first).to_have_attribute("datetime", "2030-12-02T09:00:00Z")
    expect(rows.nth(0).locator("time").first).to_contain_text(local[0])
    expect(rows.nth(0).locator("time").nth(1)).to_contain_text(local[1])
    expect(rows.nth(0)).to_contain_text("Dana Ortega")
    expect(rows.nth(0)).to_contain_text("40 min meeting · 10 min for your questions (suggested)")
    expect(rows.nth(0)).to_contain_text("Break · 5 min")
    expect(rows.nth(1).locator("time").first).to_contain_text(local[2])
    expect(rows.nth(1).locator("time").nth(1)).to_contain_text(local[3])
    # Kim has no meeting length: the 35 minutes the round leaves, estimated.
    expect(rows.nth(2).locator("time").first).to_contain_text(local[4])
    expect(rows.nth(2).locator("time").nth(1)).to_contain_text(local[5])
    expect(rows.nth(2)).to_contain_text("35 min meeting (estimated) · 9 min for your questions (suggested)")
    expect(sheet).to_contain_text(f"times in {zone}")
    expect(sheet).to_contain_text("120 of the round's 120 min planned")
    expect(sheet.locator(".run-sheet__total")).to_contain_text(f"Ends at {local[5]}")
    expect(sheet.locator(".run-sheet__warnings")).to_have_count(0)
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    screenshot(page, f"round-run-sheet-{viewport[0]}")
    sheet.screenshot(path=SCREENSHOTS / f"run-sheet-card-{viewport[0]}.png")

    # A longer meeting through the person's form: the sheet overruns and says so in plain words.
    page.get_by_role("button", name="Edit Olu Bakare").click()
    form = page.locator(".person__edit")
    expect(form.get_by_label("Minutes for your questions")).to_have_value("")
    expect(form).to_contain_text("Leave empty for the suggestion: 8 min now.")
    form.get_by_label("Meeting length (minutes)").fill("60")
    form.get_by_label("Phone").fill("+47 55 12 34 56")
    form.screenshot(path=SCREENSHOTS / f"run-sheet-person-form-{viewport[0]}.png")
    form.get_by_role("button", name="Save", exact=True).click()
    expect(form).to_have_count(0)
    # Kim's estimated share shrinks to the 5 minutes left: it still fits.
    expect(rows.nth(2)).to_contain_text("5 min meeting (estimated)")
    expect(rows.nth(1)).to_contain_text("60 min meeting · 15 min for your questions (suggested)")
    warnings = sheet.locator(".run-sheet__warnings")
    expect(warnings).to_have_count(0)
    page.get_by_role("button", name="Edit Kim Lee").click()
    page.locator(".person__edit").get_by_label("Meeting length (minutes)").fill("45")
    page.locator(".person__edit").get_by_role("button", name="Save", exact=True).click()
    expect(warnings).to_contain_text("The panel takes 160 minutes, 40 more than the round's 120 minutes")
    over = sheet.locator(".run-sheet__total--over")
    expect(over).to_contain_text("160 min planned, 40 min more than the round's 120 min (booked until")
    expect(over).to_contain_text(local[5])
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    screenshot(page, f"round-run-sheet-overrun-{viewport[0]}")
    sheet.screenshot(path=SCREENSHOTS / f"run-sheet-overrun-card-{viewport[0]}.png")
    panel = page.locator("section", has=page.get_by_role("heading", name="Who you will meet"))
    panel.screenshot(path=SCREENSHOTS / f"run-sheet-panel-{viewport[0]}.png")

    # Reorder with the buttons: one PUT of the whole order, and the run sheet follows.
    asked: list[str] = []
    page.on("request", lambda r: asked.append(f"{r.method} {r.url}") if "/api/v1/" in r.url else None)
    page.get_by_role("button", name="Move Kim Lee earlier").click()
    expect(rows.nth(1)).to_contain_text("Kim Lee")
    page.get_by_role("button", name="Move Kim Lee earlier").click()
    expect(rows.nth(0)).to_contain_text("Kim Lee")
    expect(rows.nth(0).locator("time").first).to_contain_text(local[0])
    writes = [a for a in asked if not a.startswith("GET ")]
    assert [w.split(" ")[0] for w in writes] == ["PUT", "PUT"], writes
    assert all(w.endswith("/interviewers/order") for w in writes), writes
    expect(page.get_by_role("button", name="Move Kim Lee earlier")).to_be_disabled()
    order = api(page, web_url, "GET", f"/rounds/{round_['id']}/interviewers/order")["interviewer_ids"]
    people = {p["id"]: p["name"] for p in api(page, web_url, "GET", f"/rounds/{round_['id']}/interviewers")["items"]}
    assert [people[i] for i in order] == ["Kim Lee", "Dana Ortega", "Olu Bakare"]


def test_an_unscheduled_round_says_how_to_get_times(web_page: Page, web_url, viewport):
    page = web_page
    sign_in_as_new_user(page, web_url)
    app = api(page, web_url, "POST", "/applications", {"company": "Birch", "position": "Analyst"})
    round_ = api(page, web_url, "POST", f"/applications/{app['id']}/rounds", {"kind": "second"})
    api(page, web_url, "POST", f"/rounds/{round_['id']}/interviewers", {"name": "Dana", "meeting_minutes": 45})
    page.goto(f"/rounds/{round_['id']}")
    sheet = page.get_by_role("region", name="Run sheet")
    expect(sheet).to_contain_text("Set the date and time under Schedule and place")
    expect(sheet).to_contain_text("Time not known")
    expect(sheet).to_contain_text("45 min meeting · 11 min for your questions (suggested)")
    expect(sheet).to_contain_text("45 min planned · set the round's length to check it fits")
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)

"""After the interview on the round screen: a debrief card per person made for the phone (five
large taps for how it went, short fields, Save), "Ask this next round", the "Last time" carry-over
on the next round's plan, and thank-you notes to edit, copy, open in the mail app and mark sent."""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from tests.web.conftest import SCREENSHOTS, api, check_screen, plan_card, screenshot, sign_in_as_new_user


def test_debrief_thank_and_meet_again(web_page: Page, web_url, viewport):
    page = web_page
    width = viewport[0]
    sign_in_as_new_user(page, web_url)
    roles = {r["name"]: r["id"] for r in api(page, web_url, "GET", "/roles")["items"]}
    app = api(page, web_url, "POST", "/applications", {"company": "Halvorsen Research", "position": "Data analyst"})
    start = (datetime.now(UTC) - timedelta(hours=3)).replace(microsecond=0)
    first = api(
        page,
        web_url,
        "POST",
        f"/applications/{app['id']}/rounds",
        {"kind": "first", "scheduled_at": start.isoformat(), "duration_minutes": 60},
    )
    dana = {"name": "Dana Ortega", "email": "dana@halvorsen.example.com", "greeting": "Ms. Ortega"}
    api(page, web_url, "POST", f"/rounds/{first['id']}/interviewers", {**dana, "role_id": roles["Supervisor"]})
    api(page, web_url, "POST", f"/rounds/{first['id']}/interviewers", {"name": "Olu Bello"})
    later = api(page, web_url, "POST", f"/applications/{app['id']}/rounds", {"kind": "second"})
    api(page, web_url, "POST", f"/rounds/{later['id']}/interviewers", {**dana, "role_id": roles["Supervisor"]})

    page.goto(f"/rounds/{first['id']}")
    debrief = page.get_by_role("region", name="Debrief")
    card = debrief.locator("article", has=page.get_by_role("heading", name="Dana Ortega"))
    # How it went: one tap of five.
    card.get_by_role("button", name="4 of 5: Well").click()
    expect(card.get_by_role("button", name="4 of 5: Well")).to_have_attribute("aria-pressed", "true")
    card.get_by_label("What they cared about").fill("On-call for the data platform")
    card.get_by_label("What they said about next steps").fill("A call with the CTO next week")
    card.get_by_label("Notes").fill("Knew my thesis; mentioned a team offsite in March")
    card.get_by_role("button", name="Save debrief").click()
    expect(card.get_by_text("Saved", exact=True)).to_be_visible()
    dana_id = next(
        p["id"]
        for p in api(page, web_url, "GET", f"/rounds/{first['id']}/interviewers")["items"]
        if p["name"] == "Dana Ortega"
    )
    assert api(page, web_url, "GET", f"/interviewers/{dana_id}/debrief")["notes"] == (
        "Knew my thesis; mentioned a team offsite in March"
    )
    # Ask this next round: a question for people with her role, in one click.
    card.get_by_role("button", name="Ask this next round").click()
    expect(card.get_by_role("status").filter(has_text="Added for the next round")).to_contain_text(
        "Could you tell me more about on-call for the data platform?"
    )

    # Thank-you notes: the draft says what she cared about; Open in mail app carries the edited text.
    thanks = page.get_by_role("region", name="Thank-you notes")
    expect(thanks).to_contain_text("Send your thank-you notes within 24 hours of the round.")
    note = thanks.locator("article", has=page.get_by_role("heading", name="Dana Ortega"))
    body = note.get_by_label("Note to Dana Ortega")
    expect(body).to_have_value(__import__("re").compile(r"^Dear Ms\. Ortega,[\s\S]*On-call for the data platform"))
    body.fill("Dear Ms. Ortega,\nThank you & see you soon.")
    href = note.get_by_role("link", name="Open in mail app").get_attribute("href")
    parts = urlsplit(href)
    assert parts.path == "dana@halvorsen.example.com"
    assert parse_qs(parts.query)["body"] == ["Dear Ms. Ortega,\r\nThank you & see you soon."]
    check_screen(page, f"debrief-round-{width}")
    debrief.screenshot(path=str(SCREENSHOTS / f"debrief-cards-{width}.png"))
    screenshot(page, f"debrief-round-{width}-screen", full_page=False)
    note.get_by_role("button", name="Mark as sent").click()
    expect(note.get_by_text("Sent", exact=False).first).to_be_visible()
    expect(note.get_by_role("button", name="Mark as sent")).to_have_count(0)
    sent = api(page, web_url, "GET", f"/rounds/{first['id']}/thank-you-notes")["notes"][0]["sent"]
    assert sent["body"] == "Dear Ms. Ortega,\nThank you & see you soon."
    # Olu is still to thank, and to debrief before round 2.
    readiness = {i["key"]: i for i in api(page, web_url, "GET", f"/rounds/{first['id']}/readiness")["items"]}
    assert readiness["thank_you_notes_sent"]["next_step"].startswith("Send a thank-you note to Olu Bello")

    # The next round: Dana's card carries "Last time".
    page.goto(f"/rounds/{later['id']}")
    expect(plan_card(page, "Dana Ortega").get_by_test_id("last-time")).to_have_text(
        "Last time (round 1): impression 4/5, cared about On-call for the data platform"
    )
    expect(page.get_by_role("region", name="Debrief")).to_have_count(0)  # not over yet
    plan_card(page, "Dana Ortega").screenshot(path=str(SCREENSHOTS / f"debrief-last-time-{width}.png"))
    check_screen(page, f"debrief-next-round-{width}")

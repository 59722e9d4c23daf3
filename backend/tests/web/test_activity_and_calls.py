"""The application's activity timeline and the follow-up call screen, at phone and desktop widths."""

from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect

from tests.web.conftest import api, check_screen, sign_in_as_new_user


def test_timeline_add_edit_and_previous_text(web_page: Page, web_url, viewport):
    page = web_page
    sign_in_as_new_user(page, web_url)
    app = api(page, web_url, "POST", "/applications", {"company": "Halvorsen Research", "position": "Data analyst"})
    round_ = api(page, web_url, "POST", f"/applications/{app['id']}/rounds", {"kind": "second"})  # -> interviewing
    api(page, web_url, "POST", f"/rounds/{round_['id']}/interviewers", {"name": "Dana Ortega", "title": "Team lead"})
    entry = api(
        page,
        web_url,
        "POST",
        f"/applications/{app['id']}/activity",
        {"kind": "call", "text": "Dana said they decide on Friday.", "channel": "phone"},
    )
    api(page, web_url, "PATCH", f"/activity/{entry['id']}", {"text": "Dana said they decide on Monday."})
    page.goto(f"/applications/{app['id']}")
    log = page.get_by_role("list", name="Activity, newest first")
    expect(log.get_by_role("listitem")).to_have_count(2)
    expect(log.get_by_role("listitem").first).to_contain_text("Dana said they decide on Monday.")
    expect(log.get_by_role("listitem").first).to_contain_text("edited")
    expect(log.get_by_role("listitem").last).to_contain_text("Status changed from applied to interviewing.")
    log.get_by_text("Show what it said before").click()
    expect(log.get_by_text("Dana said they decide on Friday.")).to_be_visible()
    check_screen(page, f"activity-timeline-{viewport[0]}")

    # Add a note from the form, with a person met: it comes first, naming them.
    page.get_by_role("button", name="Add an entry").click()
    page.get_by_label("What happened").fill("Sent the portfolio link.")
    page.get_by_label("With").select_option(label="Dana Ortega, Team lead")
    page.get_by_role("button", name="Add to the log").click()
    expect(log.get_by_role("listitem").first).to_contain_text("Sent the portfolio link.")
    expect(log.get_by_role("listitem").first).to_contain_text("with Dana Ortega")
    # Correct it: the earlier words stay visible behind "edited".
    log.get_by_role("button", name="Correct this note").click()
    page.get_by_label("New text").fill("Sent the portfolio and the case study.")
    page.get_by_role("button", name="Save the correction").click()
    first = log.get_by_role("listitem").first
    expect(first).to_contain_text("Sent the portfolio and the case study.")
    first.get_by_text("Show what it said before").click()
    expect(first.get_by_text("Sent the portfolio link.")).to_be_visible()
    check_screen(page, f"activity-timeline-edited-{viewport[0]}")


def test_call_screen_links_script_and_logging_the_call(web_page: Page, web_url, viewport):
    page = web_page
    sign_in_as_new_user(page, web_url)
    app = api(page, web_url, "POST", "/applications", {"company": "Acme", "position": "Analyst"})
    decided_by = (datetime.now(UTC) - timedelta(days=5)).date().isoformat()
    round_ = api(
        page,
        web_url,
        "POST",
        f"/applications/{app['id']}/rounds",
        {
            "kind": "second",
            "scheduled_at": (datetime.now(UTC) - timedelta(days=8)).isoformat(),
            "decision_expected_by": decided_by,
        },
    )
    person = api(
        page,
        web_url,
        "POST",
        f"/rounds/{round_['id']}/interviewers",
        {"name": "Dana Ortega", "phone": "+1 555 0100 x 12", "email": "dana@acme.example.com"},
    )
    question = api(
        page,
        web_url,
        "POST",
        "/questions",
        {"direction": "ask", "text": "How is the team organised?", "category": "teamwork"},
    )
    api(
        page,
        web_url,
        "PUT",
        f"/rounds/{round_['id']}/questions/{question['id']}",
        {"status": "answered", "marked_for_interviewer_id": person["id"]},
    )
    page.goto("/follow-ups")
    item = page.locator("li.bank-item", has=page.get_by_text("Acme"))
    call = item.get_by_role("link", name="Call +1 555 0100 x 12")
    expect(call).to_have_attribute("href", "tel:+15550100;ext=12")
    expect(item.get_by_role("link", name="Email dana@acme.example.com")).to_have_attribute(
        "href", "mailto:dana@acme.example.com?subject=Following%20up%3A%20Analyst"
    )
    item.get_by_text("What to say").click()
    expect(item.get_by_text("and for answering my question: “How is the team organised?”")).to_be_visible()
    expect(item.get_by_text("You mentioned a decision by")).to_be_visible()
    check_screen(page, f"follow-ups-call-{viewport[0]}")

    # Log the call with the date they gave: the round waits for that day (upcoming), and the log has it.
    next_on = (datetime.now(UTC) + timedelta(days=4)).date().isoformat()
    item.get_by_placeholder("What they said (optional)").fill("They said Friday.")
    item.get_by_label("Call again on (optional)").fill(next_on)
    item.get_by_role("button", name="I called Acme").click()
    upcoming = page.get_by_role("region", name="Upcoming")
    expect(upcoming).to_contain_text("Acme")
    page.goto(f"/applications/{app['id']}")
    log = page.get_by_role("list", name="Activity, newest first")
    expect(log.get_by_role("listitem").first).to_contain_text("They said Friday.")
    expect(log.get_by_role("listitem").first).to_contain_text("Next follow-up on")
    check_screen(page, f"follow-ups-call-logged-{viewport[0]}")

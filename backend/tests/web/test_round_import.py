"""The application screen: drop (here: choose) an .ics invitation and the round is made with its
panel, the guessed roles shown; the new-round form takes people too. At 375 and 1280 px."""

from playwright.sync_api import Page, expect

from tests.web.conftest import api, check_screen, sign_in_as_new_user

INVITATION = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Acme//Recruiting//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
    "UID:web-import-1@acme.example.com\r\nDTSTAMP:20261120T090000Z\r\n"
    "DTSTART;TZID=Europe/Berlin:20301203T140000\r\nDTEND;TZID=Europe/Berlin:20301203T151500\r\n"
    "SUMMARY:Final interview\r\nLOCATION:https://meet.google.com/abc-defg-hij\r\n"
    "ORGANIZER;CN=Kate Austen:mailto:kate@acme.example.com\r\n"
    "ATTENDEE;CN=Dana Ortega (Engineering manager):mailto:dana@acme.example.com\r\n"
    'ATTENDEE;CN="Sam Park, Senior Talent Partner":mailto:sam@acme.example.com\r\n'
    "ATTENDEE;CN=Lee Chen;PARTSTAT=DECLINED:mailto:lee@acme.example.com\r\n"
    "{me}"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_an_ics_invitation_becomes_a_round_with_its_people(web_page: Page, web_url, viewport):
    page = web_page
    email = sign_in_as_new_user(page, web_url)
    application = api(page, web_url, "POST", "/applications", {"company": "Acme", "position": "Engineer"})
    page.goto(f"/applications/{application['id']}")
    rounds = page.get_by_role("region", name="Interview rounds")
    expect(rounds.get_by_text("Drop its .ics file here")).to_be_visible()
    # Not an invitation: the server's sentence is shown, nothing is made.
    rounds.get_by_text("Choose an .ics file").set_input_files(
        files=[{"name": "notes.ics", "mimeType": "text/calendar", "buffer": b"hello"}]
    )
    expect(rounds.get_by_role("alert")).to_contain_text("The calendar file holds no event")

    assert api(page, web_url, "GET", f"/applications/{application['id']}/rounds")["items"] == []
    invitation = INVITATION.format(me=f"ATTENDEE;CN=Ana:mailto:{email}\r\n").encode()
    rounds.get_by_text("Choose an .ics file").set_input_files(
        files=[{"name": "invite.ics", "mimeType": "text/calendar", "buffer": invitation}]
    )
    result = page.get_by_role("status", name="Imported invitation")
    expect(result).to_contain_text("Round 1 (Final interview) added")
    expect(result).to_contain_text("Dana Ortega")
    expect(result).to_contain_text("Supervisor")
    expect(result).to_contain_text("Guessed from “Engineering manager”")
    expect(result).to_contain_text("HR")
    expect(result).to_contain_text("Not coming")  # Lee declined
    expect(result).to_contain_text("Left out (you): Ana.")
    expect(rounds.get_by_role("link", name="Round 1: Final interview")).to_be_visible()
    check_screen(page, f"round-import-{viewport[0]}")

    # The same invitation again: the round is updated, nobody is added twice.
    rounds.get_by_text("Choose an .ics file").set_input_files(
        files=[{"name": "invite.ics", "mimeType": "text/calendar", "buffer": invitation}]
    )
    expect(result).to_contain_text("Round 1 (Final interview) updated")
    assert len(api(page, web_url, "GET", f"/applications/{application['id']}/rounds")["items"]) == 1

    result.get_by_role("link", name="Open the round").click()
    expect(page.get_by_text("Dana Ortega").first).to_be_visible()


def test_people_are_added_with_a_new_round(web_page: Page, web_url, viewport):
    page = web_page
    sign_in_as_new_user(page, web_url)
    application = api(page, web_url, "POST", "/applications", {"company": "Acme", "position": "Engineer"})
    page.goto(f"/applications/{application['id']}")
    page.get_by_role("button", name="Add a round").click()
    form = page.get_by_role("form", name="New round")
    form.get_by_role("button", name="Add a person").click()
    form.get_by_label("Person 1: name").fill("Dana Ortega")
    form.get_by_label("Person 1: title").fill("Engineering manager")
    form.get_by_label("Person 1: role").select_option(label="Supervisor")
    form.get_by_role("button", name="Add a person").click()
    form.get_by_label("Person 2: name").fill("Kim Lee")
    check_screen(page, f"round-add-people-{viewport[0]}")
    form.get_by_role("button", name="Create round").click()
    page.wait_for_url("**/rounds/*")
    round_id = page.url.rsplit("/", 1)[-1]
    panel = api(page, web_url, "GET", f"/rounds/{round_id}/interviewers")["items"]
    assert [(p["name"], p["title"]) for p in panel] == [("Dana Ortega", "Engineering manager"), ("Kim Lee", None)]
    roles = {r["name"]: r["id"] for r in api(page, web_url, "GET", "/roles")["items"]}
    assert panel[0]["role_id"] == roles["Supervisor"] and panel[1]["role_id"] is None
    expect(page.get_by_text("Kim Lee").first).to_be_visible()

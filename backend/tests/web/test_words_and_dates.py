"""Words for people and dates that make sense, on a phone (375 px) and a desktop: a decision date
before the interview gets the plain sentence beside its field; marking a round completed before
its time asks first; a salary range the wrong way round is said in the screen's words; a password
change says what it revoked and offers a new calendar link on the spot. No message on screen holds
a field code or Pydantic's wording."""

import re
from datetime import UTC, date, datetime, timedelta

from playwright.sync_api import Page, expect

from secondround.rounds.date_rules import short_day, short_when
from tests.support.accounts import PASSWORD
from tests.web.conftest import api, check_screen, screenshot, sign_in_as_new_user

# Words that must never reach a person: field codes and Pydantic's own phrases.
DEVELOPER_WORDS = re.compile(
    r"\b(salary_min|salary_max|decision_expected_by|follow_up_on|scheduled_at|display_name|current_password|"
    r"round_id|time_zone)\b|Input should|String should|valid UUID|Value error"
)


def assert_plain_words(page: Page) -> None:
    text = page.locator("main").inner_text()
    assert not DEVELOPER_WORDS.search(text), DEVELOPER_WORDS.search(text)


def test_dates_against_the_interview(web_page: Page, web_url: str, viewport):
    page, width = web_page, viewport[0]
    sign_in_as_new_user(page, web_url)  # the account's zone is UTC: the messages show UTC times
    interview = datetime.combine(date.today() + timedelta(days=7), datetime.min.time(), UTC).replace(hour=14)
    application = api(page, web_url, "POST", "/applications", {"company": "Northwind", "position": "Analyst"})
    round_ = api(
        page,
        web_url,
        "POST",
        f"/applications/{application['id']}/rounds",
        {"kind": "second", "scheduled_at": interview.isoformat()},
    )
    page.goto(f"/rounds/{round_['id']}")
    page.get_by_role("heading", level=1, name="Round 1: Second interview").wait_for()

    # A decision date three days before the interview: refused, in words, beside the field.
    too_early = interview.date() - timedelta(days=3)
    page.get_by_label("Decision expected by").fill(too_early.isoformat())
    page.get_by_role("button", name="Save outcome").click()
    said = f"The decision date ({short_day(too_early)}) is before the interview ({short_when(interview, 'UTC')})."
    expect(page.locator("#o-decision-error")).to_have_text(said)
    expect(page.get_by_label("Decision expected by")).to_be_focused()
    assert_plain_words(page)
    page.locator("#o-decision-error").scroll_into_view_if_needed()
    check_screen(page, f"dates-decision-refused-{width}")
    page.locator("#o-decision-error").evaluate("el => el.scrollIntoView({block: 'center'})")
    screenshot(page, f"dates-decision-refused-{width}-screen", full_page=False)
    assert api(page, web_url, "GET", f"/rounds/{round_['id']}")["decision_expected_by"] is None

    # Completed a week before it happens: the app asks; "no" leaves the round as it was.
    page.get_by_label("Decision expected by").fill("")
    page.get_by_label("Round status").select_option(label="Completed")
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Save outcome").click()
    for _ in range(50):
        if asked:
            break
        page.wait_for_timeout(100)
    assert asked and "has not come yet" in asked[0], asked
    assert api(page, web_url, "GET", f"/rounds/{round_['id']}")["status"] == "planned"
    # "Yes": it is saved.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Save outcome").click()
    expect(page.get_by_role("region", name="After the interview").get_by_role("status")).to_have_text("Saved")
    assert api(page, web_url, "GET", f"/rounds/{round_['id']}")["status"] == "completed"

    # The application's salary range the wrong way round: the screen's words, by the field.
    page.goto(f"/applications/{application['id']}")
    page.get_by_role("button", name="Edit").first.click()
    page.get_by_label("Lowest salary").fill("70000")
    page.get_by_label("Highest salary").fill("60000")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#f-salary_min-error")).to_have_text("Lowest salary must not be more than the highest salary.")
    assert_plain_words(page)
    check_screen(page, f"words-salary-{width}")
    page.locator("#f-salary_min-error").evaluate("el => el.scrollIntoView({block: 'center'})")
    screenshot(page, f"words-salary-{width}-screen", full_page=False)


def test_a_password_change_says_what_it_revoked_and_offers_a_new_link(phone: Page, web_url: str):
    page = phone
    sign_in_as_new_user(page, web_url, name="Alex Candidate")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Settings").click()
    page.get_by_role("heading", level=1, name="Settings").wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Get my calendar link").click()
    old_link = page.get_by_label("Calendar feed link").input_value()

    card = page.get_by_role("region", name="Change password")
    card.get_by_label("Current password").fill(PASSWORD)
    # Built from the name: refused, in a sentence.
    card.get_by_label("New password", exact=True).fill("alexcandidate1")
    card.get_by_label("New password again").fill("alexcandidate1")
    card.get_by_role("button", name="Change password").click()
    expect(card.locator("#f-password-error")).to_contain_text("Password is built from your name or email")
    assert_plain_words(page)

    card.get_by_label("New password", exact=True).fill("violet quarry lantern drifts north")
    card.get_by_label("New password again").fill("violet quarry lantern drifts north")
    card.get_by_role("button", name="Change password").click()
    note = card.get_by_role("status").filter(has_text="Password changed")
    # Hashing the new password (Argon2) takes a while on a busy machine.
    expect(note).to_contain_text("Your calendar link stopped working", timeout=15_000)
    note.evaluate("el => el.scrollIntoView({block: 'center'})")
    screenshot(page, "settings-password-revoked-375", full_page=False)
    assert page.request.get(old_link).status == 404

    note.get_by_role("button", name="Make a new calendar link").click()
    new_link = card.get_by_label("Calendar feed link").input_value()
    assert new_link != old_link and page.request.get(new_link).text().startswith("BEGIN:VCALENDAR")
    check_screen(page, "settings-new-link-375")
    note.evaluate("el => el.scrollIntoView({block: 'center'})")
    screenshot(page, "settings-new-link-375-screen", full_page=False)


def test_a_call_before_the_interview_is_asked_about_first(phone: Page, web_url: str):
    page = phone
    sign_in_as_new_user(page, web_url)
    interview = datetime.combine(date.today() + timedelta(days=7), datetime.min.time(), UTC).replace(hour=9)
    application = api(page, web_url, "POST", "/applications", {"company": "Contoso", "position": "Analyst"})
    round_ = api(
        page,
        web_url,
        "POST",
        f"/applications/{application['id']}/rounds",
        {
            "scheduled_at": interview.isoformat(),
            "decision_expected_by": (interview.date() + timedelta(days=3)).isoformat(),
        },
    )
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Follow-ups").click()
    item = page.locator("li.bank-item", has=page.get_by_text("Contoso"))
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    item.get_by_role("button", name="I called").click()
    for _ in range(50):
        if asked:
            break
        page.wait_for_timeout(100)
    assert asked and "has not come yet" in asked[0], asked
    assert api(page, web_url, "GET", f"/rounds/{round_['id']}")["followed_up_at"] is None
    page.once("dialog", lambda dialog: dialog.accept())
    item.get_by_role("button", name="I called").click()
    expect(page.get_by_role("heading", name="Done")).to_be_visible()
    assert api(page, web_url, "GET", f"/rounds/{round_['id']}")["followed_up_at"] is not None

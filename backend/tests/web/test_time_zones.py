"""Time zones in the browser: sign-up sends the browser's zone, Settings changes it, and a round is
shown and edited on its own zone's clock, whatever zone the browser is in."""

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.accounts import PASSWORD
from tests.web.conftest import (
    DESKTOP,
    PHONE,
    api,
    check_screen,
    new_email,
    new_page,
)


@pytest.fixture(params=["desktop", "phone"])
def auckland(request, browser: Browser, web_url: str) -> Iterator[tuple[Page, str]]:
    """A browser in Auckland (the far side of the date line from the server's UTC)."""
    context, page, problems = new_page(
        browser, web_url, DESKTOP if request.param == "desktop" else PHONE, timezone_id="Pacific/Auckland"
    )
    yield page, request.param
    context.close()
    assert problems == [], "the browser console reported problems"


def sign_up(page: Page) -> None:
    page.goto("/sign-up")
    page.get_by_label("Your name").fill("Aroha")
    page.get_by_label("Email").fill(new_email("tz"))
    page.get_by_label("Password").fill(PASSWORD)


def test_sign_up_sends_the_browsers_zone(auckland, web_url):
    page, width = auckland
    sign_up(page)
    zone = page.get_by_label("Time zone")
    expect(zone).to_have_value("Pacific/Auckland")
    check_screen(page, f"sign-up-zone-{width}")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", level=1, name="Applications").wait_for()
    assert api(page, web_url, "GET", "/me")["time_zone"] == "Pacific/Auckland"


def test_sign_up_shows_a_refused_zone_by_its_field(desktop: Page, web_url):
    page = desktop
    sign_up(page)
    page.get_by_label("Time zone").fill("Middle/Earth")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator("#f-time_zone-error")).to_contain_text("not an IANA time zone name")
    page.get_by_label("Time zone").fill("Europe/Oslo")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", level=1, name="Applications").wait_for()
    assert api(page, web_url, "GET", "/me")["time_zone"] == "Europe/Oslo"


def test_settings_offers_the_browsers_zone_and_changes_it(auckland, web_url):
    page, width = auckland
    # An account made before it had a zone (UTC), opened in Auckland.
    email = new_email("tz")
    httpx.post(f"{web_url}/api/v1/auth/register", json={"email": email, "password": PASSWORD}).raise_for_status()
    page.goto("/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", level=1, name="Applications").wait_for()
    page.goto("/settings")
    section = page.get_by_role("region", name="Time zone")
    expect(section.get_by_role("note")).to_contain_text("Your browser is in Pacific/Auckland; your account uses UTC.")
    check_screen(page, f"settings-zone-{width}")
    section.get_by_role("button", name="Use Pacific/Auckland").click()
    expect(section.get_by_role("note")).to_have_count(0)
    expect(section.get_by_label("Time zone")).to_have_value("Pacific/Auckland")
    assert api(page, web_url, "GET", "/me")["time_zone"] == "Pacific/Auckland"

    section.get_by_label("Time zone").fill("+13:00")
    section.get_by_role("button", name="Save time zone").click()
    expect(section.locator(".field__error")).to_contain_text("an offset is not a zone")
    section.get_by_label("Time zone").fill("Asia/Tokyo")
    section.get_by_role("button", name="Save time zone").click()
    expect(section.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    assert api(page, web_url, "GET", "/me")["time_zone"] == "Asia/Tokyo"
    # The browser is elsewhere again, so the offer comes back.
    expect(section.get_by_role("note")).to_contain_text("your account uses Asia/Tokyo")


def test_a_round_is_shown_and_edited_on_its_own_clock(auckland, web_url):
    page, width = auckland
    sign_up(page)
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", level=1, name="Applications").wait_for()
    application = api(page, web_url, "POST", "/applications", {"company": "Halvorsen", "position": "Analyst"})
    page.goto(f"/applications/{application['id']}")
    page.get_by_role("button", name="Add a round").click()
    form = page.get_by_role("form", name="New round")
    expect(form.get_by_label("Time zone")).to_have_value("Pacific/Auckland")  # the account's
    form.get_by_label("Date and time").fill("2026-12-02T10:00")
    form.get_by_label("Time zone").fill("Europe/Berlin")  # the interview is in Berlin
    form.get_by_role("button", name="Create round").click()
    page.get_by_role("heading", level=1, name="Round 1: Second interview").wait_for()
    round_id = page.url.rsplit("/", 1)[1]
    stored = api(page, web_url, "GET", f"/rounds/{round_id}")
    assert stored["scheduled_at"] == "2026-12-02T09:00:00Z" and stored["time_zone"] == "Europe/Berlin"
    # Shown at 10:00 Berlin time, not at 22:00 as the Auckland browser's clock would say.
    expect(page.get_by_text("Wednesday, 2 December 2026 at 10:00 CET (Europe/Berlin)")).to_be_visible()
    schedule = page.get_by_role("region", name="Schedule and place")
    expect(schedule.get_by_label("Date and time")).to_have_value("2026-12-02T10:00")
    expect(schedule.get_by_label("Time zone")).to_have_value("Europe/Berlin")
    check_screen(page, f"round-zone-{width}")

    # A time the clocks skip is explained beside the field, and nothing changes.
    schedule.get_by_label("Date and time").fill("2027-03-28T02:30")
    schedule.get_by_role("button", name="Save schedule").click()
    expect(schedule.locator(".field__error")).to_contain_text("does not exist in Europe/Berlin")
    assert api(page, web_url, "GET", f"/rounds/{round_id}")["scheduled_at"] == "2026-12-02T09:00:00Z"

    # Moving the interview to Oslo at 11:00 there.
    schedule.get_by_label("Date and time").fill("2026-12-02T11:00")
    schedule.get_by_label("Time zone").fill("Europe/Oslo")
    schedule.get_by_role("button", name="Save schedule").click()
    expect(page.get_by_text("Wednesday, 2 December 2026 at 11:00 CET (Europe/Oslo)")).to_be_visible()
    assert api(page, web_url, "GET", f"/rounds/{round_id}")["scheduled_at"] == "2026-12-02T10:00:00Z"

    # The application's timeline shows it on the round's clock too.
    page.goto(f"/applications/{application['id']}")
    expect(page.locator(".timeline__card").first).to_contain_text("11:00 CET")

"""The end of the day and a plan that holds during it, in the browser (issue 16, items 2 and 3):
Maya (deciding, 14:00-14:30) then Tom and Lena until 15:15. The decision time frame is the last
question of the day, on Lena's card; Maya's card keeps salary "at the end of your time with Maya".
A question marked answered on Tom's card stays there when Lena cancels; Lena is kept, struck
through, and Tom now closes the day."""

from playwright.sync_api import Page, expect

from tests.web.conftest import (
    SCREENSHOTS,
    api,
    assert_no_horizontal_scroll,
    axe_violations,
    plan_card,
    screenshot,
    sign_in_as_new_user,
)

DECISION = "What are the next steps after today, and when can I expect to hear from you?"


def test_the_day_ends_with_the_last_person_and_marks_stay_put(web_page: Page, web_url, viewport):
    page, width = web_page, viewport[0]
    sign_in_as_new_user(page, web_url)
    roles = {r["name"]: r["id"] for r in api(page, web_url, "GET", "/roles")["items"]}
    app = api(page, web_url, "POST", "/applications", {"company": "Northwind", "position": "Data analyst"})
    round_ = api(
        page,
        web_url,
        "POST",
        f"/applications/{app['id']}/rounds",
        {
            "kind": "second",
            "scheduled_at": "2026-12-10T13:00:00Z",
            "duration_minutes": 75,
            "time_zone": "Europe/Berlin",
        },
    )
    for name, role, minutes in (("Maya", "Owner / executive", 30), ("Tom", "Co-worker", 20), ("Lena", "Co-worker", 25)):
        api(
            page,
            web_url,
            "POST",
            f"/rounds/{round_['id']}/interviewers",
            {"name": name, "role_id": roles[role], "meeting_minutes": minutes},
        )
    page.goto(f"{web_url}/rounds/{round_['id']}")

    # The decision time frame is the last question of the day, with Lena, who does not decide.
    lena = plan_card(page, "Lena")
    closing = lena.get_by_role("group", name="To close, before you leave")
    expect(closing).to_be_visible()
    expect(lena.locator(".q").last).to_contain_text(DECISION)
    expect(closing).to_contain_text("Maya decides")
    # Maya's card: salary at the end of her time, never "before you leave".
    maya = plan_card(page, "Maya")
    salary = maya.get_by_role("group", name="Salary, at the end of your time with Maya")
    expect(salary).to_be_visible()
    expect(maya.get_by_text("before you leave")).to_have_count(0)
    expect(maya.get_by_text("Decides", exact=True)).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    maya.screenshot(path=str(SCREENSHOTS / f"end-of-day-maya-{width}.png"))
    lena.screenshot(path=str(SCREENSHOTS / f"end-of-day-lena-{width}.png"))
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)

    # Mark Tom's first question answered, then Lena cancels.
    tom = plan_card(page, "Tom")
    first = tom.locator(".q").first
    answered = first.locator(".q__text").inner_text()
    first.get_by_role("button", name="Answered").click()
    expect(first.get_by_role("button", name="Answered")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Cancelled Lena").click()
    expect(page.get_by_role("button", name="Not cancelled Lena")).to_be_visible()

    # Lena is kept, struck through; the day now closes with Tom; the answered question stays his.
    lena = plan_card(page, "Lena")
    expect(lena.get_by_text("Cancelled", exact=True)).to_be_visible()
    expect(lena.locator("h3.struck")).to_have_count(1)
    expect(lena.locator(".q")).to_have_count(0)
    tom = plan_card(page, "Tom")
    expect(tom.get_by_role("group", name="To close, before you leave")).to_be_visible()
    expect(tom.locator(".q").last).to_contain_text(DECISION)
    expect(tom.locator(".q", has_text=answered)).to_have_count(1)
    expect(tom.locator(".q", has_text=answered).get_by_role("button", name="Answered")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    screenshot(page, f"end-of-day-after-cancel-{width}")
    tom.screenshot(path=str(SCREENSHOTS / f"end-of-day-tom-{width}.png"))

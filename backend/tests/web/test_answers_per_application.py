"""Issue 16 in the browser: an answer written from Northwind's round is for Northwind only (the form's
default), so Contoso's plan does not show it; the starter advice is a tip and the checklist starts
with answers to prepare; the people you will meet next become the next round's panel."""

from playwright.sync_api import Locator, Page, expect

from tests.web.conftest import (
    SCREENSHOTS,
    api,
    assert_no_horizontal_scroll,
    axe_violations,
    plan_card,
    screenshot,
    sign_in_as_new_user,
)

WHY_US = "Why do you want to work for us rather than a competitor?"
NORTHWIND_ANSWER = "Northwind's route planner is the tool I have used every day for six years."


def seed(page: Page, web_url: str, company: str) -> tuple[dict, dict]:
    """An application with a first round: the owner (who asks "why us"), in Tokyo, at 10:00 there."""
    roles = {r["name"]: r["id"] for r in api(page, web_url, "GET", "/roles")["items"]}
    app = api(page, web_url, "POST", "/applications", {"company": company, "position": "Analyst"})
    round_ = api(
        page,
        web_url,
        "POST",
        f"/applications/{app['id']}/rounds",
        {"kind": "first", "scheduled_at": "2030-12-02T10:00", "time_zone": "Asia/Tokyo", "duration_minutes": 60},
    )
    owner = {"name": "Olu Bakare", "role_id": roles["Owner / executive"]}
    api(page, web_url, "POST", f"/rounds/{round_['id']}/interviewers", owner)
    return app, round_


def expected(page: Page) -> Locator:
    return plan_card(page, "Olu Bakare").locator(".expect li", has=page.get_by_text(WHY_US, exact=True))


def test_an_answer_from_northwinds_round_stays_with_northwind(web_page: Page, web_url, viewport):
    page, width = web_page, viewport[0]
    sign_in_as_new_user(page, web_url)
    api(page, web_url, "PATCH", "/me", {"time_zone": "Europe/Berlin"})
    northwind, nw_round = seed(page, web_url, "Northwind")
    _contoso, co_round = seed(page, web_url, "Contoso")

    page.goto(f"/rounds/{nw_round['id']}")
    # The checklist starts with answers not ready: the starter advice is a tip, not an answer.
    checklist = page.get_by_role("region", name="Are you ready?")
    expect(checklist).to_be_visible()
    still = page.get_by_role("list", name="Still to do")
    if checklist.get_by_role("button", name="Show").count():
        checklist.get_by_role("button", name="Show").first.click()
    expect(still.locator("li[data-key='expected_answers_prepared']")).to_contain_text("Prepare an answer to")
    item = expected(page)
    expect(item).to_contain_text("No answer prepared yet.")
    expect(item.locator(".expect__tip")).to_contain_text("Tip")

    # Your time beside Tokyo's: 10:00 there is 02:00 in Berlin.
    expect(page.locator(".page__lead .your-time")).to_contain_text("02:00")
    expect(page.locator(".page__lead .your-time")).to_contain_text("your time (Europe/Berlin)")

    # Write "why us" from Northwind's round: the form asks whom it is for, Northwind only by default.
    item.get_by_role("button", name=f"Prepare an answer to: {WHY_US}").click()
    form = item.locator("form")
    expect(form.get_by_label("Northwind only")).to_be_checked()
    expect(form.get_by_label("Every application")).not_to_be_checked()
    form.get_by_label("Your prepared answer").fill(NORTHWIND_ANSWER)
    item.screenshot(path=SCREENSHOTS / f"answer-scope-form-{width}.png")
    form.get_by_role("button", name="Save answer").click()
    expect(item).to_contain_text(f"Your answer for Northwind: {NORTHWIND_ANSWER}")
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    screenshot(page, f"answers-northwind-{width}")
    item.scroll_into_view_if_needed()
    screenshot(page, f"answers-northwind-{width}-card", full_page=False)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"answers-northwind-{width}-top", full_page=False)

    # Contoso's plan does not show it; the bank's question is unchanged.
    page.goto(f"/rounds/{co_round['id']}")
    expect(expected(page)).to_contain_text("No answer prepared yet.")
    expect(page.get_by_text(NORTHWIND_ANSWER)).to_have_count(0)
    plan = api(page, web_url, "GET", f"/rounds/{co_round['id']}/plan")
    assert NORTHWIND_ANSWER not in str(plan)
    (question,) = [q for q in api(page, web_url, "GET", "/questions?direction=expect")["items"] if q["text"] == WHY_US]
    assert question["prepared_answer"] is None
    answers = api(page, web_url, "GET", f"/applications/{northwind['id']}/answers")["items"]
    assert [(a["question_id"], a["answer"]) for a in answers] == [(question["id"], NORTHWIND_ANSWER)]

    # An answer for every application applies at Contoso, and says it is the general one.
    item = expected(page)
    item.get_by_role("button", name=f"Prepare an answer to: {WHY_US}").click()
    item.get_by_label("Every application").check()
    item.get_by_label("Your prepared answer").fill("A general answer about the product.")
    item.get_by_role("button", name="Save answer").click()
    expect(item).to_contain_text("Your general answer: A general answer about the product.")
    screenshot(page, f"answers-contoso-{width}")


def test_the_people_you_meet_next_become_round_twos_panel(web_page: Page, web_url, viewport):
    page, width = web_page, viewport[0]
    sign_in_as_new_user(page, web_url)
    _northwind, first = seed(page, web_url, "Northwind")
    page.goto(f"/rounds/{first['id']}")
    card = page.get_by_role("region", name="The people you will meet next")
    card.get_by_role("button", name="Add the people you'll meet next").click()
    card.get_by_label("Name").fill("Maya Lind")
    card.get_by_label("Title").fill("Head of product")
    card.get_by_label("Role").select_option(label="Supervisor")
    card.get_by_role("button", name="Add another person").click()
    card.get_by_role("group", name="Person 2").get_by_label("Name").fill("Tom Berg")
    assert_no_horizontal_scroll(page)
    card.screenshot(path=SCREENSHOTS / f"next-panel-form-{width}.png")
    card.get_by_role("button", name="Add them to the next round").click()
    status = card.get_by_role("status")
    expect(status).to_contain_text("Added Maya Lind, Tom Berg to round 2")
    status.get_by_role("link", name="round 2").click()
    page.get_by_role("heading", level=1, name="Round 2: Second interview").wait_for()
    expect(page.locator("article.plan-card h3")).to_have_text(["Maya Lind", "Tom Berg"])
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    screenshot(page, f"next-panel-round-two-{width}", full_page=False)

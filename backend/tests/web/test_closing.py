"""The closing block and the user's own placements in the web app: toggles on the question form,
deciding on the role form, and on the round screen the closing block marked on the plan card, a
question given to a person by hand, and one moved to the end."""

from playwright.sync_api import Locator, Page, expect

from tests.web.conftest import (
    SCREENSHOTS,
    api,
    check_screen,
    plan_card,
    sign_in_as_new_user,
)

DECISION = "What are the next steps after today, and when can I expect to hear from you?"
WHO_NEXT = "Who will I meet next, and what are their roles?"
SALARY = "What salary range is budgeted for this position, and how is it reviewed?"


def texts(card: Locator) -> list[str]:
    return card.locator(".q__text").all_inner_texts()


def test_the_closing_block_and_placing_questions_by_hand(web_page: Page, web_url, viewport):
    page, width = web_page, viewport[0]
    sign_in_as_new_user(page, web_url)
    roles = {r["name"]: r["id"] for r in api(page, web_url, "GET", "/roles")["items"]}
    app = api(page, web_url, "POST", "/applications", {"company": "Halvorsen Research", "position": "Data analyst"})
    round_ = api(page, web_url, "POST", f"/applications/{app['id']}/rounds", {"kind": "second"})
    for name, role in (("Dana Ortega", "Supervisor"), ("Luis Ferrer", "Owner / executive"), ("Sam Lee", "Co-worker")):
        api(page, web_url, "POST", f"/rounds/{round_['id']}/interviewers", {"name": name, "role_id": roles[role]})
    page.goto(f"{web_url}/rounds/{round_['id']}")

    # The day closes with the last person you meet (Sam, who does not decide): the closing block
    # ends his card; salary stays with the owner, the last decision-maker, at the end of their time.
    owner = plan_card(page, "Luis Ferrer")
    last = plan_card(page, "Sam Lee")
    closing = last.get_by_role("group", name="To close, before you leave")
    expect(closing).to_be_visible()
    expect(closing.locator(".q__text")).to_have_text([WHO_NEXT, DECISION])
    expect(last.locator(".q").last).to_contain_text(DECISION)
    expect(owner.get_by_role("group", name="Salary, at the end of your time with Luis Ferrer")).to_contain_text(SALARY)
    expect(owner.get_by_text("Decides", exact=True)).to_be_visible()
    expect(owner.get_by_role("group", name="To close, before you leave")).to_have_count(0)
    # Numbering goes on from the questions above into the closing block.
    work = last.locator(".q").count() - 2
    assert closing.locator("ol").evaluate("el => getComputedStyle(el).counterReset") == f"q {work}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    owner.screenshot(path=str(SCREENSHOTS / f"closing-owner-card-{width}.png"))
    check_screen(page, f"closing-round-{width}")

    # Give the supervisor's first question to the co-worker by hand.
    supervisor = plan_card(page, "Dana Ortega")
    moved = supervisor.locator(".q__text").first.inner_text()
    item = supervisor.locator(".q").first
    item.get_by_text("Give it to someone, or ask it at the end").click()
    item.get_by_label("Give to").select_option(label="Sam Lee")
    coworker = plan_card(page, "Sam Lee")
    given = coworker.locator(".q", has_text=moved)
    expect(given).to_be_visible()
    expect(given.get_by_text("Given by you")).to_be_visible()
    expect(supervisor.get_by_text(moved, exact=True)).to_have_count(0)

    # Ask another of the supervisor's questions at the end: it joins the last person's closing block.
    at_end = supervisor.locator(".q__text").first.inner_text()
    item = supervisor.locator(".q").first
    item.get_by_text("Give it to someone, or ask it at the end").click()
    item.get_by_role("button", name="Ask it at the end").click()
    expect(closing.locator(".q__text")).to_contain_text([at_end, WHO_NEXT, DECISION])
    back = closing.locator(".q", has_text=at_end)
    back.get_by_text("Give it to someone, or ask it at the end").click()
    back.get_by_role("button", name="Use the question's own setting").click()
    expect(closing.get_by_text(at_end)).to_have_count(0)
    check_screen(page, f"closing-placed-{width}")


def test_question_flags_and_deciding_roles(web_page: Page, web_url, viewport):
    page, width = web_page, viewport[0]
    sign_in_as_new_user(page, web_url)

    # A new question asked every round, at the end.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Questions").click()
    page.get_by_role("heading", level=1, name="Question bank").wait_for()
    page.get_by_role("button", name="Add a question").click()
    form = page.get_by_role("region", name="New question")
    form.get_by_label("You ask them").check()
    form.get_by_label("Question").fill("Is there anything that would stop you from making me an offer?")
    form.get_by_label("Ask it every round").check()
    form.get_by_label("Ask it at the end").check()
    check_screen(page, f"question-flags-form-{width}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    form.screenshot(path=str(SCREENSHOTS / f"question-flags-form-card-{width}.png"))
    form.get_by_role("button", name="Add question").click()
    page.get_by_label("Search").fill("stop you")
    item = page.get_by_role("list", name="Questions").locator("li")
    expect(item).to_have_count(1)
    expect(item.get_by_text("Every round")).to_be_visible()
    expect(item.get_by_text("At the end")).to_be_visible()
    # Editing shows the flags as saved; untick one.
    item.get_by_role("button", name="Edit").click()
    expect(item.get_by_label("Ask it at the end")).to_be_checked()
    expect(item.get_by_label("It asks who I meet next")).not_to_be_checked()
    item.get_by_label("Ask it every round").uncheck()
    item.get_by_role("button", name="Save question").click()
    expect(item.get_by_text("Every round")).to_have_count(0)
    expect(item.get_by_text("At the end")).to_be_visible()

    # Roles: the supervisor decides by default; HR can be made deciding.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Roles").click()
    expect(page.get_by_label("Decides on the hire")).to_be_checked()
    page.get_by_role("group", name="Role").get_by_role("button", name="HR").click()
    toggle = page.get_by_label("Decides on the hire")
    expect(toggle).not_to_be_checked()
    toggle.check()
    expect(toggle).to_be_checked()
    check_screen(page, f"role-deciding-{width}")
    page.locator("section.card", has=page.get_by_label("Decides on the hire")).screenshot(
        path=str(SCREENSHOTS / f"role-deciding-card-{width}.png")
    )
    roles = {r["name"]: r for r in api(page, web_url, "GET", "/roles")["items"]}
    assert roles["HR"]["deciding"] is True and roles["Co-worker"]["deciding"] is False

"""Questions written for one application, in the browser: added from the round screen they join
that round's plan and never another company's; the application screen lists them; the question
bank shows where each question belongs, filters by it, and moves a question to the bank."""

from playwright.sync_api import Page, expect

from tests.web.conftest import SCREENSHOTS, api, check_screen, plan_card, sign_in_as_new_user

HALVORSEN = "How will the new data-science unit change what Halvorsen offers?"


def seed_application(page: Page, web_url: str, company: str) -> tuple[dict, dict]:
    """An application with a second round whose panel is a supervisor and the owner."""
    roles = {r["name"]: r["id"] for r in api(page, web_url, "GET", "/roles")["items"]}
    app = api(page, web_url, "POST", "/applications", {"company": company, "position": "Data analyst"})
    round_ = api(page, web_url, "POST", f"/applications/{app['id']}/rounds", {"kind": "second"})
    for name, role in (("Dana Ortega", "Supervisor"), ("Luis Ferrer", "Owner / executive")):
        api(page, web_url, "POST", f"/rounds/{round_['id']}/interviewers", {"name": name, "role_id": roles[role]})
    return app, round_


def test_a_question_added_from_the_round_joins_its_plan_and_no_other(web_page: Page, web_url, viewport):
    page, width = web_page, viewport[0]
    sign_in_as_new_user(page, web_url)
    halvorsen, halvorsen_round = seed_application(page, web_url, "Halvorsen Research")
    _brekke, brekke_round = seed_application(page, web_url, "Brekke Logistics")

    page.goto(f"/rounds/{halvorsen_round['id']}")
    expect(plan_card(page, "Luis Ferrer")).to_be_visible()
    card = page.get_by_role("region", name="Questions for Halvorsen Research")
    card.get_by_role("button", name="Add a question for this application").click()
    form = card.get_by_role("form", name="New question for Halvorsen Research")
    expect(form.get_by_label("You ask them")).to_be_checked()
    form.get_by_label("Question").fill(HALVORSEN)
    form.get_by_label("Category").select_option(label="Company vision")
    form.get_by_label("Importance").select_option(label="5 · must know")
    card.screenshot(path=SCREENSHOTS / f"round-application-questions-form-{width}.png")
    form.get_by_role("button", name="Add question").click()

    # It is in the plan at once, with the owner (whose role cares most about the company's vision) ...
    expect(plan_card(page, "Luis Ferrer").locator(".qlist").get_by_text(HALVORSEN)).to_be_visible()
    expect(card.get_by_role("status")).to_contain_text("Added for Halvorsen Research. Planned: ask Luis Ferrer.")
    mine = card.get_by_role("list", name="Questions for Halvorsen Research").locator("li")
    expect(mine).to_have_count(1)
    expect(mine).to_contain_text("Planned: ask Luis Ferrer")
    check_screen(page, f"round-application-questions-{width}")
    card.screenshot(path=SCREENSHOTS / f"round-application-questions-card-{width}.png")

    # ... and nowhere in another company's round.
    page.goto(f"/rounds/{brekke_round['id']}")
    expect(plan_card(page, "Luis Ferrer")).to_be_visible()
    expect(page.get_by_role("region", name="Questions for Brekke Logistics")).to_be_visible()
    expect(page.get_by_text(HALVORSEN)).to_have_count(0)
    plan = api(page, web_url, "GET", f"/rounds/{brekke_round['id']}/plan?backlog_limit=500")
    assert HALVORSEN not in str(plan)

    # An expected question, with your answer, for this company only.
    page.goto(f"/applications/{halvorsen['id']}")
    section = page.get_by_role("region", name="Questions for Halvorsen Research")
    expect(section.get_by_role("list").locator("li")).to_have_count(1)
    section.get_by_role("button", name="Add a question").click()
    form = section.get_by_role("form", name="New question for Halvorsen Research")
    form.get_by_label("They ask you").check()
    form.get_by_label("Question").fill("Why Halvorsen rather than a consultancy?")
    form.get_by_label("Category").select_option(label="Long-term goals")
    form.get_by_label("Your prepared answer").fill("Public-health data: the work I want to do for years.")
    form.get_by_role("button", name="Add question").click()
    expect(section.get_by_role("list").locator("li")).to_have_count(2)
    expect(section.get_by_role("list")).to_contain_text("They ask")
    check_screen(page, f"application-questions-{width}")
    section.screenshot(path=SCREENSHOTS / f"application-questions-card-{width}.png")


def test_the_question_bank_shows_where_each_question_belongs(web_page: Page, web_url, viewport):
    page, width = web_page, viewport[0]
    sign_in_as_new_user(page, web_url)
    halvorsen, halvorsen_round = seed_application(page, web_url, "Halvorsen Research")
    seed_application(page, web_url, "Brekke Logistics")
    body = {"direction": "ask", "text": HALVORSEN, "category": "organization_vision", "application_id": halvorsen["id"]}
    question = api(page, web_url, "POST", "/questions", body)
    api(page, web_url, "PUT", f"/rounds/{halvorsen_round['id']}/questions/{question['id']}", {"pinned": True})

    # From the application screen to the bank, filtered to that application.
    page.goto(f"/applications/{halvorsen['id']}")
    page.get_by_role("link", name="Edit them in the question bank").click()
    page.get_by_role("heading", level=1, name="Question bank").wait_for()
    toolbar = page.locator(".toolbar")
    expect(toolbar.get_by_label("Belongs to")).to_have_value(halvorsen["id"])
    items = page.get_by_role("list", name="Questions").locator("li")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("For Halvorsen Research")
    check_screen(page, f"questions-by-application-{width}")

    # The bank alone: the starter questions, each marked Bank.
    toolbar.get_by_label("Belongs to").select_option(label="Bank only (every application)")
    expect(page.get_by_text(HALVORSEN)).to_have_count(0)
    expect(items.first.get_by_text("Bank", exact=True)).to_be_visible()

    # Moving it to another company is refused while this company's round has it pinned: said in words.
    toolbar.get_by_label("Belongs to").select_option(label="Bank and every application")
    page.get_by_label("Search").fill("data-science unit")
    expect(items).to_have_count(1)
    item = items.first
    item.get_by_role("button", name="Edit").click()
    item.get_by_label("Belongs to").select_option(label="Only Brekke Logistics")
    item.get_by_role("button", name="Save question").click()
    expect(item.get_by_role("alert")).to_contain_text("recorded in rounds of another application")
    # To the bank it may go: every application's rounds can use it now.
    item.get_by_label("Belongs to").select_option(label="Bank (every application)")
    item.get_by_role("button", name="Save question").click()
    expect(item.get_by_text("Bank", exact=True)).to_be_visible()
    assert api(page, web_url, "GET", f"/questions/{question['id']}")["application_id"] is None

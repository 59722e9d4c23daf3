"""The screens beyond the journey: the applications table, the question bank, roles with their live
plan preview, settings, and what the app says when something was changed elsewhere (412)."""

import httpx
from playwright.sync_api import Page, expect

from tests.support.accounts import PASSWORD
from tests.web.conftest import (
    api,
    axe_violations,
    check_screen,
    screenshot,
    sign_in_as_new_user,
)


def seed_round(page: Page, web_url: str) -> tuple[dict, dict]:
    roles = {r["name"]: r["id"] for r in api(page, web_url, "GET", "/roles")["items"]}
    app = api(page, web_url, "POST", "/applications", {"company": "Acme", "position": "Engineer"})
    round_ = api(page, web_url, "POST", f"/applications/{app['id']}/rounds", {"kind": "second"})
    for name, role in (("Dana Ortega", "Supervisor"), ("Luis Ferrer", "Owner / executive")):
        api(page, web_url, "POST", f"/rounds/{round_['id']}/interviewers", {"name": name, "role_id": roles[role]})
    return app, round_


def test_applications_table_search_sort_and_move(web_page: Page, web_url, viewport):
    page = web_page
    sign_in_as_new_user(page, web_url)
    for company, position in (("Birch Analytics", "Analyst"), ("Acme", "Engineer"), ("Cobalt", "Designer")):
        api(page, web_url, "POST", "/applications", {"company": company, "position": position})
    page.reload()
    page.get_by_role("button", name="Table").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(3)
    # Column headers sort on a wide screen; on a phone the table stacks and a menu sorts it.
    if viewport[0] == "desktop":
        page.get_by_role("button", name="Company").click()
        expect(rows.first).to_contain_text("Acme")
        page.get_by_role("button", name="Company").click()
    else:
        page.get_by_label("Sort by").select_option(label="Company, A to Z")
        expect(rows.first).to_contain_text("Acme")
        page.get_by_label("Sort by").select_option(label="Company, Z to A")
    expect(rows.first).to_contain_text("Cobalt")
    page.get_by_label("Search").fill("birch")
    expect(rows).to_have_count(1)
    check_screen(page, f"applications-table-{viewport[0]}")
    # Move with the menu, then archive (a closed status) from the board.
    page.get_by_label("Move Birch Analytics to").select_option("offer")
    page.get_by_label("Search").fill("")
    page.get_by_role("button", name="Board").click()
    offer = page.locator("section.column", has=page.get_by_role("heading", name="Offer", exact=True))
    expect(offer.get_by_role("link", name="Birch Analytics")).to_be_visible()
    page.get_by_label("Move Birch Analytics to").select_option("withdrawn")
    expect(offer.get_by_role("link", name="Birch Analytics")).to_have_count(0)
    expect(page.get_by_text("Archived: accepted, rejected and withdrawn (1)")).to_be_visible()


def test_drag_a_card_to_another_stage(desktop: Page, web_url):
    page = desktop
    sign_in_as_new_user(page, web_url)
    api(page, web_url, "POST", "/applications", {"company": "Dune", "position": "Analyst", "status": "wishlist"})
    page.reload()
    card = page.locator("article.app-card", has_text="Dune")
    target = page.locator("section.column", has=page.get_by_role("heading", name="Applied", exact=True))
    card.drag_to(target)
    expect(target.get_by_role("link", name="Dune")).to_be_visible()
    page.reload()
    expect(target.get_by_role("link", name="Dune")).to_be_visible()


def test_question_bank(web_page: Page, web_url, viewport):
    page = web_page
    sign_in_as_new_user(page, web_url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Questions").click()
    page.get_by_role("heading", level=1, name="Question bank").wait_for()
    expect(page.get_by_role("list", name="Questions").locator("li")).not_to_have_count(0)
    check_screen(page, f"questions-{viewport[0]}")

    # Filter by category and search.
    page.get_by_label("Category").select_option(label="Salary & benefits")
    expect(page.get_by_role("list", name="Questions").locator("li")).to_have_count(2)
    page.get_by_label("Search").fill("pension")
    item = page.get_by_role("list", name="Questions").locator("li")
    expect(item).to_have_count(1)

    # Importance inline, then archive and restore.
    text = item.locator(".q__text").inner_text()
    item.get_by_label(f"Importance of: {text}").select_option("5")
    expect(item.get_by_label(f"Importance of: {text}")).to_have_value("5")
    item.get_by_role("button", name="Archive").click()
    expect(page.get_by_text("No questions match")).to_be_visible()
    page.get_by_label("Show archived").check()
    page.get_by_role("list", name="Questions").get_by_role("button", name="Restore").click()
    page.get_by_label("Show archived").uncheck()
    expect(page.get_by_role("list", name="Questions").locator("li")).to_have_count(1)

    # A prepared answer for an expected question.
    page.get_by_label("Search").fill("")
    page.get_by_label("Category").select_option("")
    page.get_by_role("button", name="They ask you").click()
    first = page.get_by_role("list", name="Questions").locator("li").first
    first.get_by_role("button", name="Edit").click()
    first.get_by_label("Your prepared answer").fill("The churn model: cut reporting time from days to hours.")
    first.get_by_role("button", name="Save question").click()
    expect(first).to_contain_text("Your answer: The churn model")

    # A new question, only for co-workers; the server's 422 would show by its field.
    page.get_by_role("button", name="Add a question").click()
    form = page.get_by_role("region", name="New question")
    form.get_by_label("You ask them").check()
    form.get_by_label("Question").fill("What tools does the team use every day?")
    form.get_by_label("Category").select_option(label="Job description")
    form.get_by_label("Co-worker").check()
    form.get_by_role("button", name="Add question").click()
    page.get_by_role("button", name="You ask them").click()
    page.get_by_label("Search").fill("tools")
    expect(page.get_by_role("list", name="Questions")).to_contain_text("For: Co-worker")


def test_roles_sliders_update_the_plan_preview(web_page: Page, web_url, viewport):
    page = web_page
    sign_in_as_new_user(page, web_url)
    seed_round(page, web_url)
    page.reload()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Roles").click()
    page.get_by_role("heading", level=1, name="Interviewer roles").wait_for()
    page.get_by_role("button", name="Owner / executive").click()
    preview = page.get_by_role("region", name="Plan preview")
    owner = preview.locator(".card", has_text="Luis Ferrer")
    expect(owner).to_contain_text("Where do you see the company")
    check_screen(page, f"roles-{viewport[0]}")
    # The owner stops caring about the company's vision: its question leaves the owner's plan.
    slider = page.get_by_label("Company vision")
    slider.focus()
    slider.fill("0")
    expect(page.get_by_text("Saved; the plan preview is up to date.")).to_be_visible()
    expect(owner).not_to_contain_text("Where do you see the company")


def test_settings(web_page: Page, web_url, viewport):
    page = web_page
    email = sign_in_as_new_user(page, web_url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Settings").click()
    page.get_by_role("heading", level=1, name="Settings").wait_for()
    check_screen(page, f"settings-{viewport[0]}")

    page.get_by_label("Your name").fill("Ana Lima")
    page.get_by_role("button", name="Save name").click()
    expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()

    # Issue 15: a new sign-in email needs the current password, which the screen asks for.
    email_card = page.get_by_role("region", name="Change sign-in email")
    new_email = f"moved-{email}"
    email_card.get_by_label("New email").fill(new_email)
    email_card.get_by_label("Current password").fill("wrong current password")
    email_card.get_by_role("button", name="Change email").click()
    expect(email_card.locator(".field__error, .form-error")).to_contain_text(
        "Current password is not the password you sign in with"
    )
    email_card.get_by_label("New email").fill(new_email)
    email_card.get_by_label("Current password").fill(PASSWORD)
    email_card.get_by_role("button", name="Change email").click()
    expect(email_card.get_by_text("Email changed")).to_be_visible()
    expect(email_card).to_contain_text(new_email)
    email = new_email

    password_card = page.get_by_role("region", name="Change password")
    password_card.get_by_label("Current password").fill(PASSWORD)
    password_card.get_by_label("New password", exact=True).fill("violet quarry lantern drifts north")
    password_card.get_by_label("New password again").fill("violet quarry lantern drifts south")
    password_card.get_by_role("button", name="Change password").click()
    expect(page.locator("#f-confirm-error")).to_contain_text("differ")
    password_card.get_by_label("Current password").fill("wrong current password")
    password_card.get_by_label("New password again").fill("violet quarry lantern drifts north")
    password_card.get_by_role("button", name="Change password").click()
    expect(password_card.locator(".field__error, .form-error")).to_be_visible()
    password_card.get_by_label("Current password").fill(PASSWORD)
    password_card.get_by_role("button", name="Change password").click()
    # Two Argon2 hashes (the check, the new one) on a shared machine: more than the default 5 s.
    expect(page.get_by_text("Password changed")).to_be_visible(timeout=15_000)
    assert httpx.post(
        f"{web_url}/api/v1/auth/login", json={"email": email, "password": "violet quarry lantern drifts north"}
    ).is_success

    # Making a link revokes any earlier one, so the app asks first.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Get my calendar link").click()
    feed = page.get_by_label("Calendar feed link")
    url = feed.input_value()
    assert "/api/v1/calendar.ics?token=" in url
    assert httpx.get(url).text.startswith("BEGIN:VCALENDAR")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == url
    # Rotating: the old link stops working.
    page.get_by_role("button", name="Make another link").click()
    expect(feed).not_to_have_value(url)
    assert httpx.get(url).status_code == 404


def test_a_change_made_elsewhere_is_explained_with_a_reload(desktop: Page, web_url):
    page = desktop
    sign_in_as_new_user(page, web_url)
    app, round_ = seed_round(page, web_url)
    page.goto(f"/rounds/{round_['id']}")
    page.get_by_role("heading", level=1, name="Round 1: Second interview").wait_for()
    # Another tab changes the round meanwhile.
    api(page, web_url, "PATCH", f"/rounds/{round_['id']}", {"location": "Room 4"})
    page.get_by_label("Place or video link").fill("Room 5")
    page.get_by_role("button", name="Save schedule").click()
    expect(page.get_by_text("This changed elsewhere")).to_be_visible()
    page.get_by_role("button", name="Reload the latest").click()
    expect(page.get_by_label("Place or video link")).to_have_value("Room 4")


def test_a_missing_round_and_an_unknown_page(desktop: Page, web_url):
    page = desktop
    sign_in_as_new_user(page, web_url)
    page.goto("/rounds/00000000-0000-4000-8000-000000000000")
    expect(page.get_by_text("Not found")).to_be_visible()
    page.goto("/no/such/page")
    page.get_by_role("heading", level=1, name="Page not found").wait_for()
    assert axe_violations(page) == []


def test_prep_sheet_to_copy_and_print_view(desktop: Page, web_url):
    page = desktop
    sign_in_as_new_user(page, web_url)
    _, round_ = seed_round(page, web_url)
    page.goto(f"/rounds/{round_['id']}")
    page.get_by_role("heading", level=1, name="Round 1: Second interview").wait_for()
    page.get_by_role("button", name="Prep sheet").click()
    sheet = page.get_by_label("Prep sheet text")
    expect(sheet).to_contain_text("Dana Ortega")
    expect(sheet).to_contain_text("Luis Ferrer")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy", exact=True).click()
    expect(page.get_by_text("Copied to the clipboard")).to_be_visible()
    assert "Luis Ferrer" in page.evaluate("() => navigator.clipboard.readText()")

    # On paper: the plan cards only, without the navigation, the panel editor or the forms.
    page.emulate_media(media="print")
    expect(page.locator("article.plan-card").first).to_be_visible()
    for hidden in (".topbar", "#panel-title", "#schedule-title", ".q__actions"):
        expect(page.locator(hidden).first).to_be_hidden()
    screenshot(page, "round-print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")

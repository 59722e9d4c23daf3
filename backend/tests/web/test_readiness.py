"""The readiness checklist on the round screen: the count, each open item's next step, and the button
that takes you to where it is fixed; the count moves as you fix things."""

from playwright.sync_api import Page, expect

from tests.web.conftest import api, assert_no_horizontal_scroll, axe_violations, screenshot, sign_in_as_new_user


def item(page: Page, key: str):
    """An item still to do."""
    return page.get_by_role("list", name="Still to do").locator(f"li[data-key='{key}']")


def test_checklist_on_the_round_screen(web_page: Page, web_url, viewport):
    page = web_page
    sign_in_as_new_user(page, web_url)
    roles = {r["name"]: r["id"] for r in api(page, web_url, "GET", "/roles")["items"]}
    app = api(page, web_url, "POST", "/applications", {"company": "Halvorsen Research", "position": "Data analyst"})
    round_ = api(page, web_url, "POST", f"/applications/{app['id']}/rounds", {"kind": "second"})
    api(
        page,
        web_url,
        "POST",
        f"/rounds/{round_['id']}/interviewers",
        {"name": "Dana Ortega", "role_id": roles["Supervisor"]},
    )
    page.goto(f"/rounds/{round_['id']}")

    checklist = page.get_by_role("region", name="Are you ready?")
    # Three open items at first, the rest on demand.
    expect(page.get_by_role("list", name="Still to do").get_by_role("listitem")).to_have_count(3)
    checklist.get_by_role("button", name="Show 3 more to do").click()
    # Dana has questions and the closing (she decides); no salary question fits her time. The
    # starter bank's advice is a tip, not an answer: what she will ask has no answer yet.
    expect(checklist.get_by_text("3 of 9 ready")).to_be_visible()
    expect(item(page, "expected_answers_prepared")).to_contain_text("Prepare an answer to")
    expect(item(page, "greetings")).to_contain_text("Add a greeting for Dana Ortega.")
    expect(item(page, "panel_named")).to_contain_text("Add a title for Dana Ortega.")
    expect(item(page, "company_research")).to_contain_text("Write your company research for Halvorsen Research")
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    screenshot(page, f"round-readiness-{viewport[0]}")
    screenshot(page, f"round-readiness-{viewport[0]}-screen", full_page=False)

    # "Set the place" puts the cursor in the place field; saving moves the count.
    item(page, "place_set").get_by_role("button", name="Set the place").click()
    expect(page.get_by_label("Place or video link")).to_be_focused()
    page.get_by_label("Place or video link").fill("https://meet.example.com/halvorsen")
    page.get_by_role("button", name="Save schedule").click()
    expect(checklist.get_by_text("4 of 9 ready")).to_be_visible()
    expect(item(page, "place_set")).to_have_count(0)
    checklist.get_by_text("Done (4)").click()
    expect(checklist.get_by_role("list", name="Done")).to_contain_text("Place or video link set")

    # "Go to the panel" leads to the people; a greeting through the panel's form moves the count.
    item(page, "greetings").get_by_role("button", name="Go to the panel").click()
    expect(page.get_by_role("heading", name="Who you will meet")).to_be_focused()
    page.get_by_role("button", name="Edit Dana Ortega").click()
    page.get_by_label("Greeting").fill("Ms. Ortega")
    page.get_by_label("Title").fill("Head of analytics")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(checklist.get_by_text("6 of 9 ready")).to_be_visible()

    # The research is written on the application's page.
    item(page, "company_research").get_by_role("link", name="Write the research").click()
    page.get_by_role("heading", level=1, name="Halvorsen Research").wait_for()


def test_the_board_shows_each_next_round_at_a_glance(web_page: Page, web_url, viewport):
    page = web_page
    sign_in_as_new_user(page, web_url)
    roles = {r["name"]: r["id"] for r in api(page, web_url, "GET", "/roles")["items"]}
    halvorsen = api(page, web_url, "POST", "/applications", {"company": "Halvorsen Research", "position": "Analyst"})
    api(page, web_url, "POST", "/applications", {"company": "Birch Analytics", "position": "Analyst"})
    cobalt = api(page, web_url, "POST", "/applications", {"company": "Cobalt", "position": "Designer"})
    rounds = []
    for app in (halvorsen, cobalt):
        round_ = api(
            page,
            web_url,
            "POST",
            f"/applications/{app['id']}/rounds",
            {
                "kind": "second",
                "scheduled_at": "2030-12-01T10:00:00+01:00",
                "time_zone": "Europe/Oslo",
                "location": "Bergen",
            },
        )
        api(
            page,
            web_url,
            "POST",
            f"/rounds/{round_['id']}/interviewers",
            {"name": "Dana", "role_id": roles["Supervisor"]},
        )
        rounds.append(round_)
    api(page, web_url, "PATCH", f"/applications/{halvorsen['id']}", {"company_research": "Founded 1998."})

    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if "/api/v1/" in request.url else None)
    page.reload()
    card = page.locator("article.app-card", has=page.get_by_role("link", name="Halvorsen Research", exact=True))
    expect(card.get_by_role("link", name="Round 1")).to_contain_text("5 of 9 ready")
    expect(card.get_by_role("link", name="Round 1")).to_contain_text("Sun 1 Dec, 10:00")
    other = page.locator("article.app-card", has=page.get_by_role("link", name="Cobalt", exact=True))
    expect(other.get_by_role("link", name="Round 1")).to_contain_text("4 of 9 ready")
    birch = page.locator("article.app-card", has=page.get_by_role("link", name="Birch Analytics", exact=True))
    expect(birch.locator(".glance")).to_have_count(0)  # no round: nothing to show
    # One request for the whole board, not one per card.
    assert len([u for u in asked if "/api/v1/readiness" in u]) == 1, asked
    assert not any("/rounds" in u for u in asked), asked
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    screenshot(page, f"applications-readiness-{viewport[0]}")

    card.get_by_role("link", name="Round 1").click()
    page.get_by_role("heading", level=1, name="Round 1: Second interview").wait_for()
    expect(page.get_by_role("region", name="Are you ready?").get_by_text("5 of 9 ready")).to_be_visible()

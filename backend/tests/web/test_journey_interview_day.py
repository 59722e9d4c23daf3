"""Issue 9's "Done means", played in the browser at phone width and at desktop width.

The seed scenario: a data-analyst post at Halvorsen Research in Bergen; the first interview is done
(and answered when they would decide); the second is next week at 10:00 Bergen time, 120 minutes,
with the supervisor, the owner and a future co-worker. The candidate's browser runs on New York
time, so a time shown on the browser's clock (or in UTC) instead of the round's shows up at once.

On the way: the readiness checklist goes from 3 of 9 to 9 of 9 as the user works through it (round 1's
person was debriefed, so no debrief is asked for; once round 2 is over, the thank-you notes are the
tenth item); the
plan's last question to the owner is the decision time frame, after the salary question; every
time is Bergen's; no question written for another application is planned; the run sheet fits the
120 minutes.
"""

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.accounts import PASSWORD
from tests.web.conftest import (
    SCREENSHOTS,
    api,
    check_screen,
    new_email,
    new_page,
    plan_card,
    screenshot,
)
from tests.web.test_journey import RESEARCH

SALARY = "What salary range is budgeted for this position, and how is it reviewed?"
DECISION = "What are the next steps after today, and when can I expect to hear from you?"
OWN_ASK = "How will the new data-science unit change what Halvorsen offers its clients?"
OWN_EXPECT = "Why Halvorsen rather than a larger lab?"
ELSEWHERE = "How will the new pricing team at Birch work with the analysts?"
ZONE = "Europe/Oslo"


@pytest.fixture
def page_in_new_york(browser: Browser, web_url: str, viewport) -> Iterator[Page]:
    context, page, problems = new_page(browser, web_url, viewport[1], timezone_id="America/New_York")
    yield page
    context.close()
    assert problems == [], "the browser console reported problems"


def ready_count(page: Page, text: str) -> None:
    expect(page.get_by_role("region", name="Are you ready?").get_by_text(text, exact=True)).to_be_visible()


def open_item(page: Page, key: str):
    """An item of the checklist still to do (all of them shown)."""
    checklist = page.get_by_role("region", name="Are you ready?")
    more = checklist.get_by_role("button", name="more to do")
    if more.count():
        more.click()
    return checklist.get_by_role("list", name="Still to do").locator(f"li[data-key='{key}']")


def add_person(
    page: Page, name: str, title: str, role: str, greeting: str, meeting: int, pause: int, questions: int | None = None
) -> None:
    page.get_by_role("button", name="Add a person").click()
    form = page.locator("form", has=page.locator("#p-new-name"))
    form.get_by_label("Name").fill(name)
    form.get_by_label("Title").fill(title)
    form.get_by_label("Role").select_option(label=role)
    form.get_by_label("Greeting").fill(greeting)
    form.get_by_label("Meeting length (minutes)").fill(str(meeting))
    form.get_by_label("Break after (minutes)").fill(str(pause))
    if questions is not None:
        form.get_by_label("Minutes for your questions").fill(str(questions))
    form.get_by_role("button", name="Add to the panel").click()
    expect(
        page.get_by_role("list", name="Panel in meeting order").locator(".person__name", has_text=name)
    ).to_be_visible()


def test_the_day_of_the_interview(page_in_new_york: Page, web_url: str, viewport):
    page, width = page_in_new_york, viewport[0]
    interview_day = date.today() + timedelta(days=7)
    decision_by = interview_day + timedelta(days=10)

    # Sign up; the account takes the browser's zone.
    page.goto("/sign-up")
    page.get_by_label("Your name").fill("Ana")
    page.get_by_label("Email").fill(new_email("day"))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", level=1, name="Applications").wait_for()

    # Another application, with a question written for it alone (made through the API: not the point here).
    roles = {r["name"]: r["id"] for r in api(page, web_url, "GET", "/roles")["items"]}
    birch = api(page, web_url, "POST", "/applications", {"company": "Birch Analytics", "position": "Analyst"})
    api(
        page,
        web_url,
        "POST",
        "/questions",
        {
            "direction": "ask",
            "text": ELSEWHERE,
            "category": "organization_vision",
            "importance": 5,
            "application_id": birch["id"],
        },
    )

    # General answers written in the bank beforehand (the starter bank has tips only, issue 16).
    for question in api(page, web_url, "GET", "/questions?direction=expect&limit=200")["items"]:
        api(page, web_url, "PATCH", f"/questions/{question['id']}", {"prepared_answer": "My own general answer."})

    # Halvorsen Research, its research notes, and the first interview, done: Dana said when they would decide.
    page.reload()
    page.get_by_label("Company").fill("Halvorsen Research")
    page.get_by_label("Position").fill("Data analyst")
    page.get_by_role("button", name="Add application").click()
    page.get_by_role("heading", level=1, name="Halvorsen Research").wait_for()
    page.get_by_role("button", name="Write notes").click()
    page.get_by_label("Notes (Markdown)").fill(RESEARCH)
    page.get_by_role("button", name="Save notes").click()
    expect(page.locator(".prose strong").first).to_have_text("120 people")
    application_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    first = api(
        page,
        web_url,
        "POST",
        f"/applications/{application_id}/rounds",
        {
            "kind": "first",
            "scheduled_at": f"{(date.today() - timedelta(days=7)).isoformat()}T10:00:00",
            "time_zone": ZONE,
            "duration_minutes": 45,
            "status": "completed",
        },
    )
    first_dana = api(
        page,
        web_url,
        "POST",
        f"/rounds/{first['id']}/interviewers",
        {"name": "Dana Ortega", "title": "Head of analytics", "role_id": roles["Supervisor"]},
    )
    api(page, web_url, "PUT", f"/interviewers/{first_dana['id']}/debrief", {"impression": 4})
    decision_question = next(
        q for q in api(page, web_url, "GET", "/questions?direction=ask&limit=200")["items"] if q["text"] == DECISION
    )
    api(
        page,
        web_url,
        "PUT",
        f"/rounds/{first['id']}/questions/{decision_question['id']}",
        {"status": "answered", "answer_notes": "Dana: within two weeks of the second interview."},
    )

    # The second interview, next week at 10:00 on Bergen's clock, 120 minutes, at their office.
    page.reload()
    page.get_by_role("button", name="Add a round").click()
    page.get_by_label("Kind").select_option(label="Second interview")
    page.get_by_label("Date and time").fill(f"{interview_day.isoformat()}T10:00")
    page.get_by_label("Time zone").fill(ZONE)
    page.get_by_label("Length (minutes)").fill("120")
    page.get_by_label("Place or video link").fill("Halvorsen HQ, Strandkaien 4, Bergen")
    page.get_by_role("button", name="Create round").click()
    page.get_by_role("heading", level=1, name="Round 2: Second interview").wait_for()
    expect(page.locator(".page__lead")).to_contain_text("10:00")
    # A round in another zone than yours shows your own time beside it (New York: 04:00, or 05:00 in summer).
    expect(page.locator(".page__lead .your-time")).to_contain_text("your time (America/New_York)")

    # Ready? 3 of 9: the research, the place, and no salary question yet. Nobody on the panel: it says so.
    ready_count(page, "3 of 9 ready")
    expect(open_item(page, "panel_named")).to_contain_text("Ask your first interviewer who you will meet next")
    check_screen(page, f"day-round-empty-{width}")

    # The panel in meeting order, with the time with each (40 + 5 + 30 + 5 + 30 = 110 of 120 minutes).
    add_person(page, "Dana Ortega", "Head of analytics", "Supervisor", "Ms. Ortega", 40, 5)
    add_person(page, "Luis Ferrer", "Founder & CEO", "Owner / executive", "Mr. Ferrer", 30, 5, questions=12)
    add_person(page, "Sam Lee", "Data analyst", "Co-worker", "", 30, 0)
    # Names, titles, roles, a question each, the closing and prepared answers: 6; Sam's greeting and the
    # salary range (the owner gets the salary question) are still to do, and the decision date.
    ready_count(page, "6 of 9 ready")
    expect(open_item(page, "greetings")).to_contain_text("Add a greeting for Sam Lee.")
    expect(open_item(page, "salary_researched")).to_contain_text("Salary will come up")

    # Fix the greeting from the checklist: it leads to the panel.
    open_item(page, "greetings").get_by_role("button", name="Go to the panel").click()
    expect(page.get_by_role("heading", name="Who you will meet")).to_be_focused()
    page.get_by_role("button", name="Edit Sam Lee").click()
    page.get_by_label("Greeting").fill("Sam")
    page.get_by_role("button", name="Save", exact=True).click()
    ready_count(page, "7 of 9 ready")

    # Questions for Halvorsen alone: one to ask, one they will likely ask (no answer yet: one step back).
    add_question = page.get_by_role("button", name="Add a question for this application")
    add_question.click()
    form = page.get_by_role("form", name="New question for Halvorsen Research")
    form.get_by_label("Question").fill(OWN_ASK)
    form.get_by_label("Importance").select_option("5")
    form.get_by_role("button", name="Add question").click()
    expect(page.get_by_role("list", name="Questions for Halvorsen Research")).to_contain_text(OWN_ASK)
    add_question.click()
    form.get_by_label("They ask you").check()
    form.get_by_label("Question").fill(OWN_EXPECT)
    form.get_by_label("Importance").select_option("5")
    form.get_by_role("button", name="Add question").click()
    expect(page.get_by_role("list", name="Questions for Halvorsen Research")).to_contain_text(OWN_EXPECT)
    ready_count(page, "6 of 9 ready")
    step = open_item(page, "expected_answers_prepared")
    expect(step).to_contain_text(f"Prepare an answer to “{OWN_EXPECT}” (Luis Ferrer will likely ask it)")
    step.get_by_role("button", name="Prepare the answers").click()
    prepare = page.get_by_role("button", name=f"Prepare an answer to: {OWN_EXPECT}")
    expect(prepare).to_be_focused()
    prepare.click()
    page.get_by_label("Your prepared answer").fill("Your work reaches public health agencies directly.")
    page.get_by_role("button", name="Save answer").click()
    ready_count(page, "7 of 9 ready")

    # The salary range, on the application's page, then back to the round.
    open_item(page, "salary_researched").get_by_role("link", name="Add the salary range").click()
    page.get_by_role("heading", level=1, name="Halvorsen Research").wait_for()
    page.get_by_role("complementary", name="Details").get_by_role("button", name="Edit").click()
    page.get_by_label("Lowest salary").fill("52000")
    page.get_by_label("Highest salary").fill("60000")
    page.get_by_label("Currency").fill("NOK")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("52,000–60,000 NOK")).to_be_visible()
    page.go_back()
    page.get_by_role("heading", level=1, name="Round 2: Second interview").wait_for()
    # Before the interview, 8 is all there is: the decision date is asked at its end.
    ready_count(page, "8 of 9 ready")
    expect(page.get_by_text("All set for the interview. The last item comes at its end.")).to_be_visible()
    expect(open_item(page, "decision_date_asked")).to_contain_text(
        "At the end of the interview, ask when they will decide"
    )

    # The plan: salary is the owner's last question (the last decision-maker); the decision time frame
    # is the last question of the day, with Sam Lee, the last person met.
    expect(page.locator("article.plan-card h3")).to_have_text(["Dana Ortega", "Luis Ferrer", "Sam Lee"])
    owner = plan_card(page, "Luis Ferrer")
    expect(owner.locator(".qlist .q").last).to_contain_text("Salary & benefits")  # the salary block ends his time
    assert SALARY in owner.locator(".qlist .q__text").all_inner_texts()
    expect(plan_card(page, "Sam Lee").locator(".qlist .q").last).to_contain_text(DECISION)
    # This application's own question is planned or listed; another application's never appears.
    expect(page.get_by_text(OWN_ASK).first).to_be_visible()
    expect(page.get_by_text(ELSEWHERE)).to_have_count(0)

    # The run sheet on Bergen's clock: 10:00-10:40 Dana, 10:45-11:15 Luis, 11:20-11:50 Sam; it fits.
    run_sheet = page.get_by_role("region", name="Run sheet")
    expect(run_sheet).to_contain_text(ZONE)
    meetings = run_sheet.get_by_role("list", name="Meetings in order").locator(".run-sheet__time")
    expect(meetings).to_have_text(["10:00–10:40", "10:45–11:15", "11:20–11:50"])
    expect(run_sheet.get_by_role("list", name="What does not fit")).to_have_count(0)
    expect(run_sheet).to_contain_text("110 of the round's 120 min planned")

    # The prep sheet speaks Bergen time too.
    page.get_by_role("button", name="Prep sheet").click()
    sheet = page.get_by_label("Prep sheet text")
    expect(sheet).to_contain_text("10:00")
    assert "UTC" not in sheet.inner_text() and "04:00" not in sheet.inner_text()
    assert ELSEWHERE not in sheet.inner_text()
    page.get_by_role("button", name="Close").click()

    check_screen(page, f"day-round-ready-{width}")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"day-round-ready-{width}-screen", full_page=False)
    # The README's pictures: the owner's card, at desktop and at phone width.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    owner.scroll_into_view_if_needed()
    owner.screenshot(path=str(SCREENSHOTS / f"day-owner-{width}.png"))
    page.get_by_role("heading", name="Your plan").evaluate("el => el.scrollIntoView({block: 'start'})")
    screenshot(page, f"day-plan-{width}-screen", full_page=False)

    # The board shows the round at a glance, on Bergen's clock.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Applications").click()
    card = page.locator("article.app-card", has=page.get_by_role("link", name="Halvorsen Research", exact=True))
    glance = card.get_by_role("link", name="Round 2")
    expect(glance).to_contain_text("10:00")
    expect(glance).to_contain_text("8 of 9 ready")
    check_screen(page, f"day-board-{width}")

    # After the interview: completed; they said when they would decide. 9 of 9.
    glance.click()
    page.get_by_role("heading", level=1, name="Round 2: Second interview").wait_for()
    page.get_by_label("Round status").select_option(label="Completed")
    # The round is still a week away on the clock: the app asks before marking it completed.
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Save outcome").click()
    expect(page.get_by_label("Round status")).to_have_value("completed")
    assert "has not come yet" in asked[0], asked
    expect(open_item(page, "decision_date_asked")).to_contain_text("Record when they said they will decide")
    open_item(page, "decision_date_asked").get_by_role("button", name="Record the date").click()
    expect(page.get_by_label("Decision expected by")).to_be_focused()
    page.get_by_label("Decision expected by").fill(decision_by.isoformat())
    page.get_by_role("button", name="Save outcome").click()
    # The round is over: the thank-you notes join the list, still to send.
    ready_count(page, "9 of 10 ready")
    expect(page.locator("li[data-key='thank_you_notes_sent']")).to_contain_text("Send a thank-you note to")
    page.get_by_role("region", name="Are you ready?").get_by_text("Done (9)").click()
    expect(page.get_by_role("region", name="Are you ready?").get_by_role("list", name="Done")).to_be_visible()
    check_screen(page, f"day-round-done-{width}")
    page.get_by_role("heading", name="Are you ready?").evaluate("el => el.scrollIntoView({block: 'start'})")
    screenshot(page, f"day-ready-{width}-screen", full_page=False)

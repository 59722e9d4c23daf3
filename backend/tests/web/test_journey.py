"""The seed scenario, played in the browser at desktop and at phone width.

Sign up; add an application with research notes; add a second-interview round with a supervisor,
the owner and a co-worker; the plan puts the salary question last, with the owner; pin a question
and see it move first; mark questions asked and answered; record a pending outcome with a
decision date; find the follow-up on the Follow-ups screen and record the call.
"""

from datetime import date, timedelta

from playwright.sync_api import Page, expect

from tests.support.accounts import PASSWORD
from tests.web.conftest import (
    SCREENSHOTS,
    check_screen,
    new_email,
    plan_card,
    screenshot,
)

RESEARCH = """## Halvorsen Research

Founded 1998 in Bergen; **120 people**. Opening a data-science unit next year.

- Clients: public health agencies
- Interviewers value *clear reasoning*

<script>window.__pwned = true</script><img src=x onerror="window.__pwned = true">
[a trap](javascript:window.__pwned=true)
"""

SALARY = "What salary range is budgeted for this position, and how is it reviewed?"
DECISION = "What are the next steps after today, and when can I expect to hear from you?"
WHO_NEXT = "Who will I meet next, and what are their roles?"


def add_person(page: Page, name: str, title: str, role: str, greeting: str) -> None:
    page.get_by_role("button", name="Add a person").click()
    form = page.locator("form", has=page.locator("#p-new-name"))
    form.get_by_label("Name").fill(name)
    form.get_by_label("Title").fill(title)
    form.get_by_label("Role").select_option(label=role)
    form.get_by_label("Greeting").fill(greeting)
    form.get_by_role("button", name="Add to the panel").click()
    expect(
        page.get_by_role("list", name="Panel in meeting order").locator(".person__name", has_text=name)
    ).to_be_visible()


def test_seed_scenario(web_page: Page, viewport):
    page, width = web_page, viewport[0]

    # Sign up.
    page.goto("/sign-up")
    page.get_by_label("Your name").fill("Ana")
    page.get_by_label("Email").fill(new_email("journey"))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", level=1, name="Applications").wait_for()
    expect(page.get_by_text("No applications yet")).to_be_visible()

    # Add an application, then its research notes (Markdown, rendered without any raw HTML).
    page.get_by_label("Company").fill("Halvorsen Research")
    page.get_by_label("Position").fill("Data analyst")
    page.get_by_role("button", name="Add application").click()
    page.get_by_role("heading", level=1, name="Halvorsen Research").wait_for()
    page.get_by_role("button", name="Write notes").click()
    page.get_by_label("Notes (Markdown)").fill(RESEARCH)
    page.get_by_role("button", name="Save notes").click()
    notes = page.locator(".prose").first
    expect(notes.locator("strong")).to_have_text("120 people")
    expect(notes.locator("li")).to_have_count(2)
    expect(notes).to_contain_text("<script>")  # shown as text, never run
    assert notes.locator("script, img").count() == 0
    assert notes.locator("a[href^='javascript']").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    check_screen(page, f"application-{width}")

    # A second-interview round, then the panel in meeting order.
    page.get_by_role("button", name="Add a round").click()
    page.get_by_label("Kind").select_option(label="Second interview")
    page.get_by_label("Date and time").fill(f"{date.today() - timedelta(days=8)}T10:00")  # before the decision date
    page.get_by_label("Length (minutes)").fill("120")
    page.get_by_label("Place or video link").fill("Halvorsen HQ, Strandkaien 4, Bergen")
    page.get_by_role("button", name="Create round").click()
    page.get_by_role("heading", level=1, name="Round 1: Second interview").wait_for()
    expect(page.get_by_text("The plan appears when the panel is set")).to_be_visible()

    add_person(page, "Dana Ortega", "Head of analytics", "Supervisor", "Ms. Ortega")
    add_person(page, "Luis Ferrer", "Founder & CEO", "Owner / executive", "Mr. Ferrer")
    add_person(page, "Sam Lee", "Data analyst", "Co-worker", "Sam")

    # The plan: one card per person in meeting order; the salary question last, with the owner.
    cards = page.locator("article.plan-card h3")
    expect(cards).to_have_text(["Dana Ortega", "Luis Ferrer", "Sam Lee"])
    owner = plan_card(page, "Luis Ferrer")
    expect(owner.locator(".qlist").get_by_text(SALARY)).to_be_visible()
    # Salary last with the owner, the last decision-maker; the closing block goes to the last person
    # met (Sam Lee), the decision time frame the very last question of the day.
    expect(owner.locator(".qlist .q").last).to_contain_text("Salary & benefits")  # the salary block ends his time
    assert SALARY in owner.locator(".qlist .q__text").all_inner_texts()
    last = plan_card(page, "Sam Lee")
    expect(last.locator(".qlist .q").last).to_contain_text(DECISION)
    last_texts = last.locator(".qlist .q__text").all_inner_texts()
    assert last_texts.index(WHO_NEXT) < last_texts.index(DECISION), last_texts
    expect(owner).to_contain_text("Mr. Ferrer")
    for other in ("Dana Ortega", "Sam Lee"):
        expect(plan_card(page, other).get_by_text(SALARY)).to_have_count(0)
    # Reasons on demand.
    salary = owner.locator(".q", has_text=SALARY)
    salary.get_by_text("Why this question").click()
    expect(salary.locator(".q__reasons")).to_contain_text("salary kept to the end")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    owner.screenshot(path=str(SCREENSHOTS / f"round-plan-owner-{width}.png"))
    check_screen(page, f"round-plan-{width}")
    # The plan as it first appears on screen (the README shows these two).
    page.get_by_role("heading", name="Your plan").evaluate("el => el.scrollIntoView({block: 'start'})")
    screenshot(page, f"round-plan-{width}-screen", full_page=False)

    # Pin the supervisor's last question: it moves first.
    supervisor = plan_card(page, "Dana Ortega")
    questions = supervisor.locator(".qlist .q__text")
    expect(questions.first).not_to_have_text("")
    last_text = questions.last.inner_text()
    assert questions.first.inner_text() != last_text
    supervisor.locator(".q").last.get_by_role("button", name="Pin", exact=True).click()
    expect(questions.first).to_have_text(last_text)
    expect(supervisor.locator(".q").first.get_by_text("Pinned", exact=True)).to_be_visible()

    # During the interview: mark the first asked, the second answered with a note.
    first, second = supervisor.locator(".q").nth(0), supervisor.locator(".q").nth(1)
    first.get_by_role("button", name="Asked", exact=True).click()
    expect(first.get_by_role("button", name="Asked", exact=True)).to_have_attribute("aria-pressed", "true")
    second.get_by_role("button", name="Answered", exact=True).click()
    expect(second.get_by_role("button", name="Answered", exact=True)).to_have_attribute("aria-pressed", "true")
    second.get_by_role("button", name="Notes", exact=True).click()
    second.get_by_label("What they answered").fill("Monthly reviews with Dana; first project in week two.")
    second.get_by_role("button", name="Save notes").click()
    expect(second).to_contain_text("Monthly reviews with Dana")

    # After it: completed, waiting for a decision expected three days ago.
    decision = date.today() - timedelta(days=3)
    page.get_by_label("Round status").select_option(label="Completed")
    page.get_by_label("Outcome", exact=True).select_option(label="Waiting for a decision")
    page.get_by_label("Decision expected by").fill(decision.isoformat())
    page.get_by_role("button", name="Save outcome").click()
    expect(page.get_by_text("Call them on")).to_be_visible()

    # The follow-up waits on the Follow-ups screen; one click records the call.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Follow-ups").click()
    page.get_by_role("heading", level=1, name="Follow-ups").wait_for()
    item = page.locator("li.bank-item", has=page.get_by_text("Halvorsen Research"))
    expect(item).to_contain_text("Dana Ortega")
    check_screen(page, f"follow-ups-{width}")
    item.get_by_role("button", name="I called").click()
    expect(page.get_by_role("heading", name="Done")).to_be_visible()
    expect(page.get_by_text("You are up to date")).to_be_visible()

    # The board shows the application as interviewing.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Applications").click()
    column = page.locator("section.column", has=page.get_by_role("heading", name="Interviewing"))
    expect(column.get_by_role("link", name="Halvorsen Research")).to_be_visible()
    check_screen(page, f"applications-{width}")

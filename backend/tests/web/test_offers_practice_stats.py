"""Issue 19 in the browser, at 1280 px and at 375 px: Offers (verbal, then written, compared, accepted
with the question about the others), Practice (question, "Show my answer", four large ratings) and
Stats (counts and an SVG chart drawn by the app)."""

from playwright.sync_api import Page, expect

from tests.web.conftest import api, check_screen, sign_in_as_new_user


def seed_offers(page: Page, web_url: str) -> tuple[dict, dict]:
    northwind = api(
        page,
        web_url,
        "POST",
        "/applications",
        {
            "company": "Northwind",
            "position": "Analyst",
            "salary_min": 60000,
            "salary_max": 75000,
            "salary_currency": "EUR",
        },
    )
    contoso = api(page, web_url, "POST", "/applications", {"company": "Contoso", "position": "Data analyst"})
    api(
        page,
        web_url,
        "POST",
        "/offers",
        {"application_id": contoso["id"], "base_amount": 5000, "currency": "GBP", "period": "month"},
    )
    return northwind, contoso


def test_offers_from_verbal_to_accepted(web_page: Page, web_url: str, viewport):
    name = viewport[0]
    sign_in_as_new_user(web_page, web_url)
    northwind, contoso = seed_offers(web_page, web_url)
    web_page.goto("/offers")  # the applications made through the API are read afresh
    web_page.get_by_role("heading", level=1, name="Offers").wait_for()

    # A verbal offer for Northwind, through the form.
    web_page.get_by_role("button", name="Add an offer").click()
    form = web_page.get_by_role("form", name="Add an offer")
    form.get_by_label("Application").select_option(northwind["id"])
    # The currency is the one the application's salary range was noted in.
    expect(form.get_by_label("Currency")).to_have_value("EUR")
    form.get_by_label("Base salary").fill("70000")
    form.get_by_label("Respond by").fill("2030-12-11")
    form.get_by_role("button", name="Save the offer").click()
    card = web_page.get_by_role("listitem", name="Northwind · Analyst")
    expect(card.get_by_text("Ask for it in writing")).to_be_visible()

    # The written offer comes: the verbal figures stay.
    card.get_by_role("button", name="The written offer came").click()
    card.get_by_label("Base salary in the written offer (EUR)").fill("72000")
    # What the letter adds to the call: bonus, equity, benefits, a start date.
    card.get_by_label("Yearly bonus").fill("6000")
    card.get_by_label("Equity").fill("0.1 % over four years")
    card.get_by_label("Benefits").fill("Pension 7 %; 30 days of holiday")
    card.get_by_label("Start date").fill("2031-02-01")
    card.get_by_role("button", name="Save the written offer").click()
    expect(card.get_by_text("Earlier (verbal): 70,000 EUR a year")).to_be_visible()
    expect(card.get_by_text("72,000 EUR a year + 6,000 EUR bonus")).to_be_visible()
    expect(card.get_by_text("Pension 7 %; 30 days of holiday")).to_be_visible()
    saved = next(o for o in api(web_page, web_url, "GET", "/offers")["items"] if o["application_id"] == northwind["id"])
    assert (saved["stage"], saved["bonus"], saved["equity"], saved["start_date"]) == (
        "written",
        "6000.00",
        "0.1 % over four years",
        "2031-02-01",
    )
    expect(card.get_by_text("Respond by Wednesday 11 December 2030")).to_be_visible()

    web_page.get_by_role("button", name="Compare side by side").click()
    compare = web_page.get_by_role("region", name="Side by side")
    expect(compare.get_by_text("The offers are in different currencies (EUR, GBP)", exact=False)).to_be_visible()
    expect(compare.get_by_text("Within the range you researched.")).to_be_visible()
    expect(compare).to_contain_text("Yearly bonus6,000 EUR")
    expect(compare).to_contain_text("Equity0.1 % over four years")
    check_screen(web_page, f"offers-compare-{name}")

    # Accepting asks about the other offer; keeping it leaves Contoso's open.
    card.get_by_role("button", name="Accept").click()
    expect(card.get_by_text("You have 1 other open offer.", exact=False)).to_be_visible()
    check_screen(web_page, f"offers-accept-question-{name}")
    card.get_by_role("button", name="Accept and decline the others").click()
    expect(card.get_by_text("Nothing: you accepted this offer.")).to_be_visible()
    contoso_card = web_page.get_by_role("listitem", name="Contoso · Data analyst")
    expect(contoso_card.get_by_text("Nothing: you declined this offer.")).to_be_visible()
    assert api(web_page, web_url, "GET", f"/applications/{contoso['id']}")["status"] == "withdrawn"


def test_practice_one_card_at_a_time(web_page: Page, web_url: str, viewport):
    name = viewport[0]
    sign_in_as_new_user(web_page, web_url)
    web_page.get_by_role("link", name="Practice").click()
    web_page.get_by_role("heading", level=1, name="Practice").wait_for()
    first = web_page.locator("article.practice h2").inner_text()
    check_screen(web_page, f"practice-question-{name}")
    web_page.get_by_role("button", name="Show my answer").click()
    expect(web_page.get_by_text("Your answer")).to_be_visible()
    ratings = web_page.get_by_role("group", name="How did it go?").get_by_role("button")
    expect(ratings).to_have_count(4)
    box = ratings.first.bounding_box()
    assert box and box["height"] >= 44  # large enough for a thumb
    check_screen(web_page, f"practice-answer-{name}")
    # No answer yet (the starter questions have none): write the one said aloud, here.
    card_id = api(web_page, web_url, "GET", "/practice/queue")["items"][0]["question_id"]
    web_page.get_by_label("You have not written an answer yet", exact=False).fill("I listen first, then agree on data.")
    web_page.get_by_role("button", name="Save my answer").click()
    expect(web_page.locator(".practice__answer")).to_contain_text("I listen first, then agree on data.")
    assert (
        api(web_page, web_url, "GET", f"/questions/{card_id}")["prepared_answer"]
        == "I listen first, then agree on data."
    )
    ratings.nth(2).click()  # Good
    expect(web_page.get_by_text("Next time in 10 minutes.", exact=False)).to_be_visible()
    assert web_page.locator("article.practice h2").inner_text() != first


def test_stats_with_a_chart(web_page: Page, web_url: str, viewport):
    name = viewport[0]
    sign_in_as_new_user(web_page, web_url)
    app = api(
        web_page,
        web_url,
        "POST",
        "/applications",
        {"company": "Acme", "position": "Engineer", "applied_on": "2026-11-01"},
    )
    api(
        web_page,
        web_url,
        "POST",
        f"/applications/{app['id']}/rounds",
        {"kind": "first", "scheduled_at": "2026-11-08T10:00:00+00:00"},
    )
    web_page.get_by_role("link", name="Stats").click()
    web_page.get_by_role("heading", level=1, name="Stats").wait_for()
    expect(web_page.get_by_role("img", name="Median days from applying to each stage")).to_be_visible()
    expect(web_page.get_by_text("7 d", exact=True)).to_be_visible()
    # Counts read as words ("1 application", not "1 applications"), statuses in the app's words.
    counts = web_page.locator(".stats--counts li")
    expect(counts).to_have_text(["1 application", "1 round", "0 offers", "0 questions practised"])
    expect(web_page.get_by_role("region", name="Outcomes")).to_contain_text("Interviewing: 1")
    check_screen(web_page, f"stats-{name}")

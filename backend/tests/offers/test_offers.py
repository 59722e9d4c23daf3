"""Offers (issue 19, item 5): verbal then written with the verbal figures kept, the next step in
words, the follow-up until you respond, the side-by-side comparison, and accept or decline."""

from datetime import timedelta

import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_round
from tests.support.clock import NOON, follow_ups_at_noon

URL = "/api/v1/offers"


def day(n: int) -> str:
    return (NOON.date() + timedelta(days=n)).isoformat()


def create_offer(user, application_id: str, **fields) -> dict:
    body = {"application_id": application_id, "base_amount": 72000, "currency": "EUR", **fields}
    r = user.post(URL, json=body)
    assert r.status_code == 201, r.text
    return r.json()


@pytest.fixture
def today_is_noon(monkeypatch):
    monkeypatch.setattr("secondround.offers.service.utcnow", lambda: NOON)
    return NOON


def test_a_verbal_offer_then_the_written_one_keeps_the_verbal_figures(user, today_is_noon):
    application = create_application(user, company="Northwind", position="Analyst")
    r = user.post(
        URL,
        json={"application_id": application["id"], "base_amount": "72000", "currency": "eur", "respond_by": day(7)},
    )
    assert r.status_code == 201, r.text
    offer = r.json()
    assert r.headers["location"] == f"{URL}/{offer['id']}" and r.headers["etag"] == offer["etag"]
    assert (offer["stage"], offer["status"], offer["period"], offer["currency"]) == ("verbal", "open", "year", "EUR")
    assert offer["base_amount"] == "72000.00" and offer["offered_on"] == day(0) and offer["history"] == []
    assert offer["next_step"] == "Ask for it in writing"
    # The application moves to `offer`.
    assert user.get(f"/api/v1/applications/{application['id']}").json()["status"] == "offer"

    asked = user.patch(
        f"{URL}/{offer['id']}",
        json={"asked_in_writing_at": NOON.isoformat()},
        headers={"If-Match": offer["etag"]},
    )
    assert asked.status_code == 200, asked.text
    respond_day = NOON.date() + timedelta(days=7)
    assert asked.json()["next_step"] == (
        f"Wait for the written offer; respond by {respond_day:%A} {respond_day.day} {respond_day:%B}"
    )
    assert asked.json()["history"] == []  # no figure changed

    stale = user.patch(f"{URL}/{offer['id']}", json={"stage": "written"}, headers={"If-Match": offer["etag"]})
    assert_problem(stale, 412)

    written = user.patch(
        f"{URL}/{offer['id']}",
        json={"stage": "written", "base_amount": 74000.5, "bonus": 5000},
        headers={"If-Match": asked.json()["etag"]},
    )
    assert written.status_code == 200, written.text
    body = written.json()
    assert (body["stage"], body["base_amount"], body["bonus"]) == ("written", "74000.50", "5000.00")
    (verbal,) = body["history"]
    assert (verbal["stage"], verbal["base_amount"], verbal["currency"], verbal["bonus"]) == (
        "verbal",
        "72000.00",
        "EUR",
        None,
    )
    assert body["next_step"] == f"Respond by {respond_day:%A} {respond_day.day} {respond_day:%B}"
    assert user.get(f"{URL}/{offer['id']}").json() == body

    back = user.patch(f"{URL}/{offer['id']}", json={"stage": "verbal"})
    assert assert_problem(back, 422)["errors"][0]["message"] == "A written offer cannot go back to being verbal."


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"offered_on": "2026-12-10", "respond_by": "2026-12-09"},
            "respond_by",
            "The date to respond by cannot be before the offer was made (Thursday 10 December).",
        ),
        (
            {"offered_on": "2026-12-10", "start_date": "2026-12-01"},
            "start_date",
            "The start date cannot be before the offer was made (Thursday 10 December).",
        ),
        ({"currency": "ABC"}, "currency", "ABC is not an ISO 4217 currency code (for example EUR, USD or GBP)."),
        ({"base_amount": 0}, "base_amount", None),
        ({"base_amount": "12.345"}, "base_amount", None),
    ],
)
def test_dates_amounts_and_currencies_are_checked_in_plain_sentences(user, fields, field, message):
    application = create_application(user)
    r = user.post(URL, json={"application_id": application["id"], "base_amount": 1000, "currency": "EUR", **fields})
    body = assert_problem(r, 422)
    (error,) = body["errors"]
    assert error["field"] == field
    assert error["message"].endswith(".") and error["message"][0].isupper()
    if message:
        assert error["message"] == message


def test_another_accounts_application_and_offer_do_not_exist_for_you(user, other_user):
    theirs = create_application(other_user, company="Globex")
    r = user.post(URL, json={"application_id": theirs["id"], "base_amount": 1000, "currency": "EUR"})
    assert assert_problem(r, 422)["errors"][0]["field"] == "application_id"
    offer = create_offer(other_user, theirs["id"])
    assert_problem(user.get(f"{URL}/{offer['id']}"), 404)
    assert_problem(user.post(f"{URL}/{offer['id']}/accept"), 404)
    assert user.get(URL).json()["items"] == []


def test_the_list_is_cursor_paged_and_filtered(user):
    application = create_application(user)
    made = [create_offer(user, application["id"], base_amount=1000 + n) for n in range(3)]
    r = user.get(URL, params={"limit": 2})
    assert r.status_code == 200 and len(r.json()["items"]) == 2 and 'rel="next"' in r.headers["link"]
    rest = user.get(URL, params={"limit": 2, "cursor": r.json()["next_cursor"]}).json()
    assert [o["id"] for o in r.json()["items"] + rest["items"]] == [o["id"] for o in made]
    assert rest["next_cursor"] is None
    assert user.get(URL, params={"status": "accepted"}).json()["items"] == []


@pytest.mark.usefixtures(follow_ups_at_noon.__name__)
def test_an_open_offer_is_a_follow_up_until_you_respond(user, today_is_noon):
    application = create_application(user, company="Northwind")
    soon = create_offer(user, application["id"], respond_by=day(2))
    later = create_offer(user, application["id"], respond_by=day(9))
    create_offer(user, application["id"])  # no date to respond by: nothing to remind
    round_ = create_round(user, application["id"], follow_up_on=day(1))

    def listed(when: str) -> list[str]:
        items = user.get("/api/v1/follow-ups", params={"when": when}).json()["items"]
        return [i["offer"]["id"] if "offer" in i else i["round"]["id"] for i in items]

    # Due from two days before respond_by; the round (follow up tomorrow) is upcoming.
    assert listed("due") == [soon["id"]]
    assert listed("upcoming") == [round_["id"], later["id"]]
    assert listed("all") == [round_["id"], soon["id"], later["id"]]
    item = next(i for i in user.get("/api/v1/follow-ups", params={"when": "due"}).json()["items"] if "offer" in i)
    assert set(item) == {"offer", "application"} and item["application"]["company"] == "Northwind"
    assert item["offer"]["respond_by"] == day(2)

    # Paging one at a time walks the merged list in order, rounds and offers alike.
    seen, cursor = [], None
    while True:
        params = {"when": "all", "limit": 1} | ({"cursor": cursor} if cursor else {})
        page = user.get("/api/v1/follow-ups", params=params).json()
        seen += [i["offer"]["id"] if "offer" in i else i["round"]["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == listed("all") and len(seen) == 3

    declined = user.post(f"{URL}/{soon['id']}/decline")
    assert declined.status_code == 200, declined.text
    assert soon["id"] not in listed("all")


def test_accepting_records_the_outcome_and_leaves_the_others_unless_asked(user, today_is_noon):
    northwind = create_application(user, company="Northwind")
    contoso = create_application(user, company="Contoso")
    globex = create_application(user, company="Globex", status="interviewing")
    waiting = create_round(user, contoso["id"], follow_up_on=day(1))
    a = create_offer(user, northwind["id"], stage="written", respond_by=day(3))
    b = create_offer(user, contoso["id"], respond_by=day(3))

    r = user.post(f"{URL}/{a['id']}/accept", headers={"If-Match": a["etag"]})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "accepted" and r.json()["responded_at"]
    assert r.json()["next_step"] == "Nothing: you accepted this offer."
    assert user.get(f"/api/v1/applications/{northwind['id']}").json()["status"] == "accepted"
    # The other offer and its reminders stay: you did not say otherwise.
    assert user.get(f"{URL}/{b['id']}").json()["status"] == "open"
    assert user.get(f"/api/v1/applications/{contoso['id']}").json()["status"] == "offer"
    assert_problem(user.post(f"{URL}/{a['id']}/accept"), 409)

    # Reopen, then accept again declining the others: Contoso's offer is declined, its application
    # withdrawn and its round's reminder ends; Globex (no offer) is left alone.
    reopened = user.patch(f"{URL}/{a['id']}", json={"status": "open"})
    assert reopened.status_code == 200 and reopened.json()["responded_at"] is None
    r = user.post(f"{URL}/{a['id']}/accept", json={"decline_others": True})
    assert r.status_code == 200, r.text
    assert user.get(f"{URL}/{b['id']}").json()["status"] == "declined"
    assert user.get(f"/api/v1/applications/{contoso['id']}").json()["status"] == "withdrawn"
    assert user.get(f"/api/v1/rounds/{waiting['id']}").json()["outcome"] == "withdrawn"
    assert user.get(f"/api/v1/applications/{globex['id']}").json()["status"] == "interviewing"


def test_declining_withdraws_the_application(user):
    application = create_application(user)
    offer = create_offer(user, application["id"])
    r = user.post(f"{URL}/{offer['id']}/decline")
    assert r.status_code == 200 and r.json()["status"] == "declined"
    assert r.json()["next_step"] == "Nothing: you declined this offer."
    assert user.get(f"/api/v1/applications/{application['id']}").json()["status"] == "withdrawn"
    assert_problem(user.post(f"{URL}/{offer['id']}/decline"), 409)
    d = user.delete(f"{URL}/{offer['id']}", headers={"If-Match": r.json()["etag"]})
    assert d.status_code == 204
    assert_problem(user.get(f"{URL}/{offer['id']}"), 404)


def test_compare_normalises_to_a_year_against_the_researched_range(user):
    northwind = create_application(user, company="Northwind", salary_min=60000, salary_max=75000, salary_currency="EUR")
    contoso = create_application(user, company="Contoso", salary_min=50000, salary_max=55000, salary_currency="EUR")
    globex = create_application(user, company="Globex", salary_min=50000, salary_max=60000, salary_currency="EUR")
    create_offer(user, northwind["id"], base_amount=6000, period="month", bonus=4000)
    create_offer(user, contoso["id"], base_amount=45000)
    create_offer(user, globex["id"], base_amount=30, period="hour", currency="GBP")
    r = user.get(f"{URL}/compare")
    assert r.status_code == 200, r.text
    body = r.json()
    rows = {row["application"]["company"]: row for row in body["offers"]}
    assert rows["Northwind"]["yearly_base"] == "72000.00" and rows["Northwind"]["yearly_total"] == "76000.00"
    assert rows["Northwind"]["against_research"] == "Within the range you researched."
    assert rows["Contoso"]["against_research"] == "Below the range you researched."
    assert rows["Globex"]["yearly_base"] == "62400.00"
    assert "not compared (no exchange rates)" in rows["Globex"]["against_research"]
    assert body["currencies"] == ["EUR", "GBP"]
    assert body["note"].startswith("The offers are in different currencies (EUR, GBP); amounts are shown as offered")
    # Highest yearly total first within a currency.
    assert [row["application"]["company"] for row in body["offers"]] == ["Northwind", "Contoso", "Globex"]


def test_compare_with_one_currency_has_no_note(user):
    application = create_application(user)
    create_offer(user, application["id"])
    body = user.get(f"{URL}/compare").json()
    assert body["note"] is None and body["currencies"] == ["EUR"]
    assert body["offers"][0]["against_research"] == "You have not noted a salary range for this application."


def test_the_application_log_tells_the_offer_s_story(user, today_is_noon):
    northwind = create_application(user, company="Northwind", status="interviewing")
    contoso = create_application(user, company="Contoso")
    waiting = create_round(user, contoso["id"], follow_up_on=day(1))
    verbal = create_offer(user, northwind["id"], respond_by=day(5))
    other = create_offer(user, contoso["id"], respond_by=day(5))
    written = user.patch(
        f"{URL}/{verbal['id']}", json={"stage": "written", "base_amount": "75000"}, headers={"If-Match": verbal["etag"]}
    )
    assert written.status_code == 200, written.text
    assert user.post(f"{URL}/{verbal['id']}/accept", json={"decline_others": True}).status_code == 200

    def log(application: dict) -> list[tuple[str, str]]:
        items = user.get(f"/api/v1/applications/{application['id']}/activity", params={"limit": 50}).json()["items"]
        return [(e["kind"], e["text"]) for e in reversed(items)]  # oldest first

    assert log(northwind) == [
        ("offer_event", "Verbal offer: 72,000.00 EUR a year."),
        ("status_change", "Status changed from interviewing to offer."),
        ("offer_event", "The offer came in writing: 75,000.00 EUR a year."),
        ("offer_event", "Offer accepted: 75,000.00 EUR a year."),
        ("status_change", "Status changed from offer to accepted."),
    ]
    contoso_log = log(contoso)
    assert ("offer_event", "Offer declined (another was accepted): 72,000.00 EUR a year.") in contoso_log
    assert ("status_change", "Status changed from offer to withdrawn.") in contoso_log
    assert any(kind == "outcome" and "withdrawn" in text for kind, text in contoso_log), contoso_log
    assert user.get(f"/api/v1/rounds/{waiting['id']}").json()["outcome"] == "withdrawn"
    assert other["status"] == "open"

"""GET /api/v1/stats: counts and the median days from an application to each stage."""

from tests.support.builders import create_application, create_round

URL = "/api/v1/stats"


def test_counts_and_medians(user, other_user):
    a = create_application(user, applied_on="2026-11-01")
    b = create_application(user, applied_on="2026-11-01", status="rejected")
    create_round(user, a["id"], scheduled_at="2026-11-06T10:00:00+00:00", outcome="next_round")
    create_round(user, a["id"], scheduled_at="2026-11-16T10:00:00+00:00")
    create_round(user, b["id"], scheduled_at="2026-11-11T10:00:00+00:00", outcome="rejected")
    r = user.post(
        "/api/v1/offers",
        json={"application_id": a["id"], "base_amount": 1000, "currency": "EUR", "offered_on": "2026-11-21"},
    )
    assert r.status_code == 201, r.text
    create_application(other_user)  # not counted

    r = user.get(URL)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["applications"], body["rounds"], body["offers"], body["practised_questions"]) == (2, 3, 1, 0)
    statuses = {c["value"]: c["count"] for c in body["applications_by_status"]}
    assert statuses["offer"] == 1 and statuses["rejected"] == 1 and statuses["applied"] == 0
    outcomes = {c["value"]: c["count"] for c in body["rounds_by_outcome"]}
    assert (outcomes["next_round"], outcomes["rejected"], outcomes["pending"]) == (1, 1, 1)
    assert {c["value"]: c["count"] for c in body["offers_by_status"]}["open"] == 1
    times = {t["stage"]: t for t in body["time_to_stage"]}
    assert (times["first_round"]["median_days"], times["first_round"]["applications"]) == (7.5, 2)
    assert times["second_round"]["median_days"] == 15.0
    assert times["offer"]["median_days"] == 20.0 and times["offer"]["label"] == "Offer"


def test_an_empty_account(user):
    body = user.get(URL).json()
    assert (body["applications"], body["rounds"], body["offers"]) == (0, 0, 0)
    assert [t["median_days"] for t in body["time_to_stage"]] == [None, None, None]

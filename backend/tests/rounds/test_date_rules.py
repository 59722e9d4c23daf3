"""Dates that agree with the round's time: a decision or follow-up date before the interview is a
422 that names both dates in the account's zone, in either order of change; a round completed early
and a call made before the interview are accepted (the web app asks to confirm them)."""

from datetime import UTC, date, datetime

from secondround.rounds import date_rules
from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_round

INTERVIEW = "2026-12-03T14:00:00Z"  # Thursday 3 December, 14:00 UTC (15:00 in Oslo)


def url(round_: dict) -> str:
    return f"/api/v1/rounds/{round_['id']}"


def only_error(problem: dict) -> dict:
    assert len(problem["errors"]) == 1, problem
    return problem["errors"][0]


def test_a_decision_date_before_the_interview_is_refused_with_both_dates(user):
    round_ = create_round(user, create_application(user)["id"], scheduled_at=INTERVIEW)
    problem = assert_problem(user.patch(url(round_), json={"decision_expected_by": "2026-11-30"}), 422)
    error = only_error(problem)
    assert error["field"] == "decision_expected_by" and error["type"] == "date_before_interview"
    assert error["message"] == "The decision date (Mon 30 Nov) is before the interview (Thu 3 Dec, 14:00)."
    assert problem["detail"] == error["message"]
    # Nothing changed: no decision date, no follow-up date made from it.
    after = user.get(url(round_)).json()
    assert after["decision_expected_by"] is None and after["follow_up_on"] is None


def test_the_dates_are_shown_in_the_accounts_zone(user):
    assert user.patch("/api/v1/me", json={"time_zone": "Europe/Oslo"}).status_code == 200
    round_ = create_round(user, create_application(user)["id"], scheduled_at=INTERVIEW, time_zone="UTC")
    problem = assert_problem(user.patch(url(round_), json={"follow_up_on": "2026-12-02"}), 422)
    assert (
        only_error(problem)["message"] == "The follow-up date (Wed 2 Dec) is before the interview (Thu 3 Dec, 15:00)."
    )


def test_the_day_of_the_interview_and_later_are_accepted(user):
    round_ = create_round(user, create_application(user)["id"], scheduled_at=INTERVIEW)
    same_day = user.patch(url(round_), json={"decision_expected_by": "2026-12-03", "follow_up_on": "2026-12-03"})
    assert same_day.status_code == 200, same_day.text
    later = user.patch(url(round_), json={"decision_expected_by": "2026-12-10", "follow_up_on": None})
    assert later.status_code == 200 and later.json()["follow_up_on"] == "2026-12-11"


def test_create_refuses_a_decision_date_before_the_interview(user):
    application = create_application(user)
    body = {"scheduled_at": INTERVIEW, "decision_expected_by": "2026-12-01"}
    problem = assert_problem(user.post(f"/api/v1/applications/{application['id']}/rounds", json=body), 422)
    assert only_error(problem)["field"] == "decision_expected_by"
    assert user.get(f"/api/v1/applications/{application['id']}/rounds").json()["items"] == []


def test_a_follow_up_date_before_the_interview_is_refused(user):
    round_ = create_round(user, create_application(user)["id"], scheduled_at=INTERVIEW)
    problem = assert_problem(user.patch(url(round_), json={"follow_up_on": "2026-12-01"}), 422)
    assert only_error(problem)["field"] == "follow_up_on"
    assert "follow-up date (Tue 1 Dec)" in only_error(problem)["message"]


def test_moving_the_interview_past_its_decision_date_is_refused_on_the_start(user):
    round_ = create_round(
        user, create_application(user)["id"], scheduled_at=INTERVIEW, decision_expected_by="2026-12-07"
    )
    problem = assert_problem(user.patch(url(round_), json={"scheduled_at": "2026-12-09T10:00:00Z"}), 422)
    error = only_error(problem)
    assert error["field"] == "scheduled_at"
    assert error["message"].startswith(
        "The interview (Wed 9 Dec, 10:00) would come after the decision date (Mon 7 Dec)."
    )
    assert user.get(url(round_)).json()["scheduled_at"].startswith("2026-12-03T14:00")
    # Moved together with a new decision date, or with the decision date cleared, it is accepted.
    both = user.patch(url(round_), json={"scheduled_at": "2026-12-09T10:00:00Z", "decision_expected_by": "2026-12-14"})
    assert both.status_code == 200, both.text
    cleared = user.patch(url(round_), json={"scheduled_at": "2026-12-20T10:00:00Z", "decision_expected_by": None})
    assert cleared.status_code == 200 and cleared.json()["follow_up_on"] is None


def test_moving_the_interview_past_a_chosen_follow_up_date_is_refused(user):
    round_ = create_round(user, create_application(user)["id"], scheduled_at=INTERVIEW, follow_up_on="2026-12-04")
    problem = assert_problem(user.patch(url(round_), json={"scheduled_at": "2026-12-05T09:00"}), 422)
    assert (
        only_error(problem)["field"] == "scheduled_at"
        and "follow-up date (Fri 4 Dec)" in only_error(problem)["message"]
    )
    # Moving it earlier is fine.
    assert user.patch(url(round_), json={"scheduled_at": "2026-12-02T09:00"}).status_code == 200


def test_completed_early_and_a_call_before_the_interview_are_accepted(user):
    later = datetime(2099, 1, 5, 10, tzinfo=UTC).isoformat()
    round_ = create_round(user, create_application(user)["id"], scheduled_at=later)
    done = user.patch(url(round_), json={"status": "completed"})
    assert done.status_code == 200 and done.json()["status"] == "completed"
    called = user.post(f"{url(round_)}/follow-up", json={"note": "Called before the rescheduled round"})
    assert called.status_code == 200 and called.json()["followed_up_at"] is not None


def test_a_round_without_a_time_takes_any_date(user):
    round_ = create_round(user, create_application(user)["id"], decision_expected_by="2020-01-02")
    assert round_["decision_expected_by"] == "2020-01-02"


def test_an_unrelated_change_is_not_refused_for_dates_stored_before_the_rule(user):
    round_ = create_round(user, create_application(user)["id"], decision_expected_by="2026-11-30")
    # The interview time comes later: the start is at fault, as in the other order.
    problem = assert_problem(user.patch(url(round_), json={"scheduled_at": INTERVIEW}), 422)
    assert only_error(problem)["field"] == "scheduled_at"
    assert user.patch(url(round_), json={"notes": "Bring the portfolio"}).status_code == 200


def test_short_dates_name_the_year_when_it_differs():
    found = date_rules.conflict(
        scheduled_at=datetime(2027, 1, 4, 9, tzinfo=UTC),
        dates={"decision_expected_by": date(2026, 12, 31)},
        changed={"decision_expected_by"},
        zone_name="UTC",
    )
    assert found == date_rules.DateConflict(
        "decision_expected_by", "The decision date (Thu 31 Dec 2026) is before the interview (Mon 4 Jan 2027, 09:00)."
    )

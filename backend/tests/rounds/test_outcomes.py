"""Recording outcomes and follow-ups through HTTP: application status, follow-up dates, the due list."""

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_round
from tests.support.clock import NOON, follow_ups_at_noon

pytestmark = pytest.mark.usefixtures(follow_ups_at_noon.__name__)


def days(n: int) -> str:
    return (NOON.date() + timedelta(days=n)).isoformat()


def round_url(round_: dict) -> str:
    return f"/api/v1/rounds/{round_['id']}"


def patch(user, round_: dict, **changes) -> dict:
    r = user.patch(round_url(round_), json=changes)
    assert r.status_code == 200, r.text
    return r.json()


def due_ids(user) -> list[str]:
    r = user.get("/api/v1/follow-ups", params={"when": "due"})
    assert r.status_code == 200, r.text
    return [item["round"]["id"] for item in r.json()["items"]]


def application_status(user, application: dict) -> str:
    return user.get(f"/api/v1/applications/{application['id']}").json()["status"]


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        ("verbal_offer", "offer"),
        ("written_offer", "offer"),
        ("rejected", "rejected"),
        ("withdrawn", "withdrawn"),
    ],
)
def test_outcome_moves_the_application(user, outcome, status):
    application = create_application(user)
    round_ = create_round(user, application["id"])
    assert application_status(user, application) == "interviewing"
    assert patch(user, round_, outcome=outcome)["outcome"] == outcome
    assert application_status(user, application) == status


def test_next_round_moves_the_application_back_to_interviewing(user):
    application = create_application(user)
    round_ = create_round(user, application["id"])
    assert user.patch(f"/api/v1/applications/{application['id']}", json={"status": "applied"}).status_code == 200
    patch(user, round_, outcome="next_round")
    assert application_status(user, application) == "interviewing"


def test_back_to_pending_leaves_the_application_alone(user):
    application = create_application(user)
    round_ = create_round(user, application["id"])
    patch(user, round_, outcome="rejected")
    patch(user, round_, outcome="pending")
    assert application_status(user, application) == "rejected"


def test_outcome_given_at_creation_moves_the_application(user):
    application = create_application(user)
    create_round(user, application["id"], outcome="verbal_offer")
    assert application_status(user, application) == "offer"


@pytest.mark.parametrize(
    ("decision", "follow_up"),
    [
        (date(2026, 12, 4), date(2026, 12, 7)),  # Friday -> Monday
        (date(2026, 12, 5), date(2026, 12, 7)),  # Saturday -> Monday
        (date(2026, 12, 6), date(2026, 12, 7)),  # Sunday -> Monday
        (date(2026, 12, 2), date(2026, 12, 3)),  # Wednesday -> Thursday
        (date(2026, 12, 31), date(2027, 1, 1)),  # Thursday -> Friday, across the year (holidays are not known)
    ],
)
def test_follow_up_defaults_to_the_next_business_day(user, decision, follow_up):
    app_id = create_application(user)["id"]
    created = create_round(user, app_id, decision_expected_by=decision.isoformat())
    assert created["follow_up_on"] == follow_up.isoformat()
    # The same rule when the decision date arrives with a later PATCH.
    later = create_round(user, app_id)
    assert later["follow_up_on"] is None
    assert patch(user, later, decision_expected_by=decision.isoformat())["follow_up_on"] == follow_up.isoformat()


def test_only_a_pending_round_gets_a_default_follow_up(user):
    round_ = create_round(user, create_application(user)["id"], decision_expected_by="2026-12-04")
    assert patch(user, round_, outcome="rejected")["follow_up_on"] is None
    assert patch(user, round_, outcome="pending")["follow_up_on"] == "2026-12-07"
    created_decided = create_round(
        user, create_application(user)["id"], decision_expected_by="2026-12-04", outcome="next_round"
    )
    assert created_decided["follow_up_on"] is None


def test_a_chosen_follow_up_date_is_kept_until_cleared(user):
    round_ = create_round(user, create_application(user)["id"], decision_expected_by="2026-12-02")
    assert patch(user, round_, follow_up_on="2026-12-10")["follow_up_on"] == "2026-12-10"
    # A new decision date does not move a date the user chose ...
    assert patch(user, round_, decision_expected_by="2026-12-04")["follow_up_on"] == "2026-12-10"
    assert patch(user, round_, outcome="rejected")["follow_up_on"] == "2026-12-10"
    patch(user, round_, outcome="pending")
    # ... and null hands the date back to the default rule.
    assert patch(user, round_, follow_up_on=None)["follow_up_on"] == "2026-12-07"
    assert patch(user, round_, decision_expected_by="2026-12-02")["follow_up_on"] == "2026-12-03"


def test_a_follow_up_date_given_at_creation_is_kept(user):
    round_ = create_round(
        user, create_application(user)["id"], decision_expected_by="2026-12-02", follow_up_on="2026-12-15"
    )
    assert round_["follow_up_on"] == "2026-12-15"
    assert patch(user, round_, decision_expected_by="2026-12-09")["follow_up_on"] == "2026-12-15"


def test_recording_a_follow_up_takes_the_round_off_the_due_list(user):
    app_id = create_application(user)["id"]
    silent = create_round(user, app_id, decision_expected_by=days(-10))
    noted = create_round(user, app_id, decision_expected_by=days(-9))
    assert set(due_ids(user)) == {silent["id"], noted["id"]}

    before = datetime.now(UTC) - timedelta(seconds=5)
    r = user.post(f"{round_url(silent)}/follow-up")  # no body at all
    assert r.status_code == 200, r.text
    assert r.json()["follow_up_note"] is None and r.headers["ETag"]
    assert datetime.fromisoformat(r.json()["followed_up_at"]) >= before

    r = user.post(f"{round_url(noted)}/follow-up", json={"note": "Spoke to Dana; decision Friday."})
    assert r.status_code == 200, r.text
    assert r.json()["follow_up_note"] == "Spoke to Dana; decision Friday." and r.json()["followed_up_at"]
    assert due_ids(user) == []

    # A new follow-up date (chosen, or moved by a new decision date) puts the round back in line.
    again = patch(user, silent, follow_up_on=days(0))
    assert again["followed_up_at"] is None
    moved = patch(user, noted, decision_expected_by=days(-4))
    assert moved["followed_up_at"] is None
    assert set(due_ids(user)) == {silent["id"], noted["id"]}

    # A date in the future makes it upcoming, not due.
    patch(user, silent, follow_up_on=days(3))
    assert due_ids(user) == [noted["id"]]
    upcoming = user.get("/api/v1/follow-ups", params={"when": "upcoming"}).json()["items"]
    assert [i["round"]["id"] for i in upcoming] == [silent["id"]]


def test_changes_that_keep_the_date_keep_the_follow_up(user):
    round_ = create_round(user, create_application(user)["id"], decision_expected_by=days(-10))
    followed = user.post(f"{round_url(round_)}/follow-up", json={"note": "Left a voicemail."}).json()
    after = patch(user, round_, notes="They liked the portfolio.", location="HQ")
    assert after["followed_up_at"] == followed["followed_up_at"]
    assert after["follow_up_note"] == "Left a voicemail."


@pytest.mark.parametrize(
    ("method", "path", "body", "field", "kind"),
    [
        ("patch", "", {"outcome": "rejected", "color": "red"}, "color", "extra_forbidden"),
        (
            "patch",
            "",
            {"outcome": "rejected", "followed_up_at": "2026-01-01T00:00:00Z"},
            "followed_up_at",
            "extra_forbidden",
        ),
        ("patch", "", {"outcome": "rejected", "notes": "nul\x00byte"}, "notes", "value_error"),
        ("patch", "", {"outcome": "maybe"}, "outcome", "enum"),
        ("patch", "", {"follow_up_on": "next tuesday"}, "follow_up_on", "date_from_datetime_parsing"),
        ("post", "/follow-up", {"note": "ok", "when": "now"}, "when", "extra_forbidden"),
        ("post", "/follow-up", {"note": "nul\x00byte"}, "note", "value_error"),
        ("post", "/follow-up", {"note": "x" * 100_001}, "note", "string_too_long"),
    ],
)
def test_a_bad_body_is_a_422_problem_and_changes_nothing(user, method, path, body, field, kind):
    application = create_application(user)
    round_ = create_round(user, application["id"], decision_expected_by=days(-10))
    before = user.get(round_url(round_)).json()

    problem = assert_problem(getattr(user, method)(round_url(round_) + path, json=body), 422)
    assert [(e["field"], e["location"], e["type"]) for e in problem["errors"]] == [(field, "body", kind)]
    assert user.get(round_url(round_)).json() == before
    assert application_status(user, application) == "interviewing"
    assert round_["id"] in due_ids(user)


def test_another_users_round_is_a_404(user, other_user):
    round_ = create_round(user, create_application(user)["id"], decision_expected_by=days(-10))
    before = user.get(round_url(round_)).json()
    assert_problem(other_user.get(round_url(round_)), 404)
    assert_problem(other_user.patch(round_url(round_), json={"outcome": "rejected"}), 404)
    assert_problem(other_user.post(f"{round_url(round_)}/follow-up", json={"note": "Hi"}), 404)
    assert user.get(round_url(round_)).json() == before
    assert round_["id"] in due_ids(user)


def test_follow_up_honours_if_match(user):
    round_ = create_round(user, create_application(user)["id"], decision_expected_by=days(-10))
    assert_problem(user.post(f"{round_url(round_)}/follow-up", headers={"If-Match": '"stale"'}), 412)
    assert round_["id"] in due_ids(user)
    etag = user.get(round_url(round_)).headers["ETag"]
    assert user.post(f"{round_url(round_)}/follow-up", headers={"If-Match": etag}).status_code == 200


def test_a_decision_keeps_the_record_that_you_followed_up(user):
    round_ = create_round(user, create_application(user)["id"], decision_expected_by=days(-10))
    followed = user.post(f"{round_url(round_)}/follow-up", json={"note": "Called Dana."}).json()
    # The decision ends the follow-up (no date any more) but must not erase that the call happened.
    decided = patch(user, round_, outcome="verbal_offer")
    assert decided["follow_up_on"] is None
    assert decided["followed_up_at"] == followed["followed_up_at"]
    assert decided["follow_up_note"] == "Called Dana."

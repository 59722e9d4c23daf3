"""Rounds: fields, sequence numbering, aware datetimes, ETags, delete with its interviewers."""

from datetime import datetime

import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_question, create_round

FIELDS = {
    "id",
    "source",
    "external_id",
    "application_id",
    "sequence",
    "kind",
    "scheduled_at",
    "time_zone",
    "scheduled_local",
    "duration_minutes",
    "location",
    "status",
    "outcome",
    "decision_expected_by",
    "follow_up_on",
    "followed_up_at",
    "follow_up_note",
    "notes",
    "created_at",
    "updated_at",
    "etag",
}


@pytest.fixture
def user(module_user):
    """Tests here only look inside the applications and rounds they made, so one account serves them all."""
    return module_user


def test_create_returns_201_location_etag_and_exact_fields(user):
    application = create_application(user)
    r = user.post(
        f"/api/v1/applications/{application['id']}/rounds",
        json={
            "kind": "second",
            "scheduled_at": "2030-03-04T09:30:00+01:00",
            "duration_minutes": 90,
            "location": "https://meet.example.com/abc",
            "notes": "Bring the portfolio.",
        },
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body) == FIELDS
    assert r.headers["location"] == f"/api/v1/rounds/{body['id']}"
    assert body["application_id"] == application["id"] and body["sequence"] == 1
    assert body["kind"] == "second" and body["duration_minutes"] == 90
    assert body["status"] == "planned" and body["outcome"] == "pending"
    assert datetime.fromisoformat(body["scheduled_at"]) == datetime.fromisoformat("2030-03-04T08:30:00+00:00")

    got = user.get(r.headers["location"])
    assert got.status_code == 200 and got.json() == body and got.headers["etag"] == r.headers["etag"]


def test_defaults(user):
    body = create_round(user, create_application(user)["id"], kind="screen")
    assert (body["kind"], body["status"], body["outcome"]) == ("screen", "planned", "pending")
    assert body["scheduled_at"] is None and body["followed_up_at"] is None
    r = user.post(f"/api/v1/applications/{create_application(user)['id']}/rounds", json={})
    assert r.status_code == 201 and r.json()["kind"] == "other"


def test_sequence_is_assigned_per_application(user):
    first, second = create_application(user), create_application(user)
    sequences = [create_round(user, first["id"])["sequence"] for _ in range(3)]
    assert sequences == [1, 2, 3]
    assert create_round(user, second["id"])["sequence"] == 1
    listed = user.get(f"/api/v1/applications/{first['id']}/rounds").json()["items"]
    assert [r["sequence"] for r in listed] == [1, 2, 3]
    # A deleted round's number is not reused: sequence keeps growing.
    assert user.delete(f"/api/v1/rounds/{listed[1]['id']}").status_code == 204
    assert create_round(user, first["id"])["sequence"] == 4


def test_the_last_round_s_number_is_not_reused_either(user):
    application = create_application(user)
    rounds = [create_round(user, application["id"]) for _ in range(3)]
    assert [r["sequence"] for r in rounds] == [1, 2, 3]
    assert user.delete(f"/api/v1/rounds/{rounds[-1]['id']}").status_code == 204
    assert create_round(user, application["id"])["sequence"] == 4
    for r in user.get(f"/api/v1/applications/{application['id']}/rounds").json()["items"]:
        assert user.delete(f"/api/v1/rounds/{r['id']}").status_code == 204
    assert create_round(user, application["id"])["sequence"] == 5


@pytest.mark.parametrize(
    "fields, field",
    [
        # Without an offset it is the wall clock in the round's zone; 02:30 is skipped in Berlin that night.
        ({"scheduled_at": "2030-03-31T02:30:00", "time_zone": "Europe/Berlin"}, "scheduled_at"),
        ({"scheduled_at": "2030-03-04 09:30:00"}, "scheduled_at"),  # a wall-clock time is written with the T
        ({"scheduled_at": "next tuesday"}, "scheduled_at"),
        ({"kind": "panel"}, "kind"),
        ({"status": "done"}, "status"),
        ({"outcome": "maybe"}, "outcome"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 10**20}, "duration_minutes"),
        ({"decision_expected_by": "2030-02-30"}, "decision_expected_by"),
        ({"location": "a\x00b"}, "location"),
    ],
)
def test_create_validates_fields(user, fields, field):
    application = create_application(user)
    problem = assert_problem(user.post(f"/api/v1/applications/{application['id']}/rounds", json=fields), 422)
    assert any(e["field"] == field for e in problem["errors"]), problem
    if fields.get("scheduled_at") == "2030-03-31T02:30:00":
        assert "does not exist in Europe/Berlin" in problem["errors"][0]["message"]
    assert user.get(f"/api/v1/applications/{application['id']}/rounds").json()["items"] == []


@pytest.mark.parametrize(
    "field, value",
    [
        ("sequence", 7),
        ("application_id", None),
        ("id", None),
        ("owner_id", None),
        ("created_at", "2030-01-01T00:00:00Z"),
        ("followed_up_at", "2030-01-01T00:00:00Z"),
    ],
)
def test_server_owned_fields_cannot_be_written(user, field, value):
    application = create_application(user)
    other = create_application(user)
    value = other["id"] if value is None else value
    rounds_url = f"/api/v1/applications/{application['id']}/rounds"
    problem = assert_problem(user.post(rounds_url, json={"kind": "first", field: value}), 422)
    assert problem["errors"][0]["field"] == field
    assert user.get(rounds_url).json()["items"] == []

    round_ = create_round(user, application["id"])
    assert_problem(user.patch(f"/api/v1/rounds/{round_['id']}", json={field: value}), 422)
    assert user.get(f"/api/v1/rounds/{round_['id']}").json() == round_


def test_patch_and_if_match(user):
    round_ = create_round(user, create_application(user)["id"])
    url = f"/api/v1/rounds/{round_['id']}"
    etag = user.get(url).headers["etag"]
    assert_problem(user.patch(url, json={"status": "completed"}, headers={"If-Match": '"nope"'}), 412)
    r = user.patch(
        url, json={"status": "completed", "scheduled_at": "2030-01-01T12:00:00-05:00"}, headers={"If-Match": etag}
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "completed" and r.json()["kind"] == round_["kind"]
    assert datetime.fromisoformat(r.json()["scheduled_at"]) == datetime.fromisoformat("2030-01-01T17:00:00+00:00")
    assert r.headers["etag"] == user.get(url).headers["etag"] != etag
    # Without an offset: the wall clock in the round's zone (UTC here, the account's default).
    r = user.patch(url, json={"scheduled_at": "2030-01-01T12:00:00"})
    assert r.status_code == 200 and r.json()["scheduled_at"] == "2030-01-01T12:00:00Z"
    assert_problem(user.patch(url, json={"scheduled_at": "2030-01-01T12:00:00 Europe/Oslo"}), 422)
    assert_problem(user.patch(url, json={"kind": None}), 422)


def test_delete_removes_its_interviewers_and_round_questions(user):
    application = create_application(user)
    round_ = create_round(user, application["id"])
    interviewer = create_interviewer(user, round_["id"])
    question = create_question(user)
    assert user.put(f"/api/v1/rounds/{round_['id']}/questions/{question['id']}", json={}).status_code == 201
    etag = user.get(f"/api/v1/rounds/{round_['id']}").headers["etag"]

    assert_problem(user.delete(f"/api/v1/rounds/{round_['id']}", headers={"If-Match": '"old"'}), 412)
    r = user.delete(f"/api/v1/rounds/{round_['id']}", headers={"If-Match": etag})
    assert r.status_code == 204
    assert_problem(user.get(f"/api/v1/rounds/{round_['id']}"), 404)
    assert_problem(user.get(f"/api/v1/interviewers/{interviewer['id']}"), 404)
    assert_problem(user.get(f"/api/v1/rounds/{round_['id']}/questions"), 404)
    assert user.get(f"/api/v1/questions/{question['id']}").status_code == 200
    assert user.get(f"/api/v1/applications/{application['id']}").status_code == 200


def test_rounds_of_a_missing_application_are_404(user):
    url = "/api/v1/applications/00000000-0000-4000-8000-000000000000/rounds"
    assert_problem(user.get(url), 404)
    assert_problem(user.post(url, json={"kind": "first"}), 404)

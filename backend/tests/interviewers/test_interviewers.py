"""Interviewers: fields, meeting order, role ownership, ETags, and what deleting a role does to them.
The run-sheet fields and the one-call reorder are in test_interviewer_order.py and tests/plans/test_run_sheet.py."""

import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_role, create_round, roles_by_name

FIELDS = {
    "id",
    "round_id",
    "cancelled",
    "name",
    "title",
    "role_id",
    "email",
    "phone",
    "contact_id",
    "profile_url",
    "greeting",
    "order",
    "meeting_minutes",
    "break_after_minutes",
    "question_minutes",
    "notes",
    "created_at",
    "updated_at",
    "etag",
}


@pytest.fixture
def user(module_user):
    """Tests here only look inside the rounds they made, so one account serves them all."""
    return module_user


@pytest.fixture
def other_user(module_other_user):
    return module_other_user


@pytest.fixture
def round_(user) -> dict:
    return create_round(user, create_application(user)["id"])


def test_create_returns_201_location_etag_and_exact_fields(user, round_):
    supervisor = roles_by_name(user)["Supervisor"]
    r = user.post(
        f"/api/v1/rounds/{round_['id']}/interviewers",
        json={
            "name": "Dana Ortega",
            "title": "Head of Data",
            "role_id": supervisor["id"],
            "email": "dana@initech.example",
            "profile_url": "https://linkedin.example/dana",
            "greeting": "Ms. Ortega",
            "phone": "+44 20 7946 0958 x 12",
            "meeting_minutes": 40,
            "break_after_minutes": 5,
            "question_minutes": 15,
            "notes": "Ex-consultant.",
        },
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body) == FIELDS
    assert r.headers["location"] == f"/api/v1/interviewers/{body['id']}"
    assert body["round_id"] == round_["id"] and body["role_id"] == supervisor["id"]
    assert body["greeting"] == "Ms. Ortega" and body["question_minutes"] == 15 and body["order"] == 0
    assert (body["phone"], body["meeting_minutes"], body["break_after_minutes"]) == ("+44 20 7946 0958 x 12", 40, 5)
    got = user.get(r.headers["location"])
    assert got.status_code == 200 and got.json() == body and got.headers["etag"] == r.headers["etag"]


def test_defaults_and_meeting_order(user, round_):
    first = create_interviewer(user, round_["id"], name="First")
    second = create_interviewer(user, round_["id"], name="Second")
    assert (first["order"], second["order"]) == (0, 1)
    # Unset question minutes are suggested by the plan; no meeting length and no break until set.
    assert first["question_minutes"] is None and first["role_id"] is None and first["phone"] is None
    assert (first["meeting_minutes"], first["break_after_minutes"]) == (None, 0)
    # A place already taken is an insertion: the person there and everyone after move one later.
    early = create_interviewer(user, round_["id"], name="Early", order=0)
    listed = user.get(f"/api/v1/rounds/{round_['id']}/interviewers").json()["items"]
    assert early["order"] == 0
    assert [(i["name"], i["order"]) for i in listed] == [("Early", 0), ("First", 1), ("Second", 2)]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"name": ""}, "name"),
        ({"name": "  "}, "name"),
        ({"email": "not an email"}, "email"),
        ({"profile_url": "ftp://example.com/x"}, "profile_url"),
        ({"question_minutes": -1}, "question_minutes"),
        ({"question_minutes": 481}, "question_minutes"),
        ({"meeting_minutes": 0}, "meeting_minutes"),
        ({"meeting_minutes": 481}, "meeting_minutes"),
        ({"meeting_minutes": "40"}, "meeting_minutes"),
        ({"break_after_minutes": -1}, "break_after_minutes"),
        ({"break_after_minutes": 241}, "break_after_minutes"),
        ({"break_after_minutes": None}, "break_after_minutes"),
        ({"phone": "call me"}, "phone"),
        ({"phone": "+"}, "phone"),
        ({"phone": "1" * 51}, "phone"),
        ({"order": 10**20}, "order"),
        ({"role_id": "not-a-uuid"}, "role_id"),
        ({"role_id": "00000000-0000-4000-8000-000000000000"}, "role_id"),
        ({"round_id": "00000000-0000-4000-8000-000000000000"}, "round_id"),
        ({"id": "00000000-0000-4000-8000-000000000000"}, "id"),
    ],
)
def test_create_validates_fields(user, round_, fields, field):
    r = user.post(f"/api/v1/rounds/{round_['id']}/interviewers", json={"name": "Dana", **fields})
    problem = assert_problem(r, 422)
    assert any(e["field"] == field for e in problem["errors"]), problem
    assert user.get(f"/api/v1/rounds/{round_['id']}/interviewers").json()["items"] == []


def test_role_must_be_one_of_your_own(user, other_user, round_):
    foreign_role = roles_by_name(other_user)["HR"]
    url = f"/api/v1/rounds/{round_['id']}/interviewers"
    problem = assert_problem(user.post(url, json={"name": "Dana", "role_id": foreign_role["id"]}), 422)
    assert problem["errors"][0]["field"] == "role_id"
    assert user.get(url).json()["items"] == []

    interviewer = create_interviewer(user, round_["id"])
    problem = assert_problem(
        user.patch(f"/api/v1/interviewers/{interviewer['id']}", json={"role_id": foreign_role["id"]}), 422
    )
    assert problem["errors"][0]["field"] == "role_id"
    assert user.get(f"/api/v1/interviewers/{interviewer['id']}").json() == interviewer


def test_patch_if_match_and_delete(user, round_):
    interviewer = create_interviewer(user, round_["id"], role_id=roles_by_name(user)["HR"]["id"])
    url = f"/api/v1/interviewers/{interviewer['id']}"
    etag = user.get(url).headers["etag"]
    assert_problem(user.patch(url, json={"greeting": "Hi"}, headers={"If-Match": '"x"'}), 412)
    r = user.patch(url, json={"greeting": "Dear Dana", "role_id": None, "order": 3}, headers={"If-Match": etag})
    assert r.status_code == 200, r.text
    assert (r.json()["greeting"], r.json()["role_id"], r.json()["order"]) == ("Dear Dana", None, 3)
    assert r.json()["name"] == interviewer["name"]
    assert_problem(user.patch(url, json={"name": None}), 422)
    assert_problem(user.delete(url, headers={"If-Match": etag}), 412)
    assert user.delete(url, headers={"If-Match": "*"}).status_code == 204
    assert_problem(user.get(url), 404)


def test_deleting_a_role_keeps_the_interviewer_with_no_role(user, round_):
    role = create_role(user)
    interviewer = create_interviewer(user, round_["id"], role_id=role["id"])
    old_etag = user.get(f"/api/v1/interviewers/{interviewer['id']}").headers["etag"]

    assert user.delete(f"/api/v1/roles/{role['id']}").status_code == 204

    r = user.get(f"/api/v1/interviewers/{interviewer['id']}")
    assert r.status_code == 200 and r.json()["role_id"] is None
    # The interviewer changed, so clients that cached or sync it must see that.
    assert r.headers["etag"] != old_etag
    changed = user.get(
        f"/api/v1/rounds/{round_['id']}/interviewers", params={"updated_after": interviewer["updated_at"]}
    ).json()["items"]
    assert [i["id"] for i in changed] == [interviewer["id"]]

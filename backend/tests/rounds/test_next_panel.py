"""From round 1 to round 2: the people you were told you will meet next become the next round's
panel, so nothing is typed twice (issue 16, build item 7)."""

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_round, roles_by_name

NEXT_QUESTION = "Who will I meet next, and what are their roles?"


def _closing_texts(user, round_id: str) -> list[str]:
    plan = user.get(f"/api/v1/rounds/{round_id}/plan").json()
    return [q["text"] for p in plan["interviewers"] for q in p["questions"] if q["closing"]]


def test_the_people_you_meet_next_become_the_next_rounds_panel(user):
    roles = roles_by_name(user)
    application = create_application(user, company="Northwind", position="Analyst")
    first = create_round(user, application["id"], kind="first", time_zone="Europe/Berlin")
    create_interviewer(user, first["id"], name="Rita HR", role_id=roles["HR"]["id"])
    assert NEXT_QUESTION in _closing_texts(user, first["id"])  # round 1 asks who comes next

    people = [
        {"name": "Maya Lind", "title": "Head of product", "role_id": roles["Supervisor"]["id"]},
        {"name": "Tom Berg", "title": "Senior engineer", "role_id": roles["Co-worker"]["id"]},
        {"name": "Lena Park"},
    ]
    r = user.post(f"/api/v1/rounds/{first['id']}/next-panel", json={"people": people})
    assert r.status_code == 201, r.text
    body = r.json()
    second = body["round"]
    assert body["round_created"] is True and r.headers["location"] == f"/api/v1/rounds/{second['id']}"
    assert (second["sequence"], second["kind"], second["time_zone"], second["scheduled_at"]) == (
        2,
        "second",
        "Europe/Berlin",
        None,
    )
    assert [(p["name"], p["title"], p["role_id"], p["round_id"]) for p in body["added"]] == [
        (p["name"], p.get("title"), p.get("role_id"), second["id"]) for p in people
    ]
    panel = user.get(f"/api/v1/rounds/{second['id']}/interviewers").json()["items"]
    assert [p["name"] for p in panel] == ["Maya Lind", "Tom Berg", "Lena Park"]
    # Round 1 no longer asks who comes next: you know.
    assert NEXT_QUESTION not in _closing_texts(user, first["id"])

    # Again, with someone new and someone already there: added to the same round, nobody twice.
    r = user.post(
        f"/api/v1/rounds/{first['id']}/next-panel", json={"people": [{"name": " maya  lind "}, {"name": "Ken Oduya"}]}
    )
    assert r.status_code == 200, r.text
    again = r.json()
    assert again["round"]["id"] == second["id"] and again["round_created"] is False
    assert [p["name"] for p in again["added"]] == ["Ken Oduya"] and again["already_there"] == ["maya  lind"]
    names = [p["name"] for p in user.get(f"/api/v1/rounds/{second['id']}/interviewers").json()["items"]]
    assert names == ["Maya Lind", "Tom Berg", "Lena Park", "Ken Oduya"]
    assert len(user.get(f"/api/v1/applications/{application['id']}/rounds").json()["items"]) == 2


def test_the_next_round_is_the_first_after_this_one(user):
    application = create_application(user)
    first = create_round(user, application["id"], kind="screen")
    second = create_round(user, application["id"])
    create_round(user, application["id"])
    r = user.post(f"/api/v1/rounds/{first['id']}/next-panel", json={"people": [{"name": "Ana"}]})
    assert r.status_code == 200 and r.json()["round"]["id"] == second["id"]
    # From the last round, a new one is made; a screen's next round is a first interview.
    lone = create_round(user, create_application(user)["id"], kind="screen")
    made = user.post(f"/api/v1/rounds/{lone['id']}/next-panel", json={"people": [{"name": "Ana"}]}).json()
    assert made["round_created"] and made["round"]["kind"] == "first"


def test_bad_input_changes_nothing(user, other_user):
    application = create_application(user)
    first = create_round(user, application["id"])
    url = f"/api/v1/rounds/{first['id']}/next-panel"
    theirs = roles_by_name(other_user)["HR"]["id"]
    for body, field in (
        ({"people": []}, "people"),
        ({"people": [{"name": "  "}]}, "people.0.name"),
        ({"people": [{"name": "Ana"}, {"name": "Ken", "role_id": theirs}]}, "people.1.role_id"),
        ({"people": [{"name": "Ana", "email": "a@example.com"}]}, "people.0.email"),
    ):
        problem = assert_problem(user.post(url, json=body), 422)
        assert problem["errors"][0]["field"] == field, problem
    assert len(user.get(f"/api/v1/applications/{application['id']}/rounds").json()["items"]) == 1
    final = create_round(user, application["id"], kind="final")
    assert_problem(user.post(f"/api/v1/rounds/{final['id']}/next-panel", json={"people": [{"name": "Ana"}]}), 409)
    assert_problem(other_user.post(url, json={"people": [{"name": "Ana"}]}), 404)
    assert len(user.get(f"/api/v1/applications/{application['id']}/rounds").json()["items"]) == 2

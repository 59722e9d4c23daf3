"""A round with its panel in one call: POST /applications/{id}/rounds with `interviewers`, roles by
id or by name, all or nothing."""

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, roles_by_name


def rounds_url(application: dict) -> str:
    return f"/api/v1/applications/{application['id']}/rounds"


def test_a_round_is_made_with_its_people_and_roles_by_name_or_id(user):
    application = create_application(user)
    hr = roles_by_name(user)["HR"]
    body = {
        "kind": "second",
        "interviewers": [
            {"name": "Dana Ortega", "title": "Engineering manager", "role": "supervisor", "meeting_minutes": 45},
            {"name": "Kim Lee", "email": "kim@acme.example.com", "role_id": hr["id"], "phone": "+47 22 33 44 55"},
        ],
    }
    r = user.post(rounds_url(application), json=body)
    assert r.status_code == 201, r.text
    made = r.json()
    # The answer is the round as GET shows it; its Link names the panel.
    assert user.get(r.headers["location"]).json() == made and r.headers["etag"] == made["etag"]
    panel_url = f"/api/v1/rounds/{made['id']}/interviewers"
    assert r.headers["link"] == f'<{panel_url}>; rel="related"'
    panel = user.get(panel_url).json()["items"]
    assert [p["name"] for p in panel] == ["Dana Ortega", "Kim Lee"]
    assert panel[0]["role_id"] == roles_by_name(user)["Supervisor"]["id"] and panel[0]["title"] == "Engineering manager"
    assert panel[0]["meeting_minutes"] == 45 and panel[0]["order"] == 0
    assert panel[1]["role_id"] == hr["id"] and panel[1]["order"] == 1 and panel[1]["email"] == "kim@acme.example.com"


def test_without_people_the_round_has_an_empty_panel(user):
    r = user.post(rounds_url(create_application(user)), json={})
    assert r.status_code == 201 and "interviewers" not in r.json()
    assert user.get(f"/api/v1/rounds/{r.json()['id']}/interviewers").json()["items"] == []


def test_an_unknown_role_name_makes_nothing_and_names_it(user):
    application = create_application(user)
    body = {
        "interviewers": [
            {"name": "A One", "role": "HR"},
            {"name": "B Two"},
            {"name": "C Three", "role": "Wizard"},
        ]
    }
    problem = assert_problem(user.post(rounds_url(application), json=body), 422)
    error = problem["errors"][0]
    assert error["field"] == "interviewers.2.role" and error["type"] == "unknown_role"
    assert "C Three has the role 'Wizard', but you have no role of that name" in error["message"]
    assert "HR" in error["message"]
    assert user.get(rounds_url(application)).json()["items"] == []
    # The refused request took no round number either: the next round is round 1.
    assert user.post(rounds_url(application), json={}).json()["sequence"] == 1


def test_an_invalid_third_person_makes_nothing(user):
    application = create_application(user)
    body = {"interviewers": [{"name": "A"}, {"name": "B"}, {"name": "C", "email": "not an email"}]}
    problem = assert_problem(user.post(rounds_url(application), json=body), 422)
    assert problem["errors"][0]["field"] == "interviewers.2.email"
    assert user.get(rounds_url(application)).json()["items"] == []


def test_someone_elses_role_id_makes_nothing(user, make_user):
    other = make_user("other-roles")
    foreign = roles_by_name(other)["HR"]["id"]
    application = create_application(user)
    body = {"interviewers": [{"name": "A"}, {"name": "B", "role_id": foreign}]}
    problem = assert_problem(user.post(rounds_url(application), json=body), 422)
    assert problem["errors"][0]["field"] == "interviewers.1.role_id"
    assert user.get(rounds_url(application)).json()["items"] == []


def test_role_and_role_id_together_are_refused(user):
    hr = roles_by_name(user)["HR"]["id"]
    body = {"interviewers": [{"name": "A", "role": "HR", "role_id": hr}]}
    problem = assert_problem(user.post(rounds_url(create_application(user)), json=body), 422)
    assert "not both" in problem["errors"][0]["message"]


def test_the_panel_is_capped_at_twenty(user):
    application = create_application(user)
    body = {"interviewers": [{"name": f"Person {i}"} for i in range(21)]}
    problem = assert_problem(user.post(rounds_url(application), json=body), 422)
    assert problem["errors"][0]["field"] == "interviewers"
    assert user.get(rounds_url(application)).json()["items"] == []
    ok = user.post(rounds_url(application), json={"interviewers": body["interviewers"][:20]})
    assert ok.status_code == 201
    assert len(user.get(f"/api/v1/rounds/{ok.json()['id']}/interviewers").json()["items"]) == 20

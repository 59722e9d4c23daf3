"""Answers per application: an answer written for one application wins in its plans and prep sheets,
and never reaches another application's (issue 16, finding 1)."""

import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import (
    create_application,
    create_interviewer,
    create_question,
    create_round,
    roles_by_name,
)

FIELDS = {"application_id", "question_id", "direction", "text", "answer", "created_at", "updated_at", "etag"}
WHY_US = "Why do you want to work for us rather than a competitor?"


def _starter(user, text: str) -> dict:
    found = user.get("/api/v1/questions", params={"q": text}).json()["items"]
    (question,) = [q for q in found if q["text"] == text]
    return question


def _url(application: dict, question: dict) -> str:
    return f"/api/v1/applications/{application['id']}/answers/{question['id']}"


def _expect(plan: dict) -> dict[str, dict]:
    return {e["question_id"]: e for p in plan["interviewers"] for e in p["expect"]}


@pytest.fixture
def two_companies(user):
    """Northwind and Contoso, each with a round where the owner (who asks "why us") is on the panel."""
    owner = roles_by_name(user)["Owner / executive"]["id"]
    out = []
    for company in ("Northwind", "Contoso"):
        application = create_application(user, company=company, position="Analyst")
        round_ = create_round(user, application["id"])
        create_interviewer(user, round_["id"], name=f"Olu at {company}", role_id=owner)
        out.append((application, round_))
    return out


def test_an_answer_for_one_application_wins_there_and_nowhere_else(user, two_companies):
    (northwind, nw_round), (contoso, co_round) = two_companies
    why_us = _starter(user, WHY_US)
    assert why_us["prepared_answer"] is None and why_us["tip"]  # the starter advice is a tip

    def expect_of(round_: dict) -> dict:
        plan = user.get(f"/api/v1/rounds/{round_['id']}/plan").json()
        return _expect(plan)[why_us["id"]]

    assert expect_of(nw_round)["prepared_answer"] is None and expect_of(nw_round)["tip"] == why_us["tip"]

    r = user.put(_url(northwind, why_us), json={"answer": "  Northwind's route planner is the tool I use daily.  "})
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body) == FIELDS and body["answer"] == "Northwind's route planner is the tool I use daily."
    assert body["text"] == WHY_US and body["direction"] == "expect"
    assert r.headers["location"] == _url(northwind, why_us) and r.headers["etag"] == body["etag"]

    # Northwind's plan shows it and says whose it is; Contoso's does not, and the bank is unchanged.
    assert expect_of(nw_round)["prepared_answer"] == body["answer"]
    assert expect_of(nw_round)["prepared_answer_source"] == "application"
    assert expect_of(co_round)["prepared_answer"] is None
    assert user.get(f"/api/v1/questions/{why_us['id']}").json()["prepared_answer"] is None

    # A general answer (the bank's) applies to Contoso, and Northwind keeps its own.
    r = user.patch(f"/api/v1/questions/{why_us['id']}", json={"prepared_answer": "A general answer."})
    assert r.status_code == 200
    assert (expect_of(co_round)["prepared_answer"], expect_of(co_round)["prepared_answer_source"]) == (
        "A general answer.",
        "bank",
    )
    assert expect_of(nw_round)["prepared_answer"] == body["answer"]

    # Both prep sheets say which answer applies.
    sheets = {
        name: user.get(f"/api/v1/rounds/{round_['id']}/prep-sheet", headers=headers).text
        for name, round_ in (("northwind", nw_round), ("contoso", co_round))
        for headers in ({"Accept": "text/markdown"},)
    }
    assert f"Your answer for Northwind: {body['answer']}" in sheets["northwind"]
    assert "A general answer." not in sheets["northwind"]
    assert "Your general answer (every application): A general answer." in sheets["contoso"]
    assert body["answer"] not in sheets["contoso"]
    html = user.get(f"/api/v1/rounds/{nw_round['id']}/prep-sheet", headers={"Accept": "text/html"}).text
    assert "Your answer for Northwind: Northwind&#x27;s route planner" in html

    # Deleted, the general answer applies again.
    assert user.delete(_url(northwind, why_us)).status_code == 204
    assert expect_of(nw_round)["prepared_answer_source"] == "bank"
    assert_problem(user.get(_url(northwind, why_us)), 404)
    assert_problem(user.delete(_url(northwind, why_us)), 404)


def test_put_replaces_get_reads_and_the_list_holds_the_applications_own(user, two_companies):
    (northwind, _), (contoso, _) = two_companies
    why_us = _starter(user, WHY_US)
    start = _starter(user, "When could you start?")
    first = user.put(_url(northwind, why_us), json={"answer": "First."}).json()
    again = user.put(_url(northwind, why_us), json={"answer": "Second."})
    assert again.status_code == 200 and again.json()["answer"] == "Second." and again.json()["etag"] != first["etag"]
    assert "location" not in again.headers
    same = user.put(_url(northwind, why_us), json={"answer": "Second."})  # nothing changes: same version
    assert same.status_code == 200 and same.json()["etag"] == again.json()["etag"]
    one = user.get(_url(northwind, why_us))
    assert one.status_code == 200 and one.json() == again.json() and one.headers["etag"] == again.json()["etag"]
    user.put(_url(northwind, start), json={"answer": "In a month."})
    user.put(_url(contoso, start), json={"answer": "In two weeks."})
    items = user.get(f"/api/v1/applications/{northwind['id']}/answers").json()["items"]
    assert [(i["question_id"], i["answer"]) for i in items] == [(why_us["id"], "Second."), (start["id"], "In a month.")]
    page = user.get(f"/api/v1/applications/{northwind['id']}/answers", params={"limit": 1}).json()
    assert len(page["items"]) == 1 and page["next_cursor"]
    rest = user.get(
        f"/api/v1/applications/{northwind['id']}/answers", params={"limit": 1, "cursor": page["next_cursor"]}
    ).json()
    assert [i["question_id"] for i in rest["items"]] == [start["id"]]


def test_if_match_guards_every_write(user, two_companies):
    (northwind, _), _ = two_companies
    why_us = _starter(user, WHY_US)
    url = _url(northwind, why_us)
    assert_problem(user.put(url, json={"answer": "New."}, headers={"If-Match": '"stale"'}), 412)
    assert_problem(user.get(url), 404)  # the 412 created nothing
    etag = user.put(url, json={"answer": "One."}).json()["etag"]
    assert_problem(user.put(url, json={"answer": "Two."}, headers={"If-Match": '"stale"'}), 412)
    assert user.put(url, json={"answer": "Two."}, headers={"If-Match": etag}).status_code == 200
    assert_problem(user.delete(url, headers={"If-Match": etag}), 412)  # it changed since
    assert user.get(url).json()["answer"] == "Two."
    assert user.delete(url, headers={"If-Match": user.get(url).json()["etag"]}).status_code == 204


def test_bad_input_changes_nothing(user, two_companies):
    (northwind, _), (contoso, _) = two_companies
    why_us = _starter(user, WHY_US)
    for body in ({"answer": "   "}, {"answer": ""}, {}, {"answer": None}, {"answer": "x", "owner_id": "y"}):
        problem = assert_problem(user.put(_url(northwind, why_us), json=body), 422)
        assert problem["errors"][0]["field"] in ("answer", "owner_id"), problem
    assert_problem(user.get(_url(northwind, why_us)), 404)
    # A question written for Contoso cannot have an answer for Northwind (a plan there never uses it).
    own = create_question(user, direction="expect", text="Why Contoso?", application_id=contoso["id"])
    problem = assert_problem(user.put(_url(northwind, own), json={"answer": "No."}), 409)
    assert "another application" in problem["detail"]
    assert user.put(_url(contoso, own), json={"answer": "Yes."}).status_code == 201
    # A malformed id in the path is a 404, like an unknown one (docs/decisions.md, words for people).
    assert_problem(user.put(f"/api/v1/applications/{northwind['id']}/answers/not-a-uuid", json={"answer": "x"}), 404)


def test_another_accounts_application_or_question_is_404_and_untouched(user, other_user, two_companies):
    (northwind, _), _ = two_companies
    why_us = _starter(user, WHY_US)
    user.put(_url(northwind, why_us), json={"answer": "Mine."})
    theirs = create_application(other_user, company="Elsewhere", position="Analyst")
    their_why_us = _starter(other_user, WHY_US)
    for method, url, kwargs in (
        ("GET", _url(northwind, why_us), {}),
        ("PUT", _url(northwind, why_us), {"json": {"answer": "Theirs."}}),
        ("DELETE", _url(northwind, why_us), {}),
        ("GET", f"/api/v1/applications/{northwind['id']}/answers", {}),
        ("PUT", _url(theirs, why_us), {"json": {"answer": "Theirs."}}),  # my question, their application
        ("PUT", _url(northwind, their_why_us), {"json": {"answer": "Theirs."}}),
    ):
        problem = assert_problem(other_user.client.request(method, url, **kwargs), 404)
        assert "Mine." not in str(problem)
    assert_problem(user.put(_url(northwind, their_why_us), json={"answer": "x"}), 404)
    assert user.get(_url(northwind, why_us)).json()["answer"] == "Mine."


def test_answers_go_with_their_application_or_question(user, two_companies):
    (northwind, _), (contoso, _) = two_companies
    question = create_question(user, direction="expect", text="What is your notice period?")
    user.put(_url(northwind, question), json={"answer": "One month."})
    user.put(_url(contoso, question), json={"answer": "One month, maybe less."})
    assert user.delete(f"/api/v1/applications/{northwind['id']}").status_code == 204
    assert user.get(_url(contoso, question)).status_code == 200
    assert user.delete(f"/api/v1/questions/{question['id']}").status_code == 204
    assert user.get(f"/api/v1/applications/{contoso['id']}/answers").json()["items"] == []

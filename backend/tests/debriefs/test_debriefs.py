"""Debriefs (issue 19, item 1): written right after the round, never overwritten, carried to the
next round's plan and prep sheet when you meet the person again, a topic turned into a question in
one call, and the date they named filling the round's decision date when it is empty."""

from datetime import UTC, date, datetime, timedelta

from secondround.helpers import local_time
from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_round, roles_by_name

PAST = (datetime.now(UTC) - timedelta(days=2)).replace(microsecond=0)


def _url(interviewer: dict) -> str:
    return f"/api/v1/interviewers/{interviewer['id']}/debrief"


def _two_rounds(user, **second):
    application = create_application(user, company="Northwind", position="Data analyst")
    first = create_round(user, application["id"], kind="first", scheduled_at=PAST.isoformat(), duration_minutes=45)
    later = create_round(user, application["id"], **second)
    return application, first, later


def test_the_first_debrief_is_created_and_each_change_keeps_the_one_before(user):
    _, first, _ = _two_rounds(user)
    dana = create_interviewer(user, first["id"], email="dana@northwind.example.com")
    assert_problem(user.get(_url(dana)), 404)

    r = user.put(_url(dana), json={"impression": 4, "cared_about": "  On-call, and the billing migration. "})
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["location"] == _url(dana) and r.headers["etag"] == body["etag"]
    assert (
        body["revision"] == 1
        and body["impression"] == 4
        and body["cared_about"] == "On-call, and the billing migration."
    )
    assert body["earlier"] == [] and body["decision_date_note"] is None

    # A stale If-Match is refused and changes nothing; the current one writes a new version.
    assert_problem(user.put(_url(dana), json={"impression": 5}, headers={"If-Match": '"stale"'}), 412)
    r = user.put(_url(dana), json={"impression": 5, "surprises": "No take-home."}, headers={"If-Match": body["etag"]})
    assert r.status_code == 200, r.text
    again = r.json()
    assert again["revision"] == 2 and again["impression"] == 5 and again["cared_about"] is None
    assert [e["revision"] for e in again["earlier"]] == [1]
    assert again["earlier"][0]["cared_about"] == "On-call, and the billing migration."  # never overwritten
    assert again["created_at"] == body["created_at"] and again["etag"] != body["etag"]

    # The same debrief again adds no version and keeps the ETag.
    same = user.put(_url(dana), json={"impression": 5, "surprises": "No take-home."})
    assert same.status_code == 200 and same.json()["revision"] == 2 and same.json()["etag"] == again["etag"]
    got = user.get(_url(dana))
    assert got.status_code == 200 and got.json() == same.json() and got.headers["etag"] == again["etag"]


def test_if_match_before_the_first_debrief_is_412(user):
    _, first, _ = _two_rounds(user)
    dana = create_interviewer(user, first["id"])
    assert_problem(user.put(_url(dana), json={"impression": 3}, headers={"If-Match": '"x"'}), 412)


def test_bad_values_are_422_in_plain_words(user):
    _, first, _ = _two_rounds(user)
    dana = create_interviewer(user, first["id"])
    for bad in (
        {"impression": 0},
        {"impression": 6},
        {"impression": "4"},
        {"next_steps": "x" * 2001},
        {"cared_about": "bell\x07"},
        {"decision_date_named": "soon"},
        {"revision": 3},
    ):
        assert_problem(user.put(_url(dana), json=bad), 422)


def test_someone_elses_person_has_no_debrief_for_you(user, other_user):
    _, first, _ = _two_rounds(user)
    dana = create_interviewer(user, first["id"])
    assert user.put(_url(dana), json={"impression": 3}).status_code == 201
    assert_problem(other_user.get(_url(dana)), 404)
    assert_problem(other_user.put(_url(dana), json={"impression": 1}), 404)
    assert_problem(other_user.post(_url(dana) + "/questions", json={"text": "Mine?"}), 404)
    assert user.get(_url(dana)).json()["impression"] == 3


def test_the_date_they_named_fills_an_empty_decision_date_and_never_replaces_yours_unasked(user):
    _, first, _ = _two_rounds(user)
    dana = create_interviewer(user, first["id"])
    named = (PAST + timedelta(days=10)).date().isoformat()
    r = user.put(_url(dana), json={"decision_date_named": named})
    assert r.status_code == 201 and r.json()["round_decision_expected_by"] == named
    spoken = lambda iso: local_time.format_date(date.fromisoformat(iso))  # noqa: E731
    # In words a person reads ("Tuesday 8 December 2026"), not an ISO date.
    assert (
        r.json()["decision_date_note"] == f"Filled the round's decision date with {spoken(named)}, the date they named."
    )
    assert user.get(f"/api/v1/rounds/{first['id']}").json()["decision_expected_by"] == named

    # You set another date: a new date they named does not replace it unless you ask.
    yours = (PAST + timedelta(days=14)).date().isoformat()
    assert user.patch(f"/api/v1/rounds/{first['id']}", json={"decision_expected_by": yours}).status_code == 200
    theirs = (PAST + timedelta(days=12)).date().isoformat()
    r = user.put(_url(dana), json={"decision_date_named": theirs})
    assert r.json()["round_decision_expected_by"] == yours
    assert r.json()["decision_date_note"].startswith(
        f"The round's decision date stays {spoken(yours)}, which you set; they named {spoken(theirs)}."
    )
    assert user.get(f"/api/v1/rounds/{first['id']}").json()["decision_expected_by"] == yours
    r = user.put(_url(dana), json={"decision_date_named": theirs, "replace_decision_expected_by": True})
    assert r.json()["round_decision_expected_by"] == theirs and "as you asked" in r.json()["decision_date_note"]
    assert user.get(f"/api/v1/rounds/{first['id']}").json()["decision_expected_by"] == theirs


def test_a_date_before_the_interview_is_left_out_of_the_round_and_said_so(user):
    _, first, _ = _two_rounds(user)
    dana = create_interviewer(user, first["id"])
    before = (PAST - timedelta(days=3)).date().isoformat()
    r = user.put(_url(dana), json={"decision_date_named": before})
    assert r.status_code == 201, r.text
    assert r.json()["round_decision_expected_by"] is None
    assert r.json()["decision_date_note"].startswith("The round's decision date was left as it is:")


def test_last_time_is_carried_to_the_next_round_by_email_or_by_name(user):
    _, first, later = _two_rounds(user)
    dana = create_interviewer(user, first["id"], name="Dana Ortega", email="dana@northwind.example.com")
    olu = create_interviewer(user, first["id"], name="Olu Bello")
    create_interviewer(user, later["id"], name="D. Ortega", email="DANA@northwind.example.com")
    create_interviewer(user, later["id"], name="olu  bello")
    create_interviewer(user, later["id"], name="Sam New")
    plan_url = f"/api/v1/rounds/{later['id']}/plan"
    assert all(p["last_time"] is None for p in user.get(plan_url).json()["interviewers"])

    assert user.put(_url(dana), json={"impression": 4, "cared_about": "on-call"}).status_code == 201
    assert user.put(_url(olu), json={"impression": 2, "next_steps": "HR will call"}).status_code == 201
    people = {p["name"]: p["last_time"] for p in user.get(plan_url).json()["interviewers"]}
    assert people["D. Ortega"]["summary"] == "Last time (round 1): impression 4/5, cared about on-call"
    assert people["D. Ortega"]["interviewer_id"] == dana["id"] and people["D. Ortega"]["round_sequence"] == 1
    assert people["olu  bello"]["summary"] == "Last time (round 1): impression 2/5"
    assert people["Sam New"] is None

    # A new version of the debrief changes the plan (its cached copy too), and the prep sheet says it.
    assert user.put(_url(dana), json={"impression": 5, "cared_about": "team growth"}).status_code == 200
    people = {p["name"]: p["last_time"] for p in user.get(plan_url).json()["interviewers"]}
    assert people["D. Ortega"]["summary"] == "Last time (round 1): impression 5/5, cared about team growth"
    sheet = user.get(f"/api/v1/rounds/{later['id']}/prep-sheet", headers={"Accept": "text/markdown"})
    assert sheet.status_code == 200 and "Last time (round 1):** impression 5/5, cared about team growth" in sheet.text
    # Nobody carries a debrief backwards: round 1's plan shows none.
    assert all(p["last_time"] is None for p in user.get(f"/api/v1/rounds/{first['id']}/plan").json()["interviewers"])


def test_a_topic_they_raised_becomes_a_question_for_their_role_in_one_call(user):
    application, first, later = _two_rounds(user)
    supervisor = roles_by_name(user)["Supervisor"]
    dana = create_interviewer(user, first["id"], role_id=supervisor["id"])
    r = user.post(_url(dana) + "/questions", json={"text": "How is on-call shared across the team?"})
    assert r.status_code == 201, r.text
    question = r.json()
    assert r.headers["location"] == f"/api/v1/questions/{question['id']}"
    assert question["application_id"] == application["id"] and question["direction"] == "ask"
    assert question["target_role_ids"] == [supervisor["id"]]
    best = max(sorted(supervisor["focus"].items()), key=lambda item: item[1])[0]
    assert question["category"] == best
    # The next round plans it for someone with that role.
    create_interviewer(user, later["id"], name="Dana again", role_id=supervisor["id"])
    plan = user.get(f"/api/v1/rounds/{later['id']}/plan").json()
    assert question["id"] in {q["question_id"] for p in plan["interviewers"] for q in p["questions"]} | {
        b["question_id"] for b in plan["backlog"]
    }
    # Someone without a role: a question for anyone, of the category you name.
    olu = create_interviewer(user, first["id"], name="Olu")
    r = user.post(_url(olu) + "/questions", json={"text": "What is the budget?", "category": "compensation"})
    assert r.status_code == 201 and r.json()["target_role_ids"] == [] and r.json()["category"] == "compensation"
    assert_problem(user.post(_url(olu) + "/questions", json={"text": "  "}), 422)


def test_readiness_of_the_next_round_asks_for_missing_debriefs(user):
    _, first, later = _two_rounds(user)
    dana = create_interviewer(user, first["id"], name="Dana")
    create_interviewer(user, first["id"], name="Gone", cancelled=True)

    def items():
        body = user.get(f"/api/v1/rounds/{later['id']}/readiness").json()
        assert body["total"] == len(body["items"])
        return {i["key"]: i for i in body["items"]}

    found = items()["earlier_rounds_debriefed"]
    assert not found["done"] and found["next_step"].startswith("Write a debrief for Dana (round 1)")
    assert "Gone" not in found["next_step"]
    assert user.put(_url(dana), json={"impression": 3}).status_code == 201
    assert "earlier_rounds_debriefed" not in items()

"""GET /rounds/{id}/readiness through HTTP: the checklist follows the data as the user works through it."""

from datetime import UTC, timedelta
from email.utils import parsedate_to_datetime

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_round, roles_by_name
from tests.support.samplers import future
from tests.support.serving import counting_statements

# Dates ahead of whatever today is (a fixed year would pass into the past).
SOON = future(days=60)


def readiness(user, round_id: str) -> dict:
    r = user.get(f"/api/v1/rounds/{round_id}/readiness")
    assert r.status_code == 200, r.text
    body = r.json()
    # Nine items, and after the round the thank-you notes (readiness/rules.py: AFTER_KEYS).
    assert body["round_id"] == round_id and body["total"] == len(body["items"]) in (9, 10)
    assert [i["key"] for i in body["items"][9:]] in ([], ["thank_you_notes_sent"])
    assert body["done"] == sum(i["done"] for i in body["items"])
    for item in body["items"]:
        assert set(item) == {"key", "label", "done", "next_step"} and item["label"]
        assert item["done"] == (item["next_step"] is None), item
    return body


def undone(body: dict) -> dict[str, str]:
    return {i["key"]: i["next_step"] for i in body["items"] if not i["done"]}


def test_from_an_empty_round_to_ready(user):
    application = create_application(user, company="Halvorsen Research", position="Data analyst")
    round_ = create_round(user, application["id"], scheduled_at=SOON.isoformat(), duration_minutes=120)
    rid = round_["id"]

    # Nothing yet, nobody on the panel: the items say so (never a 500), and no salary question is planned.
    body = readiness(user, rid)
    assert [i["key"] for i in body["items"]] == [
        "company_research",
        "panel_named",
        "greetings",
        "everyone_has_a_question",
        "closing_planned",
        "expected_answers_prepared",
        "salary_researched",
        "place_set",
        "decision_date_asked",
    ]
    assert body["done"] == 1 and set(undone(body)) == set(body_keys(body)) - {"salary_researched"}
    assert "Halvorsen Research" in undone(body)["company_research"]
    assert "Ask your first interviewer" in undone(body)["panel_named"]

    # Research and place: two more.
    user.patch(f"/api/v1/applications/{application['id']}", json={"company_research": "Founded 1998."})
    user.patch(f"/api/v1/rounds/{rid}", json={"location": "Strandkaien 4, Bergen"})
    assert readiness(user, rid)["done"] == 3

    # The panel, one of them without title, role and greeting: each step names them.
    roles = roles_by_name(user)
    create_interviewer(
        user,
        rid,
        name="Dana Ortega",
        title="Head of analytics",
        role_id=roles["Supervisor"]["id"],
        greeting="Ms. Ortega",
    )
    olu = create_interviewer(user, rid, name="Olu Adebayo")
    steps = undone(readiness(user, rid))
    assert steps["panel_named"] == "Add a title and a role for Olu Adebayo."
    assert steps["greetings"] == "Add a greeting for Olu Adebayo."
    assert steps["decision_date_asked"].startswith("At the end of the interview, ask when they will decide")

    r = user.patch(
        f"/api/v1/interviewers/{olu['id']}",
        json={"title": "Founder", "role_id": roles["Owner / executive"]["id"], "greeting": "Mr. Adebayo"},
    )
    assert r.status_code == 200, r.text
    body = readiness(user, rid)
    steps = undone(body)
    assert {"company_research", "panel_named", "greetings", "everyone_has_a_question", "place_set"}.isdisjoint(steps)
    # The owner gets the salary question (kept to the end): the range is now needed.
    assert "salary_researched" in steps
    user.patch(f"/api/v1/applications/{application['id']}", json={"salary_min": 52000, "salary_max": 60000})
    steps = undone(readiness(user, rid))
    assert "salary_researched" not in steps

    # Starter tips are not answers: a new account has nothing prepared yet (issue 16).
    plan = user.get(f"/api/v1/rounds/{rid}/plan").json()
    assert undone(readiness(user, rid))["expected_answers_prepared"].startswith("Prepare an answer to “")
    first_ids = {e["question_id"] for e in plan["interviewers"][0]["expect"]}
    expected = next(e for e in plan["interviewers"][1]["expect"] if e["question_id"] not in first_ids)
    others = {e["question_id"] for p in plan["interviewers"] for e in p["expect"]} - {expected["question_id"]}
    for question_id in others:  # general answers, for every application
        assert user.patch(f"/api/v1/questions/{question_id}", json={"prepared_answer": "Mine."}).status_code == 200
    # An expected question without an answer is named, with who will ask it.
    steps = undone(readiness(user, rid))
    assert steps["expected_answers_prepared"] == (
        f"Prepare an answer to “{expected['text']}” (Olu Adebayo will likely ask it)."
    )
    # An answer written for this application counts as prepared here.
    r = user.put(
        f"/api/v1/applications/{application['id']}/answers/{expected['question_id']}", json={"answer": "For them."}
    )
    assert r.status_code == 201, r.text
    assert "expected_answers_prepared" not in undone(readiness(user, rid))

    # After the round: the decision date, once recorded, completes it.
    user.patch(f"/api/v1/rounds/{rid}", json={"status": "completed"})
    assert undone(readiness(user, rid))["decision_date_asked"].startswith("Record when they said they will decide")
    user.patch(f"/api/v1/rounds/{rid}", json={"decision_expected_by": f"{SOON + timedelta(days=9):%Y-%m-%d}"})
    assert "decision_date_asked" not in undone(readiness(user, rid))


def body_keys(body: dict) -> list[str]:
    return [i["key"] for i in body["items"]]


def test_someone_elses_round_and_bad_ids(user, other_user):
    round_ = create_round(user, create_application(user)["id"])
    assert_problem(other_user.get(f"/api/v1/rounds/{round_['id']}/readiness"), 404)
    assert_problem(user.get("/api/v1/rounds/not-a-uuid/readiness"), 404)
    assert_problem(user.get(f"/api/v1/rounds/{round_['id']}/readiness", params={"x": 1}), 422)


def test_readiness_loads_in_a_constant_number_of_statements(app, user):
    round_ = create_round(user, create_application(user)["id"])

    def statements() -> int:
        with counting_statements(app) as seen:
            readiness(user, round_["id"])
        return len(seen)

    readiness(user, round_["id"])  # the first signed-in read remembers the credential (one load)
    # Each count follows a change, so both compute the plan afresh (plans/cache.py keeps it per version).
    create_interviewer(user, round_["id"], name="Person 0")
    before = statements()
    for i in range(1, 6):
        create_interviewer(user, round_["id"], name=f"Person {i}")
    assert statements() == before


def test_upcoming_rounds_at_a_glance_for_the_board(user, other_user):
    first = create_application(user, company="Halvorsen Research", position="Data analyst")
    second = create_application(user, company="Birch Analytics", position="Analyst")
    roles = roles_by_name(user)
    soon = create_round(user, first["id"], scheduled_at=SOON.isoformat(), location="Bergen")
    create_interviewer(
        user, soon["id"], name="Dana Ortega", title="Head of analytics", role_id=roles["Supervisor"]["id"]
    )
    unscheduled = create_round(user, second["id"])
    past = create_round(user, second["id"], scheduled_at="2020-01-01T10:00:00Z")
    done = create_round(user, first["id"], scheduled_at=(SOON + timedelta(days=7)).isoformat())
    user.patch(f"/api/v1/rounds/{done['id']}", json={"status": "completed"})
    other_round = create_round(other_user, create_application(other_user)["id"])

    r = user.get("/api/v1/readiness")
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    # Planned rounds that have not started (or have no date yet); not past, completed or someone else's.
    assert [i["round_id"] for i in items] == [soon["id"], unscheduled["id"]]
    assert {past["id"], done["id"], other_round["id"]}.isdisjoint(i["round_id"] for i in items)
    glance = items[0]
    assert glance["application_id"] == first["id"] and glance["sequence"] == 1 and glance["kind"] == "second"
    assert glance["scheduled_at"] == f"{SOON:%Y-%m-%dT%H:%M:%SZ}" and glance["time_zone"]
    # The same count as the round's own checklist, and its first open step.
    full = readiness(user, soon["id"])
    assert (glance["done"], glance["total"]) == (full["done"], 9)
    assert glance["next_step"] == next(i["next_step"] for i in full["items"] if not i["done"])
    assert glance["next_step"].startswith("Write your company research for Halvorsen Research")


def test_the_board_list_costs_the_same_statements_for_two_rounds_or_fifty(app, make_user):
    user = make_user("board")
    roles = roles_by_name(user)
    for i in range(8):
        application = create_application(user, company=f"Company {i}")
        round_ = create_round(user, application["id"])
        create_interviewer(user, round_["id"], name=f"Person {i}", role_id=roles["Supervisor"]["id"])
        create_interviewer(user, round_["id"], name=f"Owner {i}", role_id=roles["Owner / executive"]["id"])
    counts = {}
    for limit in (2, 50):
        with counting_statements(app) as statements:
            r = user.get("/api/v1/readiness", params={"limit": limit})
        assert r.status_code == 200, r.text
        assert len(r.json()["items"]) == min(limit, 8)
        counts[limit] = len(statements)
    # BEGIN, the signed-in user, the page of rounds with their applications, the plans' five
    # statements (the version of their facts, panels, round entries, questions with their target
    # roles, the version again), and one for debriefs and thank-you notes, whatever the page size.
    assert counts[2] == counts[50] <= 9, counts


def test_the_board_keeps_a_started_round_for_a_day(user):
    """A planned round stays on the board for 24 hours after it starts (the day of the interview),
    then leaves it: 23.5 hours after the start it is there, 24.5 hours after it is gone."""
    application = create_application(user)
    now = parsedate_to_datetime(user.get("/api/v1/health").headers["date"]).astimezone(UTC)  # the server's clock
    started = create_round(user, application["id"], scheduled_at=(now - timedelta(hours=23.5)).isoformat())
    over = create_round(user, application["id"], scheduled_at=(now - timedelta(hours=24.5)).isoformat())

    r = user.get("/api/v1/readiness")
    assert r.status_code == 200, r.text
    on_board = [i["round_id"] for i in r.json()["items"]]
    assert started["id"] in on_board
    assert over["id"] not in on_board

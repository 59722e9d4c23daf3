"""GET /rounds/{id}/plan through HTTP: shape, the seed scenario, history, pins, Markdown, isolation, statements."""

import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_round, roles_by_name
from tests.support.serving import counting_statements


def _panel(user, round_id: str) -> dict[str, dict]:
    roles = roles_by_name(user)
    people = {}
    for name, title, role, greeting in [
        ("Dana Ortega", "Engineering manager", "Supervisor", "Ms. Ortega"),
        ("Luis Ferrer", "Founder", "Owner / executive", "Mr. Ferrer"),
        ("Kim Lee", "Senior engineer", "Co-worker", "Kim"),
    ]:
        people[role] = create_interviewer(
            user, round_id, name=name, title=title, role_id=roles[role]["id"], greeting=greeting
        )
    return people


def _questions_by_text(user) -> dict[str, dict]:
    found, cursor = {}, None
    while True:
        page = user.get("/api/v1/questions", params={"limit": 200, **({"cursor": cursor} if cursor else {})}).json()
        found.update({q["text"]: q for q in page["items"]})
        if not (cursor := page["next_cursor"]):
            return found


@pytest.fixture
def scenario(user):
    application = create_application(user, company="Acme Robotics", position="Backend engineer")
    round_ = create_round(user, application["id"], scheduled_at="2026-12-01T10:00:00+01:00", duration_minutes=90)
    return application, round_, _panel(user, round_["id"])


def test_plan_for_the_seed_scenario_reads_like_coaching(user, scenario):
    _application, round_, people = scenario
    r = user.get(f"/api/v1/rounds/{round_['id']}/plan")
    assert r.status_code == 200, r.text
    plan = r.json()
    assert plan["round_id"] == round_["id"] and plan["generated_at"].endswith("Z")
    assert [p["name"] for p in plan["interviewers"]] == ["Dana Ortega", "Luis Ferrer", "Kim Lee"]
    supervisor, owner, coworker = plan["interviewers"]
    assert supervisor["role_name"] == "Supervisor" and supervisor["greeting"] == "Ms. Ortega" and supervisor["goals"]

    # The supervisor hears about the job and how success is judged ...
    assert {q["category"] for q in supervisor["questions"][:3]} <= {"job_description", "evaluation_process"}
    # ... the owner about vision and growth ...
    assert [q["category"] for q in owner["questions"][:2]] == ["organization_vision", "long_term_goals"]
    # ... the co-worker about the daily work and the team ...
    assert coworker["questions"][0]["category"] == "teamwork"
    # ... salary goes to the last decision-maker whose role covers it (the owner), at the end of
    # your time with them, though the co-worker comes after ...
    assert owner["questions"][-1]["text"] == SALARY
    assert owner["questions"][-1]["reasons"][-1] == (
        "salary kept to the end of your time with Luis Ferrer, the last decision-maker who can discuss it"
    )
    # ... then the closing block, with the last person you meet (the co-worker, who does not decide:
    # the plan says who does). This is round 1 and no later round has a panel yet, so it asks who
    # comes next; the decision date is the very last question of the day.
    assert [p["deciding"] for p in plan["interviewers"]] == [True, True, False]
    assert plan["closing_interviewer_id"] == coworker["interviewer_id"]
    assert plan["deciding_interviewer_id"] == owner["interviewer_id"]
    assert [q["text"] for q in coworker["questions"] if q["closing"]] == [
        "Who will I meet next, and what are their roles?",
        "What are the next steps after today, and when can I expect to hear from you?",
    ]
    assert coworker["questions"][-1]["reasons"][0] == (
        "closing: asked last, of Kim Lee, the last person you meet (Luis Ferrer decides)"
    )
    assert [q["closing"] for q in coworker["questions"]][-3:] == [False, True, True]
    assert all(q["recurring"] and not q["assigned"] for q in coworker["questions"] if q["closing"])
    assert not any(q["closing"] for p in (supervisor, owner) for q in p["questions"])
    # Every line says why; nobody's time is exceeded; each person also gets what they will likely ask.
    for person in plan["interviewers"]:
        assert person["minutes_planned"] == sum(q["minutes"] for q in person["questions"])
        # No meeting lengths set: each gets a third of the 90 minutes, and about a quarter of that
        # (8 minutes) is suggested for your questions.
        assert person["minutes_planned"] <= person["minutes_available"] == 8
        assert person["question_minutes_suggested"] and person["meeting_minutes_estimated"]
        assert all(q["reasons"] and q["score"] > 0 for q in person["questions"])
        assert 1 <= len(person["expect"]) <= 3
        # The starter kit's advice is a tip; the answer is yours to write.
        assert all(e["tip"] and e["prepared_answer"] is None for e in person["expect"])
        assert all(e["prepared_answer_source"] is None for e in person["expect"])
    placed = [q["question_id"] for p in plan["interviewers"] for q in p["questions"]]
    assert len(placed) == len(set(placed))
    asks = [q for q in _questions_by_text(user).values() if q["direction"] == "ask"]
    assert len(placed) + len(plan["backlog"]) + len(plan["excluded"]) == len(asks)
    assert all(b["reason"] for b in plan["backlog"])


def test_history_pins_and_archived_questions_shape_the_next_round(user, scenario):
    application, first_round, _people = scenario
    questions = _questions_by_text(user)
    typical_week = questions["What would a typical week look like for me in this role?"]
    next_steps = questions["What are the next steps after today, and when can I expect to hear from you?"]
    hours = questions["What are the working hours, and how does remote or on-site work happen here?"]
    r1, r2 = (
        user.put(f"/api/v1/rounds/{first_round['id']}/questions/{q['id']}", json={"status": s})
        for q, s in ((typical_week, "answered"), (next_steps, "asked"))
    )
    assert r1.status_code == 201 and r2.status_code == 201
    assert user.patch(f"/api/v1/questions/{hours['id']}", json={"archived": True}).status_code == 200

    second_round = create_round(user, application["id"], kind="final")
    _panel(user, second_round["id"])
    learning = questions["What support is there for learning: training, mentoring, conferences?"]
    assert (
        user.put(f"/api/v1/rounds/{second_round['id']}/questions/{learning['id']}", json={"pinned": True}).status_code
        == 201
    )

    plan = user.get(f"/api/v1/rounds/{second_round['id']}/plan").json()
    excluded = {x["question_id"]: x for x in plan["excluded"]}
    assert excluded[typical_week["id"]]["round_id"] == first_round["id"]
    assert "round 1" in excluded[typical_week["id"]]["reason"]
    placed = {q["question_id"]: (p["name"], q) for p in plan["interviewers"] for q in p["questions"]}
    carried_by, carried = placed[next_steps["id"]]
    focus = next(
        r["focus"]
        for r in roles_by_name(user).values()
        if r["id"] == next(p["role_id"] for p in plan["interviewers"] if p["name"] == carried_by)
    )
    assert carried["score"] == pytest.approx(4 / 5 * focus["evaluation_process"] + 0.25)
    assert any("round 1" in reason for reason in carried["reasons"])
    assert hours["id"] not in placed and hours["id"] not in {b["question_id"] for b in plan["backlog"]}
    owner_name, pinned = placed[learning["id"]]
    assert pinned["pinned"] is True
    pinned_owner = next(p for p in plan["interviewers"] if p["name"] == owner_name)
    assert pinned_owner["questions"][0]["question_id"] == learning["id"]


def test_plan_as_a_markdown_prep_sheet(user, scenario):
    application, round_, _people = scenario
    expected = user.get(f"/api/v1/rounds/{round_['id']}/plan").json()["interviewers"][0]["expect"][0]
    written = user.put(
        f"/api/v1/applications/{application['id']}/answers/{expected['question_id']}",
        json={"answer": "The churn model at Initech."},
    )
    assert written.status_code == 201
    r = user.get(f"/api/v1/rounds/{round_['id']}/prep-sheet")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
    sheet = r.text
    assert sheet.startswith("# Second interview at Acme Robotics: Backend engineer")
    assert "Tuesday 1 December 2026, 09:00–10:30 UTC (90 min)" in sheet
    for expected in (
        "## 1. Dana Ortega, Engineering manager (Supervisor, decides)",
        "**Greet them:** Ms. Ortega",
        "**What they care about:**",
        "### Ask, in this order",
        "### Be ready for",
        "Your answer for Acme Robotics: The churn model at Initech.",
        "Tip: ",  # the starter kit's advice, shown as a tip and not as an answer
        "## 3. Kim Lee",
    ):
        assert expected in sheet
    assert sheet.index("Dana Ortega") < sheet.index("Luis Ferrer") < sheet.index("Kim Lee")
    # Nested lines are indented by four spaces, which every Markdown renderer nests (three do not).
    assert "\n    - Why: " in sheet and "\n    - Your answer for Acme Robotics: " in sheet
    # The plan itself is JSON only, whatever the client asks for (the sheet has its own operation).
    plan = user.get(f"/api/v1/rounds/{round_['id']}/plan", headers={"Accept": "text/markdown"})
    assert plan.status_code == 200 and plan.headers["content-type"] == "application/json"
    assert_problem(user.get(f"/api/v1/rounds/{round_['id']}/plan", params={"format": "markdown"}), 422)


def test_plan_of_an_empty_round_and_of_someone_elses_round(user, other_user, scenario):
    _application, round_, _people = scenario
    assert_problem(other_user.get(f"/api/v1/rounds/{round_['id']}/plan"), 404)
    empty = create_round(user, create_application(user)["id"])
    plan = user.get(f"/api/v1/rounds/{empty['id']}/plan").json()
    assert plan["interviewers"] == [] and plan["backlog"] and all(b["reason"] for b in plan["backlog"])
    assert "No interviewers yet" in user.get(f"/api/v1/rounds/{empty['id']}/prep-sheet").text
    assert_problem(other_user.get(f"/api/v1/rounds/{round_['id']}/prep-sheet"), 404)


def test_plan_loads_in_a_constant_number_of_statements(app, user, scenario):
    _application, round_, _people = scenario

    def plan_statements() -> int:
        with counting_statements(app) as statements:
            assert user.get(f"/api/v1/rounds/{round_['id']}/plan").status_code == 200
        return len(statements)

    before = plan_statements()
    for i in range(30):
        assert (
            user.post(
                "/api/v1/questions", json={"direction": "ask", "text": f"Extra question {i}?", "category": "teamwork"}
            ).status_code
            == 201
        )
    create_interviewer(user, round_["id"], name="Extra person")
    assert plan_statements() == before


HALVORSEN_QUESTION = "How will the new data-science unit change what Halvorsen offers?"


def test_a_question_written_for_one_application_is_planned_only_for_its_rounds(user):
    """Issue 9: a question written for one company was planned for another company's round."""
    halvorsen = create_application(user, company="Halvorsen Research", position="Data analyst")
    other = create_application(user, company="Brekke Logistics", position="Data analyst")
    r = user.post(
        "/api/v1/questions",
        json={
            "direction": "ask",
            "text": HALVORSEN_QUESTION,
            "category": "organization_vision",
            "importance": 5,
            "application_id": halvorsen["id"],
        },
    )
    assert r.status_code == 201, r.text
    question = r.json()
    halvorsen_round = create_round(user, halvorsen["id"])
    other_round = create_round(user, other["id"])
    _panel(user, halvorsen_round["id"])
    _panel(user, other_round["id"])

    def everything(round_id: str) -> tuple[dict, set[str]]:
        plan = user.get(f"/api/v1/rounds/{round_id}/plan", params={"backlog_limit": 500}).json()
        placed = {q["question_id"]: p["role_name"] for p in plan["interviewers"] for q in p["questions"]}
        listed = (
            set(placed) | {b["question_id"] for b in plan["backlog"]} | {x["question_id"] for x in plan["excluded"]}
        )
        return placed, listed

    placed, _ = everything(halvorsen_round["id"])
    assert placed.get(question["id"]) == "Owner / executive"
    _, listed = everything(other_round["id"])
    assert question["id"] not in listed
    assert HALVORSEN_QUESTION not in user.get(f"/api/v1/rounds/{other_round['id']}/prep-sheet").text
    assert HALVORSEN_QUESTION in user.get(f"/api/v1/rounds/{halvorsen_round['id']}/prep-sheet").text
    # Nor does it reach the other company's plan as a pin: it cannot be pinned there at all.
    assert_problem(
        user.put(f"/api/v1/rounds/{other_round['id']}/questions/{question['id']}", json={"pinned": True}), 409
    )
    # In the bank, it is everyone's again.
    assert user.patch(f"/api/v1/questions/{question['id']}", json={"application_id": None}).status_code == 200
    assert question["id"] in everything(other_round["id"])[1]


def test_an_applications_questions_go_with_it(user):
    doomed = create_application(user, company="Halvorsen Research")
    kept = create_application(user, company="Brekke Logistics")
    r = user.post(
        "/api/v1/questions",
        json={
            "direction": "ask",
            "text": HALVORSEN_QUESTION,
            "category": "organization_vision",
            "application_id": doomed["id"],
        },
    )
    question_id = r.json()["id"]
    kept_round = create_round(user, kept["id"])
    _panel(user, kept_round["id"])
    before = user.get(f"/api/v1/rounds/{kept_round['id']}/plan").json()
    assert user.delete(f"/api/v1/applications/{doomed['id']}").status_code == 204
    assert_problem(user.get(f"/api/v1/questions/{question_id}"), 404)
    after = user.get(f"/api/v1/rounds/{kept_round['id']}/plan").json()
    assert {k: v for k, v in after.items() if k != "generated_at"} == {
        k: v for k, v in before.items() if k != "generated_at"
    }


DECISION = "What are the next steps after today, and when can I expect to hear from you?"
WHO_NEXT = "Who will I meet next, and what are their roles?"
SALARY = "What salary range is budgeted for this position, and how is it reviewed?"


def test_decision_date_answered_in_round_1_closes_round_2_after_salary(user, scenario):
    """The issue's run: round 1 answered the decision time frame; pinned for round 2 it was left out.
    Now it is planned, as the owner's last question, after the salary question; round 1's answer
    notes show in what earlier rounds settled; and round 1 no longer asks who comes next once
    round 2 has its panel."""
    application, first_round, _people = scenario
    questions = _questions_by_text(user)
    decision, week = questions[DECISION], questions["What would a typical week look like for me in this role?"]
    for question, notes in ((decision, "Within two weeks, by phone."), (week, "Mostly dashboards.")):
        r = user.put(
            f"/api/v1/rounds/{first_round['id']}/questions/{question['id']}",
            json={"status": "answered", "answer_notes": notes},
        )
        assert r.status_code == 201, r.text

    second_round = create_round(user, application["id"], kind="second")
    people = _panel(user, second_round["id"])
    r = user.put(f"/api/v1/rounds/{second_round['id']}/questions/{decision['id']}", json={"pinned": True})
    assert r.status_code == 201 and r.json()["pinned"] is True

    plan = user.get(f"/api/v1/rounds/{second_round['id']}/plan").json()
    owner = next(p for p in plan["interviewers"] if p["name"] == "Luis Ferrer")
    last_person = plan["interviewers"][-1]
    assert plan["closing_interviewer_id"] == last_person["interviewer_id"] == people["Co-worker"]["id"]
    assert plan["deciding_interviewer_id"] == owner["interviewer_id"] == people["Owner / executive"]["id"]
    assert SALARY in [q["text"] for q in owner["questions"]]
    assert all(q["category"] == "compensation" for q in owner["questions"][-2:])
    last = last_person["questions"][-1]
    assert last["text"] == DECISION
    assert (last["closing"], last["pinned"], last["recurring"]) == (True, True, True)
    assert last["reasons"][0].startswith("closing: asked last, of Kim Lee, the last person you meet")
    assert [x["question_id"] for x in plan["excluded"]] == [week["id"]]
    settled = plan["excluded"][0]
    assert (settled["round_sequence"], settled["answer_notes"]) == (1, "Mostly dashboards.")

    # Round 2 has its panel now: round 1's closing no longer asks who comes next.
    first_plan = user.get(f"/api/v1/rounds/{first_round['id']}/plan").json()
    placed = [q["text"] for p in first_plan["interviewers"] for q in p["questions"]]
    assert WHO_NEXT not in placed and DECISION in placed
    assert any(b["text"] == WHO_NEXT and "a later round has its panel" in b["reason"] for b in first_plan["backlog"])


def test_a_question_given_by_hand_and_a_closing_override(user, scenario):
    """Manual assignment beats the engine (salary to the supervisor); a round entry puts an ordinary
    question into the closing block, or takes a closing one out of it."""
    _application, round_, people = scenario
    questions = _questions_by_text(user)
    salary, decision = questions[SALARY], questions[DECISION]
    growth = questions["What paths have people who started in this role taken inside the company?"]
    dana = people["Supervisor"]
    base = f"/api/v1/rounds/{round_['id']}/questions"
    assert user.put(f"{base}/{salary['id']}", json={"interviewer_id": dana["id"]}).status_code == 201
    assert user.put(f"{base}/{growth['id']}", json={"at_end": True}).status_code == 201
    assert user.put(f"{base}/{decision['id']}", json={"at_end": False}).status_code == 201

    plan = user.get(f"/api/v1/rounds/{round_['id']}/plan").json()
    by_text = {q["text"]: (p["name"], q) for p in plan["interviewers"] for q in p["questions"]}
    name, given = by_text[SALARY]
    assert name == "Dana Ortega" and given["assigned"] and not given["closing"]
    assert given["reasons"][0] == "you gave it to Dana Ortega"
    name, closing = by_text[growth["text"]]
    assert name == "Kim Lee" and closing["closing"]
    last_person = next(p for p in plan["interviewers"] if p["name"] == "Kim Lee")
    assert last_person["questions"][-1]["text"] == WHO_NEXT  # importance 3, recurring: after growth
    closing_ids = {q["question_id"] for p in plan["interviewers"] for q in p["questions"] if q["closing"]}
    assert decision["id"] not in closing_ids

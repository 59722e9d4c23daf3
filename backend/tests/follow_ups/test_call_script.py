"""The call script: the pure builder (follow_ups/call_script.py) and GET /rounds/{id}/call-script."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secondround.follow_ups.call_script import CallFacts, build, mailto_uri
from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_question, create_round


def facts(**changes) -> CallFacts:
    base = {
        "person_name": "Dana Ortega",
        "greeting": None,
        "company": "Initech",
        "position": "Analyst",
        "round_label": "Second interview",
        "interview_day": date(2026, 11, 30),
        "decision_expected_by": date(2026, 12, 4),
        "discussed": ["What does success look like in the first 90 days?", "How is the team organised?"],
        "today": date(2026, 12, 7),
    }
    return CallFacts(**(base | changes))


@pytest.mark.pure
def test_script_names_the_person_the_topics_and_the_decision_date():
    script = build(facts(greeting="Ms. Ortega"))
    assert script.opening == (
        "Hello Ms. Ortega, this is a follow-up on the Analyst role at Initech: "
        "we spoke at the second interview on Monday 30 November 2026."
    )
    assert script.discussed == ["What does success look like in the first 90 days?", "How is the team organised?"]
    assert script.lines[1] == (
        "Thank you again for our conversation, and for answering my questions: "
        "“What does success look like in the first 90 days?”, “How is the team organised?”"
    )
    assert script.decision == "You mentioned a decision by Friday 4 December 2026; I wanted to hear where things stand."
    assert script.lines[0] == script.opening and script.lines[-1] == script.closing
    assert "When do you expect to make a decision?" not in script.asks


@pytest.mark.pure
def test_without_a_decision_date_the_script_asks_for_one():
    script = build(facts(decision_expected_by=None, person_name=None, discussed=[], interview_day=None))
    assert script.decision is None and script.asks[0] == "When do you expect to make a decision?"
    assert script.opening.startswith("Hello there,") and "on " not in script.opening.split(":")[1]


@pytest.mark.pure
def test_a_decision_still_ahead_is_checked_not_chased():
    assert "still the plan" in (build(facts(today=date(2026, 12, 1))).decision or "")


@pytest.mark.pure
def test_mailto_has_a_subject():
    assert mailto_uri("dana@initech.example.com", "Data & AI lead") == (
        "mailto:dana@initech.example.com?subject=Following%20up%3A%20Data%20%26%20AI%20lead"
    )
    assert mailto_uri(None, "x") is None


@pytest.mark.pure
@given(st.lists(st.text(min_size=0, max_size=300), max_size=8), st.one_of(st.none(), st.text(max_size=50)))
def test_any_topics_make_a_bounded_script(topics, greeting):
    script = build(facts(discussed=topics, greeting=greeting or None))
    assert len(script.discussed) <= 3 and all(0 < len(t) <= 120 for t in script.discussed)
    assert script.lines[0] == script.opening and all(line.strip() for line in script.lines)


def test_endpoint_builds_the_script_for_the_first_person_with_links(user, other_user):
    application = create_application(user, company="Initech", position="Analyst")
    round_ = create_round(
        user, application["id"], scheduled_at="2026-11-30T10:00:00+00:00", decision_expected_by="2026-12-04"
    )
    dana = create_interviewer(
        user, round_["id"], name="Dana Ortega", phone="+1 (555) 010-0 x 12", email="dana@initech.example.com"
    )
    pat = create_interviewer(user, round_["id"], name="Pat")
    asked = create_question(user, text="What does success look like?")
    other = create_question(user, text="What is the on-call rotation?")
    url = f"/api/v1/rounds/{round_['id']}/questions"
    assert (
        user.put(
            f"{url}/{asked['id']}", json={"status": "answered", "marked_for_interviewer_id": dana["id"]}
        ).status_code
        == 201
    )
    assert (
        user.put(f"{url}/{other['id']}", json={"status": "asked", "marked_for_interviewer_id": pat["id"]}).status_code
        == 201
    )

    r = user.get(f"/api/v1/rounds/{round_['id']}/call-script")
    assert r.status_code == 200, r.text
    script = r.json()
    assert (script["interviewer_id"], script["name"], script["contact_id"]) == (
        dana["id"],
        "Dana Ortega",
        dana["contact_id"],
    )
    assert script["tel_uri"] == "tel:+15550100;ext=12"
    assert script["mailto_uri"].startswith("mailto:dana@initech.example.com?subject=")
    assert script["discussed"] == ["What does success look like?"]
    assert "Friday 4 December 2026" in script["decision"]

    for_pat = user.get(f"/api/v1/rounds/{round_['id']}/call-script", params={"interviewer_id": pat["id"]}).json()
    assert for_pat["discussed"] == ["What is the on-call rotation?"] and for_pat["tel_uri"] is None
    problem = assert_problem(
        user.get(f"/api/v1/rounds/{round_['id']}/call-script", params={"interviewer_id": round_["id"]}), 422
    )
    assert problem["errors"][0]["field"] == "interviewer_id"
    assert_problem(other_user.get(f"/api/v1/rounds/{round_['id']}/call-script"), 404)

    # The last call is in the script.
    user.post(f"/api/v1/rounds/{round_['id']}/follow-up", json={"note": "Left a voicemail"})
    lines = user.get(f"/api/v1/rounds/{round_['id']}/call-script").json()["lines"]
    assert any("(Left a voicemail)" in line for line in lines)

"""Round questions: PUT creates then replaces a question's state in a round; the round's list."""

import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_question, create_round

FIELDS = {
    "round_id",
    "question_id",
    "direction",
    "text",
    "category",
    "pinned",
    "status",
    "answer_notes",
    "at_end",
    "interviewer_id",
    "marked_for_interviewer_id",
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


def entry_url(round_: dict, question: dict) -> str:
    return f"/api/v1/rounds/{round_['id']}/questions/{question['id']}"


def test_put_creates_then_replaces(user, round_):
    question = create_question(user, text="How is success measured?", category="evaluation_process")
    url = entry_url(round_, question)

    created = user.put(url, json={"pinned": True, "answer_notes": "Ask early."})
    assert created.status_code == 201, created.text
    assert created.headers["location"] == url and created.headers["etag"]
    body = created.json()
    assert set(body) == FIELDS
    assert (body["round_id"], body["question_id"]) == (round_["id"], question["id"])
    assert (body["text"], body["category"], body["direction"]) == (question["text"], "evaluation_process", "ask")
    assert (body["pinned"], body["status"], body["answer_notes"]) == (True, "planned", "Ask early.")

    replaced = user.put(url, json={"status": "answered"})
    assert replaced.status_code == 200, replaced.text
    assert "location" not in replaced.headers
    # PUT replaces the whole state: fields left out go back to their defaults.
    assert (replaced.json()["pinned"], replaced.json()["status"], replaced.json()["answer_notes"]) == (
        False,
        "answered",
        None,
    )
    assert replaced.json()["created_at"] == body["created_at"]
    assert replaced.headers["etag"] != created.headers["etag"]

    listed = user.get(f"/api/v1/rounds/{round_['id']}/questions").json()["items"]
    assert listed == [replaced.json()]


@pytest.mark.parametrize("status", ["planned", "asked", "answered", "skipped"])
def test_every_status_is_accepted(user, round_, status):
    r = user.put(entry_url(round_, create_question(user)), json={"status": status})
    assert r.status_code == 201 and r.json()["status"] == status


@pytest.mark.parametrize(
    "body, field",
    [
        ({"status": "done"}, "status"),
        ({"pinned": "very"}, "pinned"),
        ({"answer_notes": "a\x00b"}, "answer_notes"),
        ({"round_id": "00000000-0000-4000-8000-000000000000"}, "round_id"),
        ({"question_id": "00000000-0000-4000-8000-000000000000"}, "question_id"),
        ({"created_at": "2030-01-01T00:00:00Z"}, "created_at"),
    ],
)
def test_put_validates_its_body(user, round_, body, field):
    problem = assert_problem(user.put(entry_url(round_, create_question(user)), json=body), 422)
    assert any(e["field"] == field for e in problem["errors"]), problem
    assert user.get(f"/api/v1/rounds/{round_['id']}/questions").json()["items"] == []


def test_if_match(user, round_):
    url = entry_url(round_, create_question(user))
    assert_problem(user.put(url, json={}, headers={"If-Match": "*"}), 412)  # nothing there yet
    assert user.get(f"/api/v1/rounds/{round_['id']}/questions").json()["items"] == []
    etag = user.put(url, json={"pinned": True}).headers["etag"]
    assert_problem(user.put(url, json={"status": "asked"}, headers={"If-Match": '"stale"'}), 412)
    r = user.put(url, json={"status": "asked"}, headers={"If-Match": etag})
    assert r.status_code == 200 and r.json()["status"] == "asked"
    assert_problem(user.put(url, json={"status": "skipped"}, headers={"If-Match": etag}), 412)
    assert user.put(url, json={"status": "skipped"}, headers={"If-Match": "*"}).status_code == 200


def test_questions_and_rounds_of_other_users_are_404(user, other_user, round_):
    foreign_question = create_question(other_user)
    assert_problem(user.put(entry_url(round_, foreign_question), json={}), 404)
    assert_problem(user.put(entry_url(round_, {"id": "00000000-0000-4000-8000-000000000000"}), json={}), 404)
    assert user.get(f"/api/v1/rounds/{round_['id']}/questions").json()["items"] == []
    foreign_round = create_round(other_user, create_application(other_user)["id"])
    assert_problem(user.put(entry_url(foreign_round, create_question(user)), json={}), 404)


def test_list_is_in_the_order_entries_were_made(user, round_):
    questions = [create_question(user, text=f"Question {i}?") for i in range(3)]
    for q in reversed(questions):
        assert user.put(entry_url(round_, q), json={}).status_code == 201
    listed = user.get(f"/api/v1/rounds/{round_['id']}/questions").json()["items"]
    assert [e["question_id"] for e in listed] == [q["id"] for q in reversed(questions)]
    # Each round has its own entries.
    other_round = create_round(user, round_["application_id"])
    assert user.get(f"/api/v1/rounds/{other_round['id']}/questions").json()["items"] == []


def test_a_question_of_another_application_cannot_enter_this_round(user, round_):
    other_application = create_application(user, company="Another company")
    theirs = create_question(user, text="Why did Another company pick Rust?", application_id=other_application["id"])
    ours = create_question(user, application_id=round_["application_id"])
    bank = create_question(user)
    url = entry_url(round_, theirs)
    for method, body in (("PUT", {"pinned": True}), ("PATCH", {"status": "answered"})):
        problem = assert_problem(user.client.request(method, url, json=body), 409)
        assert theirs["id"] in problem["detail"] and "another application" in problem["detail"]
    assert user.get(f"/api/v1/rounds/{round_['id']}/questions").json()["items"] == []
    assert user.get(f"/api/v1/questions/{theirs['id']}").json() == theirs
    # The bank's questions and the round's own application's are welcome.
    for question in (ours, bank):
        assert user.put(entry_url(round_, question), json={"pinned": True}).status_code == 201
    # Someone else's round or question is still a 404 first: the scope rule leaks nothing.
    assert_problem(user.put(entry_url({"id": "00000000-0000-4000-8000-000000000000"}, theirs), json={}), 404)


def test_at_the_end_and_given_to_a_person_of_this_round(user, round_):
    question = create_question(user, text="Closing marker: who decides?", category="evaluation_process")
    url = entry_url(round_, question)
    dana = create_interviewer(user, round_["id"], name="Dana")
    created = user.put(url, json={"at_end": True, "interviewer_id": dana["id"]})
    assert created.status_code == 201, created.text
    assert (created.json()["at_end"], created.json()["interviewer_id"]) == (True, dana["id"])
    # PATCH changes one field; null gives the choice back (to the question's at_end, to the plan).
    r = user.patch(url, json={"at_end": None})
    assert r.status_code == 200 and (r.json()["at_end"], r.json()["interviewer_id"]) == (None, dana["id"])
    r = user.patch(url, json={"at_end": False, "interviewer_id": None})
    assert (r.json()["at_end"], r.json()["interviewer_id"]) == (False, None)
    # PUT without them resets both.
    user.patch(url, json={"at_end": True, "interviewer_id": dana["id"]})
    replaced = user.put(url, json={"pinned": True}).json()
    assert (replaced["pinned"], replaced["at_end"], replaced["interviewer_id"]) == (True, None, None)

    # Deleting the person gives the choice back to the plan.
    user.patch(url, json={"interviewer_id": dana["id"]})
    assert user.delete(f"/api/v1/interviewers/{dana['id']}").status_code == 204
    assert user.get(url.rsplit("/", 1)[0]).json()["items"][0]["interviewer_id"] is None


def test_only_a_person_of_this_round_can_be_given_a_question(user, other_user, round_):
    question = create_question(user, text="Closing marker: handed out?", category="teamwork")
    url = entry_url(round_, question)
    elsewhere = create_interviewer(user, create_round(user, round_["application_id"])["id"], name="Elsewhere")
    strangers = create_interviewer(
        other_user, create_round(other_user, create_application(other_user)["id"])["id"], name="Stranger"
    )
    for interviewer_id in (elsewhere["id"], strangers["id"], "00000000-0000-4000-8000-000000000000"):
        for send in (user.put, user.patch):
            problem = assert_problem(send(url, json={"interviewer_id": interviewer_id}), 422)
            assert problem["errors"][0]["field"] == "interviewer_id"
            assert "in this round" in problem["errors"][0]["message"]
    assert user.get(url.rsplit("/", 1)[0]).json()["items"] == []  # nothing was created
    assert_problem(user.put(url, json={"at_end": "yes"}), 422)

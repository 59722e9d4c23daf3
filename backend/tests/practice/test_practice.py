"""Practice with spaced repetition (issue 19, item 7): the queue puts what the next round's people
will likely ask first, with your answer for that application; a review schedules the card (FSRS)."""

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_question, create_round, roles_by_name

QUEUE = "/api/v1/practice/queue"
REVIEWS = "/api/v1/practice/reviews"
WHY_US = "Why do you want to work for us rather than a competitor?"


def test_expected_questions_of_the_next_round_come_first_with_the_applications_answer(user):
    owner = roles_by_name(user)["Owner / executive"]["id"]
    application = create_application(user, company="Northwind", position="Analyst")
    round_ = create_round(user, application["id"], scheduled_at="2030-01-10T10:00:00+00:00")
    create_interviewer(user, round_["id"], name="Olu", role_id=owner)
    plan = user.get(f"/api/v1/rounds/{round_['id']}/plan").json()
    expected_ids = [e["question_id"] for p in plan["interviewers"] for e in p["expect"]]
    assert expected_ids
    why_us = next(q for q in user.get("/api/v1/questions", params={"q": WHY_US}).json()["items"] if q["text"] == WHY_US)
    r = user.put(
        f"/api/v1/applications/{application['id']}/answers/{why_us['id']}", json={"answer": "Northwind's planner."}
    )
    assert r.status_code == 201, r.text

    r = user.get(QUEUE, params={"limit": 100})
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    first = items[: len(set(expected_ids))]
    assert {i["question_id"] for i in first} == set(expected_ids)
    assert all(i["expected"] and i["round_id"] == round_["id"] for i in first)
    assert first[0]["reason"] == "Expected in your second interview at Northwind on Thursday 10 January 2030" or (
        first[0]["reason"].startswith("Expected in your second interview at Northwind on ")
    )
    mine = next(i for i in items if i["question_id"] == why_us["id"])
    assert (mine["answer"], mine["answer_source"], mine["application_id"]) == (
        "Northwind's planner.",
        "application",
        application["id"],
    )
    # The rest of the bank (questions you expect) follows; questions to ask are not practised.
    rest = items[len(first) :]
    assert rest and not any(i["expected"] for i in rest)
    assert all(i["due"] is None for i in items)
    asked = create_question(user, text="What does a good first month look like?")
    assert asked["id"] not in {i["question_id"] for i in user.get(QUEUE, params={"limit": 100}).json()["items"]}


def test_a_review_schedules_the_card_and_it_leaves_the_queue_until_due(user):
    first = user.get(QUEUE).json()["items"][0]
    r = user.post(REVIEWS, json={"question_id": first["question_id"], "rating": "good"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["rating"], body["reviews"], body["state"], body["due_in"]) == ("good", 1, "learning", "in 10 minutes")
    assert r.headers["etag"] == body["etag"]
    queue = user.get(QUEUE, params={"limit": 100}).json()
    assert first["question_id"] not in {i["question_id"] for i in queue["items"]}
    assert queue["due_later"] == 1 and queue["next_due"] == body["due"]

    again = user.post(REVIEWS, json={"question_id": first["question_id"], "rating": "again"}).json()
    assert (again["reviews"], again["due_in"]) == (2, "in 1 minute")
    easy = user.post(REVIEWS, json={"question_id": first["question_id"], "rating": "easy"}).json()
    assert easy["state"] == "review" and easy["due_in"].endswith(("day", "days"))


def test_reviews_refuse_questions_and_applications_that_are_not_yours(user, other_user):
    theirs = create_question(other_user, direction="expect", text="Tell me about yourself.")
    r = user.post(REVIEWS, json={"question_id": theirs["id"], "rating": "good"})
    assert assert_problem(r, 422)["errors"][0]["field"] == "question_id"
    mine = user.get(QUEUE).json()["items"][0]["question_id"]
    their_application = create_application(other_user)
    r = user.post(REVIEWS, json={"question_id": mine, "rating": "good", "application_id": their_application["id"]})
    assert assert_problem(r, 422)["errors"][0]["field"] == "application_id"
    r = user.post(REVIEWS, json={"question_id": mine, "rating": "perfect"})
    assert assert_problem(r, 422)["errors"][0]["field"] == "rating"
    # The other account's practice is its own.
    user.post(REVIEWS, json={"question_id": mine, "rating": "easy"})
    assert other_user.get(QUEUE).json()["due_later"] == 0

"""Caps on what one account can accumulate: a create past a cap is a 422 naming the limit, changes
nothing, and parallel creates at the cap cannot overshoot it. Served by an app with small caps."""

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from secondround.accounts.starter_kit import QUESTIONS, ROLES
from secondround.api.app_state import app_state
from secondround.main import create_app
from tests.support.accounts import User, register_user
from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_question, create_role, create_round
from tests.support.serving import serve

# A new account starts with the starter kit; each cap leaves room for three more.
CAPS = {
    "max_questions_per_account": len(QUESTIONS) + 3,
    "max_roles_per_account": len(ROLES) + 3,
    "max_applications_per_account": 3,
    "max_rounds_per_application": 3,
    "max_interviewers_per_round": 3,
}


@pytest.fixture(scope="module")
def capped_url(settings) -> Iterator[str]:
    # Room for the parallel test's eight requests at once (one account may otherwise run six).
    app = create_app(settings.model_copy(update={**CAPS, "max_requests_per_account": 16}))
    try:
        with serve(app) as url:
            yield url
    finally:
        app_state(app).database.dispose_sync()


@pytest.fixture
def capped_user(capped_url) -> Iterator[User]:
    u = register_user(capped_url, "capped")
    yield u
    u.client.close()


def assert_limit_reached(response, limit: int, noun: str) -> None:
    problem = assert_problem(response, 422)
    assert problem["type"] == "/problems/limit-reached"
    assert f"at most {limit} {noun}" in problem["detail"], problem["detail"]


def count(u: User, url: str) -> int:
    total, cursor = 0, None
    while True:
        page = u.get(url, params={"limit": 200, **({"cursor": cursor} if cursor else {})}).json()
        total += len(page["items"])
        if not (cursor := page["next_cursor"]):
            return total


def test_questions_per_account(capped_user, capped_url):
    limit = CAPS["max_questions_per_account"]
    application = create_application(capped_user)
    # Questions written for one application count as the bank's do: the cap is the account's.
    made = [
        create_question(capped_user, text="Question 0"),
        create_question(capped_user, text="For one application", application_id=application["id"]),
    ]
    create_question(capped_user, text="An archived one counts too", archived=True)
    body = {"direction": "ask", "text": "One too many", "category": "teamwork"}
    assert_limit_reached(capped_user.post("/api/v1/questions", json=body), limit, "questions")
    r = capped_user.post("/api/v1/questions", json=body | {"application_id": application["id"]})
    assert_limit_reached(r, limit, "questions")
    assert count(capped_user, "/api/v1/questions") == limit
    # Room again after a delete; another account is not affected by this one's bank.
    assert capped_user.delete(f"/api/v1/questions/{made[0]['id']}").status_code == 204
    create_question(capped_user, text="Fits again")
    other = register_user(capped_url, "other")
    try:
        assert create_question(other, text="Mine")
    finally:
        other.client.close()


def test_roles_per_account(capped_user):
    limit = CAPS["max_roles_per_account"]
    for _ in range(limit - len(ROLES)):
        create_role(capped_user)
    assert_limit_reached(capped_user.post("/api/v1/roles", json={"name": "One too many"}), limit, "roles")
    assert count(capped_user, "/api/v1/roles") == limit


def test_applications_per_account(capped_user):
    limit = CAPS["max_applications_per_account"]
    for _ in range(limit):
        create_application(capped_user)
    r = capped_user.post("/api/v1/applications", json={"company": "Too", "position": "Many"})
    assert_limit_reached(r, limit, "applications")
    assert count(capped_user, "/api/v1/applications") == limit


def test_rounds_per_application(capped_user):
    limit = CAPS["max_rounds_per_application"]
    full, other = (create_application(capped_user)["id"] for _ in range(2))
    for _ in range(limit):
        create_round(capped_user, full)
    assert_limit_reached(capped_user.post(f"/api/v1/applications/{full}/rounds", json={}), limit, "rounds")
    assert count(capped_user, f"/api/v1/applications/{full}/rounds") == limit
    create_round(capped_user, other)


def test_interviewers_per_round(capped_user):
    limit = CAPS["max_interviewers_per_round"]
    application = create_application(capped_user)["id"]
    full, other = (create_round(capped_user, application)["id"] for _ in range(2))
    for n in range(limit):
        create_interviewer(capped_user, full, name=f"Person {n}")
    r = capped_user.post(f"/api/v1/rounds/{full}/interviewers", json={"name": "One too many"})
    assert_limit_reached(r, limit, "interviewers")
    assert count(capped_user, f"/api/v1/rounds/{full}/interviewers") == limit
    create_interviewer(capped_user, other)


@pytest.mark.parametrize("kind", ["questions", "interviewers"])
def test_parallel_creates_stop_exactly_at_the_cap(capped_user, kind):
    if kind == "questions":
        url, body, limit = "/api/v1/questions", {"direction": "ask", "text": "Q", "category": "teamwork"}, 3
    else:
        round_id = create_round(capped_user, create_application(capped_user)["id"])["id"]
        url, body, limit = f"/api/v1/rounds/{round_id}/interviewers", {"name": "Someone"}, 3
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = sorted(pool.map(lambda _: capped_user.post(url, json=body).status_code, range(8)))
    assert statuses == [201] * limit + [422] * (8 - limit)

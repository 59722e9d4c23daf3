"""Writes that race each other end as a client can understand, never in a 500, on both engines.

- `If-Match` is atomic: of many writers holding one ETag, exactly one wins and the rest get 412.
- DELETE racing a write ends in 204, 404 or 412.
- Two requests that would both break a unique constraint end as 409 (or, for the round-question
  upsert, as one 201 and then 200s), like the service's own check would have ended had they come
  one after the other.

Every request goes over real HTTP from its own thread; a barrier releases them together so they
really overlap in the server. They run on an app whose per-account limit lets all of one account's
writers in at once (tests/db/test_caps.py does the same), so no writer waits out a 429.

SQLite takes its one write lock up front (BEGIN IMMEDIATE), so writers there cannot interleave: a
few of these tests run on it to prove the lock is taken; the rest run on PostgreSQL only, where row
locks and constraint checks really race.
"""

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from secondround.api.app_state import app_state
from secondround.db.constraints import classify
from secondround.helpers.vocabulary import Category
from secondround.main import create_app
from secondround.models import Interviewer, Role
from tests.support.accounts import PASSWORD, User
from tests.support.builders import create_application, create_interviewer, create_question, create_role, create_round
from tests.support.databases import only_on_postgres
from tests.support.parallel import Call, in_parallel, no_server_errors, statuses
from tests.support.serving import serve

WRITERS = 20


@pytest.fixture(scope="module")
def race_url(settings) -> Iterator[str]:
    """The app, served with room for every writer of one account at once."""
    app = create_app(settings.model_copy(update={"max_requests_per_account": WRITERS}))
    try:
        with serve(app) as url:
            yield url
    finally:
        app_state(app).database.dispose_sync()


# --- Every resource that honours If-Match -------------------------------------------------------


@dataclass
class Target:
    """One resource: where to write it, how, and the ETag a client read it with."""

    method: str
    url: str
    etag: str
    body: Callable[[int], dict]
    read: Callable[[], dict]  # the resource as it is now
    written: Callable[[dict], str]  # the value a body wrote, as read back
    delete_url: str | None = None


def _etag(u: User, url: str) -> str:
    r = u.get(url)
    assert r.status_code == 200, r.text
    return r.headers["ETag"]


def _patched(u: User, url: str, field_name: str, *, method: str = "PATCH", delete: bool = True) -> Target:
    return Target(
        method=method,
        url=url,
        etag=_etag(u, url),
        body=lambda i: {field_name: f"writer {i}"},
        read=lambda: u.get(url).json(),
        written=lambda body: body[field_name],
        delete_url=url if delete else None,
    )


def application_target(u: User) -> Target:
    return _patched(u, f"/api/v1/applications/{create_application(u)['id']}", "notes")


def round_target(u: User) -> Target:
    return _patched(u, f"/api/v1/rounds/{create_round(u, create_application(u)['id'])['id']}", "notes")


def follow_up_target(u: User) -> Target:
    round_url = f"/api/v1/rounds/{create_round(u, create_application(u)['id'])['id']}"
    return Target(
        method="POST",
        url=f"{round_url}/follow-up",
        etag=_etag(u, round_url),
        body=lambda i: {"note": f"writer {i}"},
        read=lambda: u.get(round_url).json(),
        written=lambda body: body["note"],
    )


def interviewer_target(u: User) -> Target:
    round_ = create_round(u, create_application(u)["id"])
    return _patched(u, f"/api/v1/interviewers/{create_interviewer(u, round_['id'])['id']}", "notes")


def interviewer_order_target(u: User) -> Target:
    round_ = create_round(u, create_application(u)["id"])
    ids = [create_interviewer(u, round_["id"], name=f"P{i}")["id"] for i in range(4)]
    url = f"/api/v1/rounds/{round_['id']}/interviewers/order"
    # Writer i puts person 1 + i % 3 first, so every write changes the order (the order's ETag is its
    # content: a write that keeps the order keeps the ETag, and the next writer would win too).
    return Target(
        method="PUT",
        url=url,
        etag=_etag(u, url),
        body=lambda i: {"interviewer_ids": ids[1 + i % 3 :] + ids[: 1 + i % 3]},
        read=lambda: u.get(url).json(),
        written=lambda body: str(body["interviewer_ids"]),
    )


def role_target(u: User) -> Target:
    return _patched(u, f"/api/v1/roles/{create_role(u)['id']}", "goals")


def question_target(u: User) -> Target:
    return _patched(u, f"/api/v1/questions/{create_question(u)['id']}", "notes")


def round_question_target(u: User) -> Target:
    round_ = create_round(u, create_application(u)["id"])
    question = create_question(u)
    url = f"/api/v1/rounds/{round_['id']}/questions/{question['id']}"
    created = u.put(url, json={"pinned": True})
    assert created.status_code == 201, created.text
    return Target(
        method="PUT",
        url=url,
        etag=created.headers["ETag"],
        body=lambda i: {"pinned": True, "answer_notes": f"writer {i}"},
        read=lambda: u.get(f"/api/v1/rounds/{round_['id']}/questions").json()["items"][0],
        written=lambda body: body["answer_notes"],
    )


def me_target(u: User) -> Target:
    return _patched(u, "/api/v1/me", "display_name", delete=False)


TARGETS = {
    "application": application_target,
    "round": round_target,
    "round follow-up": follow_up_target,
    "interviewer": interviewer_target,
    "interviewer order": interviewer_order_target,
    "role": role_target,
    "question": question_target,
    "round question": round_question_target,
    "me": me_target,
}
DELETABLE = ["application", "round", "interviewer", "role", "question"]


def kinds(names, *, on_sqlite_too: str) -> list:
    """Every kind on PostgreSQL; one of them on SQLite as well."""
    return [pytest.param(k, marks=() if k == on_sqlite_too else only_on_postgres) for k in names]


@pytest.mark.parametrize("kind", kinds(TARGETS, on_sqlite_too="round"))
def test_one_etag_lets_exactly_one_writer_win(race_url, user, kind):
    target = TARGETS[kind](user)
    bodies = [target.body(i) for i in range(WRITERS)]
    calls = [Call(target.method, target.url, user.token, b, {"If-Match": target.etag}) for b in bodies]
    responses = in_parallel(race_url, calls)

    assert statuses(responses) == {200: 1, 412: WRITERS - 1}, [r.text for r in responses if r.status_code != 412]
    (winner,) = [body for body, r in zip(bodies, responses, strict=True) if r.status_code == 200]
    assert target.written(winner) in str(target.read())  # the winner's write is the one that stayed


@pytest.mark.parametrize("kind", kinds(DELETABLE, on_sqlite_too="application"))
def test_delete_racing_writes_with_one_etag_has_one_winner(race_url, user, kind):
    target = TARGETS[kind](user)
    calls = [
        Call("DELETE", target.delete_url, user.token, headers={"If-Match": target.etag})
        if i % 2
        else Call(target.method, target.url, user.token, target.body(i), {"If-Match": target.etag})
        for i in range(10)
    ]
    responses = in_parallel(race_url, calls)

    no_server_errors(responses)
    counts = statuses(responses)
    assert counts[200] + counts[204] == 1, counts
    assert set(counts) <= {200, 204, 404, 412}, counts


@pytest.mark.parametrize("kind", kinds(DELETABLE, on_sqlite_too="interviewer"))
def test_delete_racing_unconditional_writes_never_fails(race_url, user, kind):
    target = TARGETS[kind](user)
    calls = [
        Call("DELETE", target.delete_url, user.token)
        if i % 2
        else Call(target.method, target.url, user.token, target.body(i))
        for i in range(10)
    ]
    responses = in_parallel(race_url, calls)

    no_server_errors(responses)
    counts = statuses(responses)
    assert counts[204] == 1, counts  # deleted once; later DELETEs find nothing
    assert set(counts) <= {200, 204, 404}, counts
    assert user.get(target.delete_url).status_code == 404


@only_on_postgres
def test_unconditional_writes_to_one_resource_all_succeed_and_none_is_lost(race_url, user):
    """Without If-Match nobody is refused for being concurrent, and a merge (a role's focus) loses nothing."""
    role = create_role(user)
    categories = list(Category)[:8]
    calls = [Call("PATCH", f"/api/v1/roles/{role['id']}", user.token, {"focus": {c: 0.9}}) for c in categories]
    responses = in_parallel(race_url, calls)

    assert statuses(responses) == {200: len(calls)}, [r.text for r in responses]
    focus = user.get(f"/api/v1/roles/{role['id']}").json()["focus"]
    assert {c: focus[c] for c in categories} == dict.fromkeys(categories, 0.9)


# --- Creating, and referring to, rows others write at the same time ------------------------------


def test_first_parallel_puts_of_one_round_question_create_it_once(race_url, user):
    round_ = create_round(user, create_application(user)["id"])
    url = f"/api/v1/rounds/{round_['id']}/questions/{create_question(user)['id']}"
    responses = in_parallel(
        race_url, [Call("PUT", url, user.token, {"answer_notes": f"writer {i}"}) for i in range(10)]
    )

    assert statuses(responses) == {201: 1, 200: 9}, [r.text for r in responses]
    assert len(user.get(f"/api/v1/rounds/{round_['id']}/questions").json()["items"]) == 1


@only_on_postgres
def test_parallel_target_role_changes_of_one_question_never_fail(race_url, user):
    roles = [create_role(user)["id"] for _ in range(3)]
    question = create_question(user)
    url = f"/api/v1/questions/{question['id']}"
    responses = in_parallel(race_url, [Call("PATCH", url, user.token, {"target_role_ids": roles})] * 8)

    assert statuses(responses) == {200: 8}, [r.text for r in responses]
    assert sorted(user.get(url).json()["target_role_ids"]) == sorted(roles)


@only_on_postgres
def test_writes_naming_a_role_racing_its_deletion_never_fail(race_url, user):
    role = create_role(user)
    round_ = create_round(user, create_application(user)["id"])
    question = create_question(user)
    calls = [Call("DELETE", f"/api/v1/roles/{role['id']}", user.token)]
    calls += [
        Call(
            "POST", f"/api/v1/rounds/{round_['id']}/interviewers", user.token, {"name": f"P{i}", "role_id": role["id"]}
        )
        for i in range(4)
    ]
    calls += [Call("PATCH", f"/api/v1/questions/{question['id']}", user.token, {"target_role_ids": [role["id"]]})] * 4
    responses = in_parallel(race_url, calls)

    no_server_errors(responses)
    assert responses[0].status_code == 204
    # Each write either came first (and the deletion then cleared the role from it) or found it gone.
    assert set(statuses(responses[1:5])) <= {201, 422}, [r.text for r in responses]
    assert set(statuses(responses[5:])) <= {200, 422}, [r.text for r in responses]
    for person in user.get(f"/api/v1/rounds/{round_['id']}/interviewers").json()["items"]:
        assert person["role_id"] is None
    assert user.get(f"/api/v1/questions/{question['id']}").json()["target_role_ids"] == []


@only_on_postgres
def test_round_question_puts_racing_deletion_of_the_question_never_fail(race_url, user):
    round_ = create_round(user, create_application(user)["id"])
    question = create_question(user)
    url = f"/api/v1/rounds/{round_['id']}/questions/{question['id']}"
    calls = [Call("DELETE", f"/api/v1/questions/{question['id']}", user.token)]
    calls += [Call("PUT", url, user.token, {"pinned": True})] * 6
    responses = in_parallel(race_url, calls)

    no_server_errors(responses)
    assert responses[0].status_code == 204
    assert set(statuses(responses[1:])) <= {200, 201, 404}, [r.text for r in responses]
    assert user.get(f"/api/v1/rounds/{round_['id']}/questions").json()["items"] == []


@only_on_postgres
def test_outcomes_recorded_while_the_application_is_deleted_never_fail(race_url, user):
    """A round's outcome writes its application too; that must not deadlock with deleting it."""
    for _attempt in range(3):  # the deadlock needed a particular interleaving; three tries met it
        application = create_application(user)
        rounds = [create_round(user, application["id"]) for _ in range(4)]
        calls = [Call("PATCH", f"/api/v1/rounds/{r['id']}", user.token, {"outcome": "rejected"}) for r in rounds]
        calls.insert(2, Call("DELETE", f"/api/v1/applications/{application['id']}", user.token))
        responses = in_parallel(race_url, calls)

        no_server_errors(responses)
        assert responses[2].status_code == 204
        assert set(statuses(responses)) <= {200, 204, 404}, [r.text for r in responses]


@only_on_postgres
def test_moving_a_question_to_an_application_racing_puts_from_another_keeps_it_consistent(race_url, user):
    """A question written for one application has entries only in that application's rounds, however
    a move and the recording of it in another application's round interleave."""
    target, other = create_application(user), create_application(user)
    rounds = [create_round(user, other["id"]) for _ in range(3)]
    question = create_question(user)
    calls = [Call("PUT", f"/api/v1/rounds/{r['id']}/questions/{question['id']}", user.token, {}) for r in rounds]
    calls.insert(1, Call("PATCH", f"/api/v1/questions/{question['id']}", user.token, {"application_id": target["id"]}))
    responses = in_parallel(race_url, calls)

    no_server_errors(responses)
    moved = responses[1].status_code == 200
    assert responses[1].status_code in (200, 409), responses[1].text
    recorded = [r for r in rounds if user.get(f"/api/v1/rounds/{r['id']}/questions").json()["items"]]
    if moved:
        assert recorded == [] and {r.status_code for r in responses[:1] + responses[2:]} == {409}
    else:
        assert recorded and user.get(f"/api/v1/questions/{question['id']}").json()["application_id"] is None


@only_on_postgres
def test_questions_written_for_an_application_racing_its_deletion_never_fail(race_url, user):
    application = create_application(user)
    body = {
        "direction": "ask",
        "text": "About this company?",
        "category": "teamwork",
        "application_id": application["id"],
    }
    calls = [Call("POST", "/api/v1/questions", user.token, body) for _ in range(4)]
    calls.insert(2, Call("DELETE", f"/api/v1/applications/{application['id']}", user.token))
    responses = in_parallel(race_url, calls)

    no_server_errors(responses)
    assert responses[2].status_code == 204
    creates = responses[:2] + responses[3:]
    assert set(statuses(creates)) <= {201, 422}, [r.text for r in creates]
    # Each create came first (and the deletion took its question along) or found the application gone.
    for created in (r for r in creates if r.status_code == 201):
        assert user.get(f"/api/v1/questions/{created.json()['id']}").status_code == 404


# --- Unique constraints -------------------------------------------------------------------------


def test_parallel_role_creates_with_one_name_give_one_role_and_409s(race_url, user):
    calls = [Call("POST", "/api/v1/roles", user.token, {"name": "Recruiter"})] * 10
    responses = in_parallel(race_url, calls)

    assert statuses(responses) == {201: 1, 409: 9}, [r.text for r in responses]
    assert {r.json()["type"] for r in responses if r.status_code == 409} == {"/problems/conflict"}
    names = [r["name"] for r in user.get("/api/v1/roles", params={"limit": 100}).json()["items"]]
    assert names.count("Recruiter") == 1


@only_on_postgres
def test_parallel_renames_of_roles_to_one_name_give_one_rename_and_409s(race_url, user):
    roles = [create_role(user) for _ in range(10)]
    calls = [Call("PATCH", f"/api/v1/roles/{r['id']}", user.token, {"name": "Team lead"}) for r in roles]
    responses = in_parallel(race_url, calls)

    assert statuses(responses) == {200: 1, 409: 9}, [r.text for r in responses]
    names = [r["name"] for r in user.get("/api/v1/roles", params={"limit": 100}).json()["items"]]
    assert names.count("Team lead") == 1


@only_on_postgres
def test_parallel_email_changes_to_one_address_give_one_change_and_409s(race_url, make_user):
    users = [make_user("mover") for _ in range(5)]
    email = f"taken-{users[0].email}"
    body = {"email": email, "current_password": PASSWORD}
    responses = in_parallel(race_url, [Call("PATCH", "/api/v1/me", u.token, body) for u in users])

    assert statuses(responses) == {200: 1, 409: 4}, [r.text for r in responses]
    for r in responses:
        if r.status_code == 409:
            assert r.json()["type"] == "/problems/conflict"


# --- Naming the violated constraint on each engine ----------------------------------------------


def _violation(app, *rows) -> IntegrityError:
    with Session(app_state(app).engine) as session:
        session.add_all(rows)
        with pytest.raises(IntegrityError) as caught:
            session.flush()
        session.rollback()
    return caught.value


def test_a_unique_violation_is_named_by_its_constraint_on_either_engine(app, user):
    owner = uuid.UUID(user.id)
    exc = _violation(app, Role(owner_id=owner, name="Twin"), Role(owner_id=owner, name="Twin"))
    assert classify(exc) == ("unique", "uq_roles_owner_name")


def test_a_foreign_key_violation_is_told_apart(app, user):
    orphan = Interviewer(owner_id=uuid.UUID(user.id), round_id=uuid.uuid4(), name="Nobody", order=0)
    assert classify(_violation(app, orphan))[0] == "foreign_key"

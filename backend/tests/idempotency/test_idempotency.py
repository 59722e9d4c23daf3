"""Idempotency-Key on every POST: a replay gets the first response, another request with the key a
422, a request still running a 409; keys belong to one account and last 24 hours; twenty requests
sent at once with one key make one object. Over real HTTP, on SQLite and PostgreSQL."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from secondround.api.app_state import app_state
from secondround.db.types import utcnow
from secondround.models import Application, IdempotencyKey
from tests.support.assertions import assert_problem
from tests.support.builders import create_application
from tests.support.parallel import Call, in_parallel, no_server_errors

APPS = "/api/v1/applications"
BODY = {"company": "Acme", "position": "Backend engineer", "salary_min": 1, "salary_max": 2}


def key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


def applications(user) -> list[dict]:
    return user.get(APPS).json()["items"]


def test_a_repeated_post_replays_the_first_response_and_creates_nothing(user):
    headers = key()
    first = user.post(APPS, json=BODY, headers=headers)
    assert first.status_code == 201, first.text
    assert "idempotent-replayed" not in first.headers
    # The same JSON object, other key order and spacing: the same request.
    again = user.post(
        APPS,
        content=b'{"salary_max":2, "position":"Backend engineer","company":"Acme","salary_min":1}',
        headers={**headers, "Content-Type": "application/json"},
    )
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.content == first.content
    for name in ("location", "etag", "content-type"):
        assert again.headers[name] == first.headers[name], name
    assert [a["id"] for a in applications(user)] == [first.json()["id"]]


def test_a_key_works_on_nested_creates_and_the_quoted_form_is_the_same_key(user):
    application = create_application(user)
    path = f"{APPS}/{application['id']}/rounds"
    first = user.post(path, json={"kind": "second"}, headers={"Idempotency-Key": '"round-2"'})
    again = user.post(path, json={"kind": "second"}, headers={"Idempotency-Key": "round-2"})
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true" and again.json() == first.json()
    assert len(user.get(path).json()["items"]) == 1


def test_the_same_key_with_another_body_or_path_is_a_422_problem(user):
    headers = key()
    assert user.post(APPS, json=BODY, headers=headers).status_code == 201
    body = assert_problem(user.post(APPS, json={**BODY, "company": "Other"}, headers=headers), 422)
    assert body["type"] == "/problems/idempotency-key-reused"
    assert "another request" in body["detail"]
    roles = assert_problem(user.post("/api/v1/roles", json={"name": "X"}, headers=headers), 422)
    assert roles["type"] == "/problems/idempotency-key-reused"
    assert len(applications(user)) == 1
    assert [r["name"] for r in user.get("/api/v1/roles").json()["items"]].count("X") == 0


@pytest.mark.parametrize(
    "value",
    [b"", b'""', b"k" * 256, "cl\u00e9".encode(), b"tab\there"],
    ids=["empty", "empty-quoted", "256-characters", "non-ascii", "control"],
)
def test_a_malformed_key_is_a_400_problem_and_nothing_is_written(user, value):
    r = user.post(APPS, json=BODY, headers=[("Idempotency-Key", value)])  # type: ignore[arg-type]
    body = assert_problem(r, 400)
    assert "Idempotency-Key" in body["detail"]
    assert applications(user) == []


def test_a_key_of_255_printable_characters_is_accepted(user):
    value = "".join(chr(33 + i % 94) for i in range(255))
    first = user.post(APPS, json=BODY, headers={"Idempotency-Key": value})
    again = user.post(APPS, json=BODY, headers={"Idempotency-Key": value})
    assert first.status_code == 201 and again.headers["idempotent-replayed"] == "true"


def test_a_failed_request_stores_nothing_so_the_key_can_be_used_again(user):
    headers = key()
    assert_problem(user.post(APPS, json={**BODY, "salary_min": 5}, headers=headers), 422)  # min above max
    fixed = user.post(APPS, json=BODY, headers=headers)
    assert fixed.status_code == 201 and "idempotent-replayed" not in fixed.headers


def test_keys_belong_to_one_account(user, other_user):
    headers = key()
    mine = user.post(APPS, json=BODY, headers=headers)
    theirs = other_user.post(APPS, json=BODY, headers=headers)
    assert mine.status_code == theirs.status_code == 201
    assert "idempotent-replayed" not in theirs.headers
    assert mine.json()["id"] != theirs.json()["id"]
    assert len(applications(user)) == len(applications(other_user)) == 1
    # And another body under the same key is still only this account's business.
    assert other_user.post(APPS, json={**BODY, "company": "B"}, headers=headers).status_code == 422


def test_a_key_expires_after_24_hours_and_expired_keys_are_purged(app, user, monkeypatch):
    old = key()
    assert user.post(APPS, json=BODY, headers=old).status_code == 201
    later = utcnow() + timedelta(hours=24, seconds=1)
    monkeypatch.setattr("secondround.idempotency.service.utcnow", lambda: later)
    # Another key's POST purges the expired one on the way.
    assert user.post(APPS, json={**BODY, "company": "Next day"}, headers=key()).status_code == 201
    with app_state(app).database.engine.connect() as connection:
        keys = connection.execute(select(IdempotencyKey.key).where(IdempotencyKey.owner_id == uuid.UUID(user.id)))
        assert old["Idempotency-Key"] not in set(keys.scalars())
    # The old key is new again: the same request runs again, and another body is not refused.
    again = user.post(APPS, json={**BODY, "company": "Reused"}, headers=old)
    assert again.status_code == 201 and "idempotent-replayed" not in again.headers
    assert len(applications(user)) == 3


def test_a_key_just_short_of_24_hours_still_replays(user, monkeypatch):
    headers = key()
    first = user.post(APPS, json=BODY, headers=headers)
    later = utcnow() + timedelta(hours=23, minutes=59)
    monkeypatch.setattr("secondround.idempotency.service.utcnow", lambda: later)
    again = user.post(APPS, json=BODY, headers=headers)
    assert again.headers["idempotent-replayed"] == "true" and again.json() == first.json()


def test_twenty_parallel_posts_with_one_key_create_exactly_one_object(app, base_url, user):
    headers = key()
    responses = in_parallel(base_url, [Call("POST", APPS, user.token, BODY, headers) for _ in range(20)])
    no_server_errors(responses)
    created = [r for r in responses if r.status_code == 201]
    fresh = [r for r in created if "idempotent-replayed" not in r.headers]
    assert len(fresh) == 1, [(r.status_code, r.headers.get("idempotent-replayed")) for r in responses]
    assert {r.json()["id"] for r in created} == {fresh[0].json()["id"]}
    for r in responses:
        if r.status_code != 201:  # still running when it came: a 409 problem saying so, with Retry-After
            assert assert_problem(r, 409)["type"] == "/problems/idempotency-key-in-use"
            assert r.headers["retry-after"] == "1"
    with app_state(app).database.engine.connect() as connection:
        count = connection.execute(
            select(func.count()).select_from(Application).where(Application.owner_id == uuid.UUID(user.id))
        ).scalar_one()
    assert count == 1
    # Once the first has finished, every retry gets its response.
    assert user.post(APPS, json=BODY, headers=headers).json()["id"] == fresh[0].json()["id"]


def test_an_api_key_is_not_stored_nor_shown_again_on_a_replay(app, user):
    headers = key()
    first = user.post("/api/v1/api-keys", json={"name": "Board"}, headers=headers)
    assert first.status_code == 201
    again = user.post("/api/v1/api-keys", json={"name": "Board"}, headers=headers)
    body = assert_problem(again, 409)
    assert body["type"] == "/problems/secret-shown-once"
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["idempotent-replayed"] == "true"
    assert first.json()["key"] not in again.text
    with app_state(app).database.engine.connect() as connection:
        stored = connection.execute(select(IdempotencyKey.body, IdempotencyKey.headers)).all()
    assert all(
        first.json()["key"].encode() not in row.body and first.json()["key"] not in row.headers for row in stored
    )
    assert len(user.get("/api/v1/api-keys").json()["items"]) == 1


def test_sign_in_ignores_the_header(base_url, user):
    from tests.support.serving import new_client

    with new_client(base_url) as c:
        form = {"username": user.email, "password": user.password}
        a = c.post("/api/v1/auth/token", data=form, headers={"Idempotency-Key": "same"})
        b = c.post("/api/v1/auth/token", data=form, headers={"Idempotency-Key": "same"})
    assert a.status_code == b.status_code == 200
    assert a.json()["access_token"] != b.json()["access_token"] and "idempotent-replayed" not in b.headers


def test_every_post_but_sign_in_documents_the_header(client):
    schema = client.get("/openapi.json").json()
    posts = {path: ops["post"] for path, ops in schema["paths"].items() if "post" in ops}
    for path, post in posts.items():
        documented = "Idempotency-Key" in {p["name"] for p in post.get("parameters", [])}
        takes_no_key = path.startswith("/api/v1/auth/") or path in ("/api/v1/oauth/token", "/api/v1/oauth/revoke")
        assert documented == (not takes_no_key), path

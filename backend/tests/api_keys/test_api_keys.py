"""Personal API keys: shown once, stored as a hash, scoped, revocable, expiring; a password change
leaves them working; a key cannot make keys or sign out."""

import re
import time
import uuid
from datetime import timedelta

import httpx
from sqlalchemy import select, update

from secondround.accounts.credentials import token_hash
from secondround.api.app_state import app_state
from secondround.db.types import utcnow
from secondround.models import AccessToken
from tests.support.accounts import PASSWORD, User
from tests.support.assertions import assert_problem
from tests.support.serving import new_client

KEYS = "/api/v1/api-keys"
KEY_FORMAT = re.compile(r"^(srk_[a-z2-9]{12})_[A-Za-z0-9_-]{43}$")


def make_key(user: User, **fields) -> dict:
    r = user.post(KEYS, json={"name": "Job board sync", **fields})
    assert r.status_code == 201, r.text
    return r.json()


def with_key(base_url: str, key: str) -> httpx.Client:
    client = new_client(base_url)
    client.headers["Authorization"] = f"Bearer {key}"
    return client


def test_a_key_is_shown_once_in_a_recognisable_format_and_only_its_hash_is_stored(app, base_url, user):
    created = make_key(user, scopes=["read", "write"])
    match = KEY_FORMAT.match(created["key"])
    assert match, created["key"]
    assert created["prefix"] == match.group(1)
    assert created["scopes"] == ["read", "write"]
    assert created["expires_at"] is None and created["last_used_at"] is None
    assert user.get(KEYS).json()["items"][0]["id"] == created["id"]
    for shown in (user.get(KEYS), user.get(f"{KEYS}/{created['id']}")):
        assert shown.status_code == 200
        assert created["key"] not in shown.text and "key" not in shown.json().get("items", [shown.json()])[0]
    with app_state(app).engine.connect() as connection:
        row = connection.execute(select(AccessToken).where(AccessToken.id == uuid.UUID(created["id"]))).one()
    assert row.token_hash == token_hash(created["key"]) and created["key"] not in str(tuple(row))


def test_a_read_key_reads_and_is_refused_any_write(base_url, user):
    read_key = make_key(user)  # scopes default to read
    assert read_key["scopes"] == ["read"]
    with with_key(base_url, read_key["key"]) as client:
        assert client.get("/api/v1/applications").status_code == 200
        assert client.get("/api/v1/me").json()["id"] == user.id
        body = assert_problem(client.post("/api/v1/applications", json={"company": "A", "position": "B"}), 403)
        assert "only read" in body["detail"]
        assert_problem(client.patch("/api/v1/me", json={"display_name": "X"}), 403)
    assert user.get("/api/v1/applications").json()["items"] == []  # nothing was written


def test_a_write_key_writes(base_url, user):
    write_key = make_key(user, scopes=["write"])
    assert write_key["scopes"] == ["read", "write"]  # writing implies reading
    with with_key(base_url, write_key["key"]) as client:
        r = client.post("/api/v1/applications", json={"company": "Keyed", "position": "Analyst"})
        assert r.status_code == 201, r.text
    assert [a["company"] for a in user.get("/api/v1/applications").json()["items"]] == ["Keyed"]


def test_tampered_revoked_and_expired_keys_are_401(app, base_url, user):
    key = make_key(user)["key"]
    tampered = key[:-1] + ("A" if key[-1] != "A" else "B")
    revoked, expired = make_key(user), make_key(user, expires_at=(utcnow() + timedelta(days=1)).isoformat())
    assert user.delete(f"{KEYS}/{revoked['id']}").status_code == 204
    with app_state(app).engine.begin() as connection:
        connection.execute(
            update(AccessToken)
            .where(AccessToken.id == uuid.UUID(expired["id"]))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    for bad in (tampered, revoked["key"], expired["key"], "srk_nothing", key.replace("srk_", "srx_")):
        with with_key(base_url, bad) as client:
            body = assert_problem(client.get("/api/v1/applications"), 401)
            assert "API key" in body["detail"]
    with with_key(base_url, key) as client:
        assert client.get("/api/v1/applications").status_code == 200
    assert revoked["id"] not in [k["id"] for k in user.get(KEYS).json()["items"]]
    assert_problem(user.get(f"{KEYS}/{revoked['id']}"), 404)


def test_a_password_change_signs_out_sessions_but_keeps_api_keys(base_url, user):
    key = make_key(user)["key"]
    other_session = new_client(base_url)
    token = other_session.post("/api/v1/auth/token", data={"username": user.email, "password": PASSWORD})
    other_session.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    assert other_session.get("/api/v1/me").status_code == 200
    r = user.patch("/api/v1/me", json={"password": "a much newer passphrase 42", "current_password": PASSWORD})
    assert r.status_code == 200, r.text
    assert_problem(other_session.get("/api/v1/me"), 401)
    with with_key(base_url, key) as client:
        assert client.get("/api/v1/me").status_code == 200
    other_session.close()


def test_a_key_cannot_make_or_revoke_keys_nor_sign_out(base_url, user):
    key = make_key(user, scopes=["read", "write"])
    with with_key(base_url, key["key"]) as client:
        assert client.get(KEYS).status_code == 200  # it may see them
        assert_problem(client.post(KEYS, json={"name": "escalate", "scopes": ["write"]}), 403)
        assert_problem(client.delete(f"{KEYS}/{key['id']}"), 403)
        assert_problem(client.post("/api/v1/auth/logout"), 403)
        # Even with the current password, a key cannot change how the account signs in.
        for change in ({"password": "violet quarry lantern drifts north"}, {"email": "taken-over@example.com"}):
            refused = client.patch("/api/v1/me", json={**change, "current_password": PASSWORD})
            assert "API key" in assert_problem(refused, 403)["detail"]
        assert client.get("/api/v1/me").status_code == 200  # still live
    assert user.client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD}).status_code == 200


def test_another_account_neither_sees_nor_revokes_my_keys(base_url, user, other_user):
    mine = make_key(user)
    assert other_user.get(KEYS).json()["items"] == []
    assert_problem(other_user.get(f"{KEYS}/{mine['id']}"), 404)
    assert_problem(other_user.delete(f"{KEYS}/{mine['id']}"), 404)
    with with_key(base_url, mine["key"]) as client:
        assert client.get("/api/v1/me").json()["id"] == user.id


def test_last_use_is_noted_for_reads_and_writes(base_url, user):
    reader, writer = make_key(user), make_key(user, scopes=["write"])
    with with_key(base_url, reader["key"]) as client:
        assert client.get("/api/v1/applications").status_code == 200
    with with_key(base_url, writer["key"]) as client:
        assert client.post("/api/v1/applications", json={"company": "U", "position": "V"}).status_code == 201
    deadline = time.monotonic() + 5  # a read's stamp is written just after its response
    while True:
        seen = {k["id"]: k["last_used_at"] for k in user.get(KEYS).json()["items"]}
        if seen[reader["id"]] and seen[writer["id"]]:
            break
        assert time.monotonic() < deadline, seen
        time.sleep(0.05)


def test_bad_key_requests_are_plain_422s_that_change_nothing(user):
    for body in (
        {"name": ""},
        {"name": "x", "scopes": ["admin"]},
        {"name": "x", "scopes": []},
        {"name": "x", "expires_at": (utcnow() - timedelta(days=1)).isoformat()},
        {"name": "x", "secret": "mine"},
    ):
        assert_problem(user.post(KEYS, json=body), 422)
    assert user.get(KEYS).json()["items"] == []

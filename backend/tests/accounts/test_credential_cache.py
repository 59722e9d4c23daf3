"""Signed-in reads remember the verified credential per process (accounts/credential_cache.py), and
every revocation or account change made through another process still takes effect at once."""

from collections.abc import Iterator

import pytest

from secondround.accounts.credential_cache import CredentialCache
from secondround.accounts.credentials import token_hash
from secondround.api.app_state import app_state
from secondround.main import create_app
from tests.support.accounts import register_user
from tests.support.serving import new_client, serve


@pytest.fixture
def other_process(settings) -> Iterator[tuple[str, object]]:
    """A second app on the same database, as a second server process would be (its own cache)."""
    app = create_app(settings)
    try:
        with serve(app) as url:
            yield url, app
    finally:
        app_state(app).database.dispose_sync()


def test_a_sign_out_elsewhere_ends_the_remembered_credential_at_once(base_url, app, other_process):
    other_url, _ = other_process
    user = register_user(base_url, "cache-logout")
    assert user.get("/api/v1/me").status_code == 200  # remembered here
    assert user.get("/api/v1/me").status_code == 200
    with new_client(other_url) as elsewhere:
        headers = {"Authorization": f"Bearer {user.token}"}
        assert elsewhere.post("/api/v1/auth/logout", headers=headers).status_code == 204
    answer = user.get("/api/v1/me")
    assert answer.status_code == 401, answer.text
    assert "revoked" in answer.json()["detail"]


def test_an_account_change_elsewhere_shows_at_once(base_url, app, other_process):
    other_url, _ = other_process
    user = register_user(base_url, "cache-change")
    before = user.get("/api/v1/me")
    assert before.status_code == 200
    with new_client(other_url) as elsewhere:
        headers = {"Authorization": f"Bearer {user.token}", "If-Match": before.headers["ETag"]}
        changed = elsewhere.patch("/api/v1/me", json={"display_name": "Renamed Elsewhere"}, headers=headers)
        assert changed.status_code == 200, changed.text
    after = user.get("/api/v1/me")
    assert after.json()["display_name"] == "Renamed Elsewhere"
    assert after.headers["ETag"] == changed.headers["ETag"] != before.headers["ETag"]


def test_reads_reuse_the_verified_credential_and_the_cache_is_bounded(base_url, app):
    cache = app_state(app).credentials
    user = register_user(base_url, "cache-reuse")
    assert user.get("/api/v1/me").status_code == 200
    remembered = cache.get(token_hash(user.token))
    assert remembered is not None
    assert user.get("/api/v1/applications").status_code == 200
    assert cache.get(token_hash(user.token)) is remembered  # the same rows, not loaded again

    small = CredentialCache(size=2)
    for key in ("a", "b", "c"):
        small.put(key, remembered)
    assert len(small) == 2 and small.get("a") is None and small.get("c") is remembered

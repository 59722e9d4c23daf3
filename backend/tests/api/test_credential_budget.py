"""Each bearer credential (a token from /auth/token, a personal API key) has a request budget per
minute (api/credential_budget.py): every answer says what is left in the RateLimit fields, and the
request past the budget is a 429 problem with Retry-After. With Redis, several API processes spend
one budget."""

import re
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager

import httpx
import pytest

from secondround.api.app_state import app_state
from secondround.config import Settings
from secondround.main import create_app
from tests.accounts.test_sign_in_protection import needs_redis, redis_url
from tests.support.accounts import register_user
from tests.support.assertions import assert_problem
from tests.support.serving import new_client, serve

BUDGET = 3
USAGE = re.compile(r'^"per-credential";r=(?P<r>\d+);t=(?P<t>\d+)$')


@contextmanager
def budgeted_server(settings: Settings, **extra: object) -> Iterator[str]:
    app = create_app(settings.model_copy(update={"rate_limit_per_minute": BUDGET, **extra}))
    try:
        with serve(app) as url:
            yield url
    finally:
        app_state(app).database.dispose_sync()


@pytest.fixture(scope="module")
def tight(settings) -> Iterator[str]:
    with budgeted_server(settings) as url:
        yield url


def bearer(base_url: str, token: str) -> httpx.Client:
    c = new_client(base_url)
    c.headers["Authorization"] = f"Bearer {token}"
    return c


def remaining(r: httpx.Response) -> int:
    assert r.headers["ratelimit-policy"] == f'"per-credential";q={BUDGET};w=60', r.headers
    match = USAGE.match(r.headers["ratelimit"])
    assert match, r.headers
    assert 0 <= int(match["t"]) <= 60
    return int(match["r"])


def test_a_token_spends_its_budget_then_gets_429(tight):
    user = register_user(tight, "budget")
    with closing(user.client), bearer(tight, user.token) as c:
        assert [remaining(c.get("/api/v1/me")) for _ in range(BUDGET)] == [2, 1, 0]
        refused = c.get("/api/v1/applications")
        problem = assert_problem(refused, 429)
        assert "its 3 requests of the last minute" in problem["detail"]
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert remaining(refused) == 0
        # Problems carry the fields too; another credential of the same account has its own budget.
        other = (
            new_client(tight)
            .post("/api/v1/auth/token", data={"username": user.email, "password": user.password})
            .json()["access_token"]
        )
        with bearer(tight, other) as second:
            assert_problem(second.get(f"/api/v1/applications/{uuid.uuid4()}"), 404)


def test_an_api_key_has_a_budget_of_its_own(tight):
    user = register_user(tight, "budget-key")
    with closing(user.client):
        key = user.post("/api/v1/api-keys", json={"name": "script", "scopes": ["read"]}).json()["key"]
        with bearer(tight, key) as c:
            assert [remaining(c.get("/api/v1/applications")) for _ in range(BUDGET)] == [2, 1, 0]
            assert_problem(c.get("/api/v1/applications"), 429)


def test_answers_without_a_credential_carry_no_budget(tight):
    with new_client(tight) as c:
        for r in (c.get("/api/v1/health"), c.get("/api/v1/me")):
            assert "ratelimit" not in r.headers and "ratelimit-policy" not in r.headers


def test_a_password_change_carries_the_sign_in_and_the_credential_fields(settings):
    with budgeted_server(settings, rate_limit_per_minute=100) as url:
        user = register_user(url, "both")
        with closing(user.client):
            r = user.patch("/api/v1/me", json={"current_password": "not it", "password": "a new long passphrase"})
            assert r.status_code in (401, 422), r.text
            names = {p.split(";")[0] for p in r.headers["ratelimit-policy"].split(", ")}
            assert names == {'"per-credential"', '"address-60s"', '"account-60s"'}  # the suite's sign-in limits
            assert r.headers["ratelimit"].count(";r=") == len(names)


@needs_redis
def test_two_processes_spend_one_budget_through_redis(settings):
    shared = {"redis_url": redis_url(), "redis_key_prefix": f"secondround-test-{uuid.uuid4().hex}"}
    with budgeted_server(settings, **shared) as a, budgeted_server(settings, **shared) as b:
        user = register_user(a, "shared-budget")
        with closing(user.client), bearer(a, user.token) as ca, bearer(b, user.token) as cb:
            assert [remaining(c.get("/api/v1/me")) for c in (ca, cb, ca)] == [2, 1, 0]
            assert_problem(cb.get("/api/v1/me"), 429)
            assert_problem(ca.get("/api/v1/me"), 429)

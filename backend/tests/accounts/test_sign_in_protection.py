"""Sign-in protection: attempts per address and per account are limited (429 with Retry-After and
the RateLimit header fields), in one process or shared through Redis, and a Redis outage never
breaks signing in."""

import os
import re
import socket
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import redis

from secondround.api.app_state import app_state
from secondround.config import Settings
from secondround.main import create_app
from tests.support.accounts import PASSWORD, unique_email
from tests.support.assertions import assert_problem
from tests.support.serving import new_client, serve

REGISTER, TOKEN, LOGIN = "/api/v1/auth/register", "/api/v1/auth/token", "/api/v1/auth/login"
POLICY = re.compile(r'^"(?P<name>[a-z]+-\d+s)";q=(?P<q>\d+);w=(?P<w>\d+)$')
USAGE = re.compile(r'^"(?P<name>[a-z]+-\d+s)";r=(?P<r>\d+);t=(?P<t>\d+)$')


def redis_url() -> str | None:
    """The local Redis (SECONDROUND_TEST_REDIS_URL, or 127.0.0.1:6379 when it answers)."""
    url = os.environ.get("SECONDROUND_TEST_REDIS_URL")
    try:
        redis.Redis.from_url(url or "redis://127.0.0.1:6379/0", socket_connect_timeout=1).ping()
    except redis.RedisError:
        if url:
            pytest.fail(f"SECONDROUND_TEST_REDIS_URL={url} does not answer")
        return None
    return url or "redis://127.0.0.1:6379/0"


needs_redis = pytest.mark.skipif(redis_url() is None, reason="no Redis on 127.0.0.1:6379")


@contextmanager
def strict_server(settings: Settings, **limits: str) -> Iterator[str]:
    """A second app on the test database, with tight sign-in limits of its own."""
    app = create_app(settings.model_copy(update=limits))
    try:
        with serve(app) as url:
            yield url
    finally:
        app_state(app).database.dispose_sync()


@pytest.fixture
def tight(settings) -> Iterator[str]:
    with strict_server(settings, auth_rate_limit="3/minute", auth_address_rate_limit="6/minute") as url:
        yield url


def from_address(base_url: str, address: str) -> httpx.Client:
    """A client that appears to come from `address`: the test server trusts X-Forwarded-For from
    loopback, as uvicorn does by default (FORWARDED_ALLOW_IPS=127.0.0.1)."""
    c = new_client(base_url)
    c.headers["X-Forwarded-For"] = address
    return c


def fields(response: httpx.Response) -> tuple[dict[str, dict], dict[str, dict]]:
    """(RateLimit-Policy, RateLimit) of a response, parsed, by policy name."""
    policies = [POLICY.match(p.strip()) for p in response.headers["RateLimit-Policy"].split(",")]
    usages = [USAGE.match(u.strip()) for u in response.headers["RateLimit"].split(",")]
    assert all(policies) and all(usages), response.headers
    return {m["name"]: m.groupdict() for m in policies}, {m["name"]: m.groupdict() for m in usages}


def register(base_url: str, email: str) -> None:
    with new_client(base_url) as c:
        assert c.post(REGISTER, json={"email": email, "password": PASSWORD}).status_code == 201


def wrong_password(c: httpx.Client, email: str) -> httpx.Response:
    return c.post(TOKEN, data={"username": email, "password": "not the password"})


def test_a_burst_of_wrong_passwords_on_one_account_gets_429(tight):
    email = unique_email("burst")
    register(tight, email)  # one attempt of the account's three
    with from_address(tight, "203.0.113.7") as attacker, from_address(tight, "198.51.100.9") as elsewhere:
        assert wrong_password(attacker, email).status_code == 401
        r = attacker.post(LOGIN, json={"email": email, "password": "not the password"})
        assert_problem(r, 401)
        policies, usages = fields(r)  # a refused password still shows what is left
        assert policies["account-60s"] == {"name": "account-60s", "q": "3", "w": "60"}
        assert usages["account-60s"]["r"] == "0" and usages["address-60s"]["r"] == "4"

        refused = wrong_password(attacker, email)
        problem = assert_problem(refused, 429)
        assert problem["type"] == "/problems/too-many-requests" and "this account" in problem["detail"]
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        assert fields(refused)[1]["account-60s"]["r"] == "0"
        # The limit is the account's, wherever the attempts come from; the right password waits too.
        assert_problem(elsewhere.post(TOKEN, data={"username": email.upper(), "password": PASSWORD}), 429)
        assert_problem(elsewhere.post(REGISTER, json={"email": email, "password": PASSWORD}), 429)
        # Another account from the same address is not held back.
        assert wrong_password(attacker, unique_email("bystander")).status_code == 401


def test_guessing_the_current_password_on_a_password_change_gets_429(tight):
    email = unique_email("stolen-session")
    register(tight, email)  # the account's attempts: 1
    with new_client(tight) as c:
        token = c.post(TOKEN, data={"username": email, "password": PASSWORD}).json()["access_token"]  # 2
        c.headers["Authorization"] = f"Bearer {token}"
        assert c.patch("/api/v1/me", json={"display_name": "Ana"}).status_code == 200  # not an attempt
        guess = {"password": "tinned purple ocelot dance", "current_password": "a guess"}
        assert_problem(c.patch("/api/v1/me", json=guess), 422)  # 3
        assert_problem(c.patch("/api/v1/me", json=guess), 429)
        assert_problem(c.patch("/api/v1/me", json=guess | {"current_password": PASSWORD}), 429)
        assert c.get("/api/v1/me").json()["display_name"] == "Ana"


def test_email_changes_count_against_the_sign_in_limits(tight):
    # Issue 15: probing which emails are registered through PATCH /me (409 against 200) is a
    # sign-in attempt like any other; before, 100 probes took 0.4 s with no limit.
    email = unique_email("prober")
    register(tight, email)  # the account's attempts: 1
    with new_client(tight) as c:
        token = c.post(TOKEN, data={"username": email, "password": PASSWORD}).json()["access_token"]  # 2
        c.headers["Authorization"] = f"Bearer {token}"
        probe = {"email": unique_email("someone"), "current_password": PASSWORD}
        r = c.patch("/api/v1/me", json=probe)  # 3
        assert r.status_code == 200 and "RateLimit" in r.headers, r.text
        # The new email does not start a fresh budget: the account itself is counted too.
        statuses = [
            c.patch("/api/v1/me", json={"email": unique_email("next"), "current_password": PASSWORD}).status_code
            for _ in range(4)
        ]
        assert 429 in statuses[:3], statuses
        assert_problem(c.patch("/api/v1/me", json={"email": unique_email("third")}), 429)


def test_many_accounts_from_one_address_get_429(tight):
    with from_address(tight, "192.0.2.44") as attacker, from_address(tight, "192.0.2.45") as neighbour:
        for _ in range(6):
            assert wrong_password(attacker, unique_email("spray")).status_code == 401
        problem = assert_problem(wrong_password(attacker, unique_email("spray")), 429)
        assert "your address" in problem["detail"]
        # Registration and the login form count against the same address budget; a malformed body too.
        assert_problem(attacker.post(REGISTER, json={"email": unique_email("spray"), "password": PASSWORD}), 429)
        assert_problem(attacker.post(LOGIN, content=b"{not json", headers={"Content-Type": "application/json"}), 400)
        assert_problem(attacker.post(LOGIN, json={}), 429)
        assert wrong_password(neighbour, unique_email("spray")).status_code == 401


def test_ipv6_clients_are_counted_by_their_64_prefix(tight):
    with from_address(tight, "2001:db8:1:2::1") as one, from_address(tight, "2001:db8:1:2:ffff::9") as same_64:
        for _ in range(3):
            assert wrong_password(one, unique_email("v6")).status_code == 401
            assert wrong_password(same_64, unique_email("v6")).status_code == 401
        assert_problem(wrong_password(one, unique_email("v6")), 429)
    with from_address(tight, "2001:db8:1:3::1") as other_64:
        assert wrong_password(other_64, unique_email("v6")).status_code == 401


def test_allowed_answers_carry_the_rate_limit_fields(client):
    email = unique_email("headers")
    for r in (
        client.post(REGISTER, json={"email": email, "password": PASSWORD}),
        client.post(TOKEN, data={"username": email, "password": PASSWORD}),
        client.post(LOGIN, json={"email": email, "password": PASSWORD}),
        client.post(LOGIN, json={"email": email, "password": "not the password"}),
    ):
        policies, usages = fields(r)
        assert set(policies) == set(usages) == {"address-60s", "account-60s"}, r.headers
        assert "Retry-After" not in r.headers
    # A body refused by validation was counted against the address only (no account was read).
    policies, usages = fields(client.post(REGISTER, json={"email": email, "password": "x"}))
    assert set(policies) == set(usages) == {"address-60s"}
    # Other routes do not carry them.
    assert "RateLimit" not in client.get("/api/v1/health").headers


def test_the_limit_setting_must_be_in_the_limits_notation():
    with pytest.raises(ValueError):
        Settings(auth_rate_limit="ten a minute")
    with pytest.raises(ValueError):
        Settings(auth_address_rate_limit="")
    assert Settings(auth_rate_limit="5/minute;20/hour").auth_rate_limit == "5/minute;20/hour"


@needs_redis
def test_two_processes_share_one_limit_through_redis(settings):
    shared = {
        "redis_url": redis_url(),
        "redis_key_prefix": f"secondround-test-{uuid.uuid4().hex}",
        "auth_rate_limit": "4/minute",
        "auth_address_rate_limit": "100/minute",
    }
    email = unique_email("shared")
    with strict_server(settings, **shared) as a, strict_server(settings, **shared) as b:
        with new_client(a) as ca, new_client(b) as cb:
            assert [wrong_password(c, email).status_code for c in (ca, cb, ca, cb)] == [401] * 4
            # Each server alone has seen two attempts, together four: the fifth is refused by both.
            assert_problem(wrong_password(ca, email), 429)
            assert_problem(wrong_password(cb, email), 429)
            assert wrong_password(cb, unique_email("shared-other")).status_code == 401


@contextmanager
def dead_redis() -> Iterator[str]:
    """A Redis URL on which nothing answers: a port that refuses connections."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    yield f"redis://127.0.0.1:{port}/0"


@contextmanager
def hung_redis() -> Iterator[str]:
    """A Redis URL whose server accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    try:
        yield f"redis://127.0.0.1:{sock.getsockname()[1]}/0"
    finally:
        sock.close()


@pytest.mark.parametrize("outage", [dead_redis, hung_redis])
def test_an_unreachable_redis_falls_back_to_limits_in_the_process(settings, outage):
    with outage() as url, strict_server(settings, redis_url=url, auth_rate_limit="3/minute") as base_url:
        email = unique_email("outage")
        with new_client(base_url) as c:
            started = time.monotonic()
            assert c.post(REGISTER, json={"email": email, "password": PASSWORD}).status_code == 201
            assert c.post(TOKEN, data={"username": email, "password": PASSWORD}).status_code == 200
            assert wrong_password(c, email).status_code == 401
            assert_problem(wrong_password(c, email), 429)  # still limited, by this process alone
            assert time.monotonic() - started < 10

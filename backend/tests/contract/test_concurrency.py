"""Concurrent writers: numbering stays gap-free and unique, and nobody gets a 500 or a lock error.

SQLite writers take the write lock up front (BEGIN IMMEDIATE) and queue on the busy timeout;
PostgreSQL writers lock the parent row. Either way, parallel requests must all succeed (an
account past its limit of requests at once is told to come back, and does).
"""

import asyncio
import random
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.support.accounts import PASSWORD, unique_email
from tests.support.builders import create_application, create_round
from tests.support.event_loop import run_async
from tests.support.serving import new_client

# Bounds in seconds: run alone, after the parallel workers (make test), not beside a browser.
pytestmark = pytest.mark.serial

WRITERS = 12


def _in_parallel(base_url: str, token: str, calls: list[tuple[str, str, dict]]) -> list:
    def send(call: tuple[str, str, dict]):
        method, url, body = call
        with new_client(base_url) as c:
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            for _ in range(30):  # past the account's limit of requests at once: 429, wait as told, again
                r = c.request(method, url, json=body, headers=headers)
                if r.status_code not in (429, 503):
                    return r
                time.sleep(float(r.headers["retry-after"]) * random.uniform(0.5, 1.0))
            return r

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(send, calls))


def test_parallel_rounds_get_distinct_consecutive_sequences(base_url, user):
    application = create_application(user)
    url = f"/api/v1/applications/{application['id']}/rounds"
    responses = _in_parallel(base_url, user.token, [("POST", url, {"kind": "other"})] * WRITERS)
    assert [r.status_code for r in responses] == [201] * WRITERS, [r.text for r in responses if r.status_code != 201]
    assert sorted(r.json()["sequence"] for r in responses) == list(range(1, WRITERS + 1))


def test_parallel_interviewers_get_distinct_places_and_reads_go_on(base_url, user):
    round_ = create_round(user, create_application(user)["id"])
    url = f"/api/v1/rounds/{round_['id']}/interviewers"
    calls = [("POST", url, {"name": f"Person {i}"}) for i in range(WRITERS)]
    calls += [("GET", f"/api/v1/rounds/{round_['id']}", None)] * 4  # readers among the writers
    responses = _in_parallel(base_url, user.token, calls)
    writes, reads = responses[:WRITERS], responses[WRITERS:]
    assert all(r.status_code == 201 for r in writes), [r.text for r in writes if r.status_code != 201]
    assert all(r.status_code == 200 for r in reads)
    assert sorted(r.json()["order"] for r in writes) == list(range(WRITERS))


def test_parallel_registrations_of_one_email_give_one_account_and_409s(base_url):
    email = unique_email("race")
    calls = [("POST", "/api/v1/auth/register", {"email": email, "password": PASSWORD})] * 6
    statuses = sorted(r.status_code for r in _in_parallel(base_url, "", calls))
    assert statuses == [201] + [409] * 5, statuses


# One account cannot take the server: its excess requests are refused at once (429), the server's
# line is bounded (503), both with Retry-After, and another account keeps being served.

FLOOD = 100


def _assert_refused_politely(responses) -> None:
    for r in responses:
        assert r.status_code in (200, 201, 429, 503), (r.status_code, r.text)
        if r.status_code in (429, 503):
            assert r.headers["content-type"].startswith("application/problem+json")
            assert 1 <= int(r.headers["retry-after"]) <= 5
            assert r.json()["type"] in ("/problems/too-many-requests", "/problems/service-unavailable")


def test_one_account_flood_does_not_stall_another_account(base_url, make_user):
    flooder, bystander = make_user("flooder"), make_user("bystander")
    # Each token names its account once; until then it counts with its address (issue 15: random
    # tokens must not each get a limit of their own), where the flooder's burst would crowd it.
    assert flooder.get("/api/v1/me").status_code == 200 and bystander.get("/api/v1/me").status_code == 200

    async def scenario():
        limits = httpx.Limits(max_connections=FLOOD + 10)
        async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as c:
            flood_headers = {"Authorization": f"Bearer {flooder.token}"}
            flood = [
                asyncio.ensure_future(c.get("/api/v1/questions", headers=flood_headers, params={"limit": 200}))
                for _ in range(FLOOD)
            ]
            await asyncio.sleep(0.05)  # the flood is in flight
            timings, answers = [], []
            for _ in range(10):
                started = time.monotonic()
                r = await c.get("/api/v1/me", headers={"Authorization": f"Bearer {bystander.token}"})
                timings.append(time.monotonic() - started)
                answers.append(r)
            return await asyncio.gather(*flood), answers, timings

    flood, answers, timings = run_async(scenario())
    assert [r.status_code for r in answers] == [200] * 10, [r.text for r in answers]
    # Before the admission limits the bystander waited up to a minute; now it waits for CPU only
    # (the bound leaves room for a machine shared with other test runs).
    assert max(timings) < 5 and sorted(timings)[len(timings) // 2] < 1, timings
    _assert_refused_politely(flood)
    assert any(r.status_code == 200 for r in flood)
    assert any(r.status_code == 429 for r in flood)


def _create_all_honouring_retry_after(base_url: str, token: str, url: str, bodies: list[dict]) -> list:
    """Send every body at once; a request refused with Retry-After is sent again after that wait."""

    async def send(c: httpx.AsyncClient, body: dict) -> list:
        answers = []
        for _ in range(30):
            r = await c.post(url, json=body, headers={"Authorization": f"Bearer {token}"})
            answers.append(r)
            if r.status_code not in (429, 503):
                break
            await asyncio.sleep(float(r.headers["retry-after"]) * random.uniform(0.5, 1.0))
        return answers

    async def scenario():
        async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=httpx.Limits(max_connections=60)) as c:
            return await asyncio.gather(*(send(c, body) for body in bodies))

    return run_async(scenario())


def test_fifty_parallel_rounds_in_one_application_all_land_without_a_500(base_url, user):
    application = create_application(user)
    url = f"/api/v1/applications/{application['id']}/rounds"
    attempts = _create_all_honouring_retry_after(base_url, user.token, url, [{"kind": "other"}] * 50)
    _assert_refused_politely([r for tries in attempts for r in tries])
    created = [tries[-1] for tries in attempts]
    assert [r.status_code for r in created] == [201] * 50
    assert sorted(r.json()["sequence"] for r in created) == list(range(1, 51))


def test_fifty_parallel_interviewers_in_one_round_all_land_without_a_500(base_url, user):
    round_ = create_round(user, create_application(user)["id"])
    url = f"/api/v1/rounds/{round_['id']}/interviewers"
    attempts = _create_all_honouring_retry_after(base_url, user.token, url, [{"name": f"P{i}"} for i in range(50)])
    _assert_refused_politely([r for tries in attempts for r in tries])
    created = [tries[-1] for tries in attempts]
    assert [r.status_code for r in created] == [201] * 50
    assert sorted(r.json()["order"] for r in created) == list(range(50))

"""A database that is down, frozen or locked gives 503 problems with Retry-After within seconds,
readiness answers within 2 s, and the app recovers by itself once the database is back.

PostgreSQL runs privately (tests/support/pg_cluster.py) and the app as the real server in a subprocess, so
stopping and freezing the database touches nobody else."""

import os
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing

import httpx
import psycopg
import pytest
from sqlalchemy import create_engine, text

from secondround.api.app_state import app_state
from secondround.db.migrations import upgrade
from tests.support.accounts import PASSWORD, unique_email
from tests.support.assertions import assert_problem
from tests.support.pg_cluster import postgres_bin_dir, private_postgres
from tests.support.servers import running_server

# Bounds in seconds: run alone, after the parallel workers (make test), not beside a browser.
pytestmark = pytest.mark.serial


def _why_not_here() -> str | None:
    """They start their own PostgreSQL, whatever engine the run is on: so they run once, in the SQLite pass."""
    if postgres_bin_dir() is None:
        return "PostgreSQL server binaries are not installed"
    if os.environ.get("SECONDROUND_TEST_DATABASE", "sqlite") != "sqlite":
        return "run once per `make test`, in the SQLite pass"
    return None


private_postgres_test = pytest.mark.skipif(_why_not_here() is not None, reason=_why_not_here() or "")


@pytest.fixture(scope="module")
def pg_server(tmp_path_factory):
    """A private PostgreSQL with a migrated database, and the app served against it."""
    with private_postgres() as cluster:
        url = cluster.create_database(f"sr_outage_{uuid.uuid4().hex[:8]}")
        upgrade(url)
        log = tmp_path_factory.mktemp("outage") / "server.log"
        with running_server(url, log) as server:
            yield cluster, server


def _signed_in(base_url: str) -> httpx.Client:
    client = httpx.Client(base_url=base_url, timeout=30)
    email = unique_email("outage")
    assert client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD}).status_code == 201
    token = client.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD}).json()["access_token"]
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def _timed(client: httpx.Client, method: str, url: str, **kw) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = client.request(method, url, **kw)
    return response, time.monotonic() - started


def _assert_unavailable(response: httpx.Response) -> None:
    body = assert_problem(response, 503)
    assert body["type"] == "/problems/service-unavailable"
    assert 1 <= int(response.headers["retry-after"]) <= 5


def _wait_until_served(client: httpx.Client, within: float) -> None:
    deadline = time.monotonic() + within
    while True:
        r = client.get("/api/v1/me")
        if r.status_code == 200:
            return
        _assert_unavailable(r)
        assert time.monotonic() < deadline, "the app did not recover"
        time.sleep(float(r.headers["retry-after"]) / 2)


@private_postgres_test
def test_stopped_postgres_gives_fast_503s_and_the_app_recovers_without_a_restart(pg_server):
    cluster, server = pg_server
    with closing(_signed_in(server.base_url)) as client:
        assert client.get("/api/v1/me").status_code == 200
        cluster.stop()
        try:
            calls = [
                ("GET", "/api/v1/me", {}),
                ("POST", "/api/v1/applications", {"json": {"company": "Down Co", "position": "x"}}),
                ("POST", "/api/v1/auth/token", {"data": {"username": "a@example.com", "password": PASSWORD}}),
                ("GET", "/api/v1/health/ready", {}),
            ]
            for method, url, kw in calls:
                response, seconds = _timed(client, method, url, **kw)
                _assert_unavailable(response)
                assert seconds < 3, (url, seconds)
        finally:
            cluster.start()
        _wait_until_served(client, within=15)
        assert client.post("/api/v1/applications", json={"company": "Back Co", "position": "x"}).status_code == 201
        assert client.get("/api/v1/health/ready").status_code == 200


@private_postgres_test
def test_frozen_postgres_gives_503s_within_seconds_and_saves_nothing_it_refused(pg_server):
    cluster, server = pg_server
    with (
        closing(_signed_in(server.base_url)) as client,
        httpx.Client(base_url=server.base_url, timeout=30) as anonymous,
    ):
        assert client.get("/api/v1/me").status_code == 200
        company = f"Frozen {uuid.uuid4().hex[:6]}"
        cluster.freeze()
        try:
            with ThreadPoolExecutor(max_workers=4) as pool:
                write = pool.submit(
                    _timed, client, "POST", "/api/v1/applications", json={"company": company, "position": "x"}
                )
                read = pool.submit(_timed, client, "GET", "/api/v1/me")
                time.sleep(0.5)
                readiness = [_timed(anonymous, "GET", "/api/v1/health/ready") for _ in range(3)]
                answers = [write.result(), read.result()]
            for response, seconds in readiness:
                _assert_unavailable(response)
                assert seconds < 2, seconds
            for response, seconds in answers:
                _assert_unavailable(response)
                assert seconds < 6, seconds
            # Once the database is known to be down, requests are refused at once.
            response, seconds = _timed(client, "GET", "/api/v1/applications")
            _assert_unavailable(response)
            assert seconds < 6, seconds
        finally:
            cluster.thaw()
        _wait_until_served(client, within=20)
        # The refused write's thread finishes after the thaw; it must roll back, not commit.
        _wait_until_every_transaction_ended(cluster, within=20)
        listed = client.get("/api/v1/applications", params={"limit": 200}).json()["items"]
        assert company not in [a["company"] for a in listed]


def _wait_until_every_transaction_ended(cluster, within: float, settled: float = 0.5) -> None:
    """Until no connection of the app has a transaction open (each committed or rolled back), and
    none has for `settled` seconds in a row."""
    deadline = time.monotonic() + within
    quiet_since = None
    with psycopg.connect(cluster.url.replace("+psycopg", ""), autocommit=True) as admin:
        while True:
            row = admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
                "AND pid <> pg_backend_pid() AND (state <> 'idle' OR xact_start IS NOT NULL)"
            ).fetchone()
            busy = row[0] if row else 0
            now = time.monotonic()
            if busy:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = now
            elif now - quiet_since >= settled:
                return
            assert now < deadline, f"{busy} connection(s) still in a transaction after {within} s"
            time.sleep(0.05)


def test_locked_sqlite_gives_a_503_not_a_500(database, base_url, user):
    if database.kind != "sqlite":
        pytest.skip("SQLite's write lock")
    engine = create_engine(database.url)
    locked, release = threading.Event(), threading.Event()

    def hold_the_write_lock() -> None:
        with engine.connect() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            locked.set()
            release.wait(30)
            connection.exec_driver_sql("ROLLBACK")

    holder = threading.Thread(target=hold_the_write_lock)
    holder.start()
    try:
        assert locked.wait(10)
        response, seconds = _timed(user.client, "POST", "/api/v1/applications", json={"company": "L", "position": "x"})
        _assert_unavailable(response)
        assert seconds < 10, seconds
        assert user.get("/api/v1/me").status_code == 200  # readers go on meanwhile
    finally:
        release.set()
        holder.join(10)
        engine.dispose()
    assert user.post("/api/v1/applications", json={"company": "L", "position": "x"}).status_code == 201
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_a_row_locked_elsewhere_gives_a_503_after_the_lock_timeout(database, app, user):
    if database.kind != "postgres":
        pytest.skip("PostgreSQL's lock_timeout")
    with app_state(app).engine.connect() as connection:
        assert connection.execute(text("SHOW statement_timeout")).scalar() == "10s"
        assert connection.execute(text("SHOW lock_timeout")).scalar() == "5s"
    created = user.post("/api/v1/applications", json={"company": "Locked", "position": "x"}).json()
    engine = create_engine(database.url)
    try:
        with engine.connect() as holder:
            holder.execute(text("SELECT id FROM applications WHERE id = :id FOR UPDATE"), {"id": created["id"]})
            response, seconds = _timed(user.client, "PATCH", f"/api/v1/applications/{created['id']}",
                                       json={"company": "Changed"})  # fmt: skip
            _assert_unavailable(response)
            assert seconds < 10, seconds
            holder.rollback()
    finally:
        engine.dispose()
    assert user.get(f"/api/v1/applications/{created['id']}").json()["company"] == "Locked"

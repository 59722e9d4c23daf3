"""Faults across processes, on the compose stack's commands (tests/support/deploy.py): a replica
killed under write load, PostgreSQL restarted under load, Redis gone, a webhook receiver down for a
while. PostgreSQL and Redis are private to these tests (tests/support/pg_cluster.py, a redis-server
on a free port), so stopping them touches nobody else. Each prints what the client saw."""

import os
import shutil
import signal
import subprocess
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx
import psycopg
import pytest
import redis
from sqlalchemy import make_url

from tests.support.accounts import PASSWORD, unique_email
from tests.support.deploy import NGINX_MISSING, Stack, nginx_binary, running_stack, stack_env
from tests.support.pg_cluster import postgres_bin_dir, private_postgres
from tests.support.webhook_receiver import new_receiver, serving


def _why_not_here() -> str | None:
    if nginx_binary() is None:
        return NGINX_MISSING
    if postgres_bin_dir() is None:
        return "PostgreSQL server binaries are not installed (.ci/run installs them)"
    if os.environ.get("SECONDROUND_TEST_DATABASE", "sqlite") != "sqlite":
        return "they start their own PostgreSQL: run once per `make test`, in the SQLite pass"
    return None


# Bounds in seconds: run alone, after the parallel workers (make test).
pytestmark = [pytest.mark.serial, pytest.mark.skipif(_why_not_here() is not None, reason=_why_not_here() or "")]


@pytest.fixture(scope="module")
def cluster():
    with private_postgres() as pg:
        yield pg


def _fresh_database(cluster) -> str:
    return cluster.create_database(f"sr_fault_{uuid.uuid4().hex[:8]}")


def _signed_in(client: httpx.Client) -> httpx.Client:
    email = unique_email("fault")
    assert client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD}).status_code == 201
    token = client.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD})
    assert token.status_code == 200, token.text
    client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    return client


def _companies_in(database_url: str) -> set[str]:
    dsn = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as connection:
        return {row[0] for row in connection.execute("SELECT company FROM applications")}


@dataclass
class Outcome:
    at: float
    company: str
    status: int | str  # the HTTP status, or the transport error's name
    retry_after: str | None = None


@dataclass
class WriteLoad:
    """Threads, each signed in as its own account, creating applications through the proxy until told
    to stop; every answer recorded."""

    stack: Stack
    threads: int = 4
    outcomes: list[Outcome] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _run(self, n: int) -> None:
        with self.stack.nginx.client() as client:
            _signed_in(client)
            i = 0
            while not self.stop.is_set():
                i += 1
                company = f"Load {n}-{i} {uuid.uuid4().hex[:6]}"
                try:
                    r = client.post("/api/v1/applications", json={"company": company, "position": "Engineer"})
                    outcome = Outcome(time.monotonic(), company, r.status_code, r.headers.get("retry-after"))
                except httpx.HTTPError as error:
                    outcome = Outcome(time.monotonic(), company, type(error).__name__)
                with self.lock:
                    self.outcomes.append(outcome)
                if outcome.retry_after:
                    time.sleep(min(float(outcome.retry_after), 1) / 2)

    @contextmanager
    def running(self) -> Iterator["WriteLoad"]:
        workers = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(self.threads)]
        for worker in workers:
            worker.start()
        try:
            yield self
        finally:
            self.stop.set()
            for worker in workers:
                worker.join(timeout=60)

    def between(self, start: float, end: float = float("inf")) -> list[Outcome]:
        with self.lock:
            return [o for o in self.outcomes if start <= o.at < end]

    def acknowledged(self) -> set[str]:
        with self.lock:
            return {o.company for o in self.outcomes if isinstance(o.status, int) and 200 <= o.status < 300}

    def wait_for(self, count: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while len(self.acknowledged()) < count:
            assert time.monotonic() < deadline, f"the load got {len(self.acknowledged())} writes through"
            time.sleep(0.05)


def _tally(outcomes: list[Outcome]) -> str:
    return ", ".join(f"{status}: {n}" for status, n in sorted(Counter(str(o.status) for o in outcomes).items()))


def test_a_replica_killed_under_write_load_loses_no_acknowledged_write(cluster, tmp_path):
    url = _fresh_database(cluster)
    settings = stack_env(url, None, SECONDROUND_RATE_LIMIT_PER_MINUTE="100000")
    with running_stack(tmp_path, settings, worker=False) as stack, WriteLoad(stack).running() as load:
        load.wait_for(40)
        killed_at = time.monotonic()
        stack.apis[0].kill()  # SIGKILL, mid-request
        time.sleep(4)
        load.wait_for(len(load.acknowledged()) + 40)
        load.stop.set()
        before, after = load.between(0, killed_at), load.between(killed_at)
        failures = [o for o in after if not (isinstance(o.status, int) and 200 <= o.status < 300)]
        last = [o for o in after if o.at > killed_at + 2]
        assert stack.apis[1].process.poll() is None
    stored = _companies_in(url)
    lost = load.acknowledged() - stored
    failed_but_stored = sum(1 for o in failures if o.company in stored)
    print(
        f"\nkill -9 of one of two replicas under {load.threads} writers: "
        f"before {len(before)} writes ({_tally(before)}); "
        f"after {len(after)} ({_tally(after)}); failures seen by the client {len(failures)} "
        f"(of which saved anyway: {failed_but_stored}); acknowledged {len(load.acknowledged())}, "
        f"missing from the database {len(lost)}"
    )
    assert not lost, f"acknowledged writes missing after the kill: {sorted(lost)[:5]}"
    assert all(o.status == 201 for o in before), _tally(before)
    # Only the requests in flight on the killed replica fail: one per writer at most, and a margin.
    assert len(failures) <= 2 * load.threads, _tally(after)
    assert last and all(o.status == 201 for o in last), _tally(last)  # the other replica serves on


def test_postgres_restarted_under_load_gives_503s_then_recovers_without_restarting_the_api(cluster, tmp_path):
    url = _fresh_database(cluster)
    settings = stack_env(url, None, SECONDROUND_RATE_LIMIT_PER_MINUTE="100000")
    with running_stack(tmp_path, settings, worker=False) as stack, WriteLoad(stack, threads=3).running() as load:
        pids = [api.process.pid for api in stack.apis]
        load.wait_for(20)
        stopped_at = time.monotonic()
        cluster.stop()
        time.sleep(3)
        down = load.between(stopped_at + 0.5)
        with stack.nginx.client() as probe:
            ready = probe.get("/api/v1/health/ready")
        cluster.start()
        started_at = time.monotonic()
        # Recovery by itself: every replica serves again, directly and through the proxy.
        deadline = started_at + 20
        while True:
            answers = [httpx.get(f"{api.base_url}/api/v1/health/ready", timeout=5).status_code for api in stack.apis]
            if answers == [200, 200]:
                break
            assert time.monotonic() < deadline, f"the replicas did not recover: {answers}"
            time.sleep(0.2)
        recovered_at = time.monotonic()
        load.wait_for(len(load.acknowledged()) + 20)
        load.stop.set()
        assert [api.process.pid for api in stack.apis] == pids and all(a.process.poll() is None for a in stack.apis)
    stored = _companies_in(url)
    lost = load.acknowledged() - stored
    print(
        f"\nPostgreSQL stopped {started_at - stopped_at:.1f} s under {load.threads} writers: while down "
        f"{len(down)} answers ({_tally(down)}); readiness {ready.status_code}; both replicas ready "
        f"{recovered_at - started_at:.1f} s after the restart; acknowledged {len(load.acknowledged())}, "
        f"missing {len(lost)}"
    )
    assert ready.status_code == 503
    assert down, "no request was answered while the database was down"
    for outcome in down:
        assert outcome.status == 503 and outcome.retry_after is not None, _tally(down)
    assert not lost


@contextmanager
def private_redis() -> Iterator[tuple[str, subprocess.Popen]]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    with __import__("socket").socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
                break
            except redis.RedisError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)
        yield url, process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def test_with_redis_gone_sign_in_limits_fall_back_to_each_process_and_nothing_else_breaks(cluster, tmp_path):
    url = _fresh_database(cluster)
    with private_redis() as (redis_url, redis_process):
        settings = stack_env(url, redis_url, SECONDROUND_AUTH_RATE_LIMIT="3/minute")
        with running_stack(tmp_path, settings, worker=False) as stack, stack.nginx.client() as client:
            shared_email = unique_email("shared")
            shared = [
                client.post("/api/v1/auth/token", data={"username": shared_email, "password": "wrong " * 3}).status_code
                for _ in range(5)
            ]
            assert shared == [401, 401, 401, 429, 429], shared  # one limit for both replicas, in Redis
            redis_process.send_signal(signal.SIGKILL)
            redis_process.wait(timeout=10)
            started = time.monotonic()
            _signed_in(client)  # registering and signing in still work
            assert client.get("/api/v1/me").status_code == 200
            created = client.post("/api/v1/applications", json={"company": "No Redis Co", "position": "x"})
            assert created.status_code == 201, created.text
            assert client.get("/api/v1/health/ready").status_code == 200
            seconds = time.monotonic() - started
            email = unique_email("fallback")
            fallback = [
                client.post("/api/v1/auth/token", data={"username": email, "password": "wrong " * 3}).status_code
                for _ in range(8)
            ]
            outage = time.monotonic() - started
            per_process = [
                api.log_text().count("rate-limit store unreachable, counting in this process for now")
                for api in stack.apis
            ]
    passed = fallback.index(429) if 429 in fallback else len(fallback)
    warnings = sum(per_process)
    print(
        f"\nRedis killed: sign-in, a read and a write through the proxy took {seconds:.1f} s; wrong passwords for one "
        f"account: {fallback} ({passed} refused with 401 before the first 429, limit 3 per process); "
        f"{warnings} warnings logged by the two replicas in {outage:.1f} s "
        f"(each process's two limiters, sign-in and credential budgets, warn once per 5 s window)"
    )
    assert set(fallback) <= {401, 429}, fallback
    assert 3 <= passed <= 6, fallback  # each of the two replicas counts 3 on its own
    assert fallback[-1] == 429
    # A warning per limiter (sign-in, credential budgets) per 5 s window of the outage, not per request.
    assert warnings >= 1 and all(n <= 2 * (int(outage / 5) + 2) for n in per_process), (per_process, outage)


def test_a_webhook_receiver_down_for_a_while_gets_every_event_once_after(cluster, tmp_path):
    url = _fresh_database(cluster)
    settings = stack_env(
        url,
        None,
        SECONDROUND_WEBHOOK_ALLOW_PRIVATE="true",
        SECONDROUND_WEBHOOK_RETRY_SCHEDULE="1,1,1,1,1,1,1,1,1,1,1,1",
        SECONDROUND_WEBHOOK_POLL_SECONDS="0.2",
    )
    receiver = new_receiver()  # its port is chosen; nothing listens there yet
    with running_stack(tmp_path, settings, replicas=2) as stack, stack.nginx.client() as client:
        _signed_in(client)
        hook = client.post("/api/v1/webhooks", json={"url": receiver.url})
        assert hook.status_code == 201, hook.text
        receiver.secret = hook.json()["secret"]
        started = time.monotonic()
        application = client.post("/api/v1/applications", json={"company": "Outage Co", "position": "Engineer"}).json()
        round_ = client.post(f"/api/v1/applications/{application['id']}/rounds", json={"kind": "second"}).json()
        client.patch(f"/api/v1/rounds/{round_['id']}", json={"outcome": "next_round"}).raise_for_status()
        for n in range(3):
            client.post("/api/v1/applications", json={"company": f"Outage {n}", "position": "x"}).raise_for_status()
        deliveries = f"/api/v1/webhooks/{hook.json()['id']}/deliveries"
        time.sleep(max(0.0, 5 - (time.monotonic() - started)))
        refused = [a for a in client.get(deliveries, params={"limit": 200}).json()["items"] if not a["succeeded"]]
        with serving(receiver):
            up_at = time.monotonic()
            deadline = up_at + 30
            while True:
                items = client.get(deliveries, params={"limit": 200}).json()["items"]
                events = {a["event_id"] for a in items}
                if len(events) >= 6 and events == {a["event_id"] for a in items if a["succeeded"]}:
                    break
                assert time.monotonic() < deadline, f"not every event arrived: {len(events)} events"
                time.sleep(0.2)
            all_in = time.monotonic() - up_at
            time.sleep(3)  # a repeat after success would come within the 1 s retry schedule
            received = list(receiver.received)
    ids = [r.headers["webhook-id"] for r in received]
    repeats = {i: n for i, n in Counter(ids).items() if n > 1}
    print(
        f"\nwebhook receiver down 5 s: {len(refused)} attempts refused while down; after it came up every one of "
        f"{len(events)} events arrived within {all_in:.1f} s; received {len(received)}, distinct {len(set(ids))}, "
        f"verified {sum(r.verified for r in received)}"
    )
    assert refused, "nothing was tried while the receiver was down"
    assert set(ids) == events
    assert not repeats, f"events delivered more than once: {repeats}"
    assert all(r.verified and r.status == 200 for r in received)

"""Load benchmark: the server as it runs in production, driven by wrk on loopback.

One run measures, side by side, the real list, plan and write endpoints and three ceilings that
return the same 50 applications (bench/ceilings.py): a bare ASGI app and in-memory FastAPI
endpoints, async and sync, each served the same way. Shared machines are noisy, so what counts
are the ratios between rows measured together, not the absolute rates.

The maximum rate comes from wrk (closed loop, a few connections); the latency at 70% of that rate
from bench/paced.py, a constant-rate client, because Debian's wrk has no constant-rate mode.
"""

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.paced import PacedResult, paced, raw_request
from bench.seeding import seed_question_bank
from secondround.config import REPO_ROOT
from secondround.db.migrations import upgrade

WRK_MISSING = (
    "The load benchmark needs wrk, which is not installed. It is Debian's package `wrk`:\n"
    "    sudo apt-get install -y wrk\n"
    "then run `make bench` again."
)
ROUNDS = 5
SLICE_SECONDS = int(os.environ.get("SECONDROUND_BENCH_SLICE_SECONDS", "2"))
PACED_SECONDS = 5
CONNECTIONS = int(os.environ.get("SECONDROUND_BENCH_CONNECTIONS", "8"))
HOST = "127.0.0.1"
APPLICATIONS = 60  # more than one page, so the list also signs a next cursor
PLAN_INTERVIEWERS = ("Supervisor", "Owner / executive", "Co-worker")
PLAN_QUESTIONS = 500
PACED_SHARE = 0.7
# Signed-in requests rotate over several accounts, as a crowd of users would: the server admits only a
# few requests at once per account (SECONDROUND_MAX_REQUESTS_PER_ACCOUNT), which 8 connections of one
# account would exceed.
ACCOUNTS = 4
LUA = Path(__file__).with_name("wrk_report.lua")

# Targets (issue 6): rates as a share of a ceiling measured in the same run.
LIST_TARGET = 0.40  # of the in-memory async FastAPI list
PLAN_TARGET = 0.04  # of the bare ASGI endpoint
P99_TARGET_MS = 50.0


@dataclass(frozen=True)
class Measured:
    rate: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors, timeouts and non-2xx answers
    low: float = 0.0  # slowest and fastest slice
    high: float = 0.0
    cpu_us: float = 0.0  # server CPU time (user + system) per request
    requests: int = 0


@dataclass(frozen=True)
class Target:
    """What wrk (and the paced client) send: one method and body, (path, bearer token) pairs in rotation."""

    name: str
    requests: list[tuple[str, str | None]]
    method: str = "GET"
    body: str | None = None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def server_command(app: str, port: int) -> list[str]:
    """The API as production serves it (`python -m secondround.server`, one process, default logging);
    a ceiling (bench/ceilings.py) through the same server code."""
    if app == "api":
        return [sys.executable, "-m", "secondround.server", "--host", HOST, "--port", str(port)]
    return [sys.executable, "-m", "bench.ceilings", app, str(port)]


SERVER_PIDS: dict[int, int] = {}  # port -> pid of the server process listening there


def cpu_seconds(port: int) -> float:
    """CPU time the server on `port` has used so far (all its threads, user and system)."""
    fields = Path(f"/proc/{SERVER_PIDS[port]}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def serving(
    app: str, env: dict[str, str], ready_path: str, log: Path, command: Callable[[int], list[str]] | None = None
) -> Iterator[int]:
    """Serve `app` (or run `command(port)`) and yield its port once `ready_path` answers 200."""
    port = _free_port()
    with log.open("ab") as out:
        process = subprocess.Popen(
            (command or (lambda port: server_command(app, port)))(port), env=env, cwd=REPO_ROOT / "backend", stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://{HOST}:{port}{ready_path}", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"{app} did not start; see {log}")
            time.sleep(0.1)
        SERVER_PIDS[port] = process.pid
        yield port
    finally:
        SERVER_PIDS.pop(port, None)
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wrk(port: int, target: Target, seconds: float) -> Measured:
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds:g}s", "--timeout", "5s", "-s", str(LUA)]
    first_path = target.requests[0][0]
    rotation = ",".join(f"{path}|{token or '-'}" for path, token in target.requests)
    command += [f"http://{HOST}:{port}{first_path}", "--", target.method, target.body or "-", rotation]
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    found = re.search(r"^WRK_SUMMARY (\{.*\})$", out, re.MULTILINE)
    if found is None:
        raise RuntimeError(f"wrk printed no summary:\n{out}")
    s = json.loads(found.group(1))
    return Measured(
        rate=s["requests"] / (s["duration_us"] / 1e6),
        p50_ms=s["p50_us"] / 1000,
        p99_ms=s["p99_us"] / 1000,
        errors=s["socket_errors"] + s["timeouts"] + s["non2xx"],
        requests=s["requests"],
    )


def interleaved(rows: list[tuple[int, Target]]) -> list[Measured]:
    """Measure every row in turns (ROUNDS slices each), so a burst of load from elsewhere on the machine
    hits all rows alike; report the median slice of each row, with the range of its rates."""
    for port, target in rows:
        wrk(port, target, 1)  # warm up: imports, caches, connection pool
    slices: list[list[Measured]] = [[] for _ in rows]
    cpu: list[list[float]] = [[] for _ in rows]
    for _ in range(ROUNDS):
        for i, (port, target) in enumerate(rows):
            before = cpu_seconds(port)
            measured = wrk(port, target, SLICE_SECONDS)
            slices[i].append(measured)
            cpu[i].append((cpu_seconds(port) - before) / max(measured.requests, 1) * 1e6)
    return [
        Measured(
            rate=statistics.median(m.rate for m in ms),
            p50_ms=statistics.median(m.p50_ms for m in ms),
            p99_ms=statistics.median(m.p99_ms for m in ms),
            errors=sum(m.errors for m in ms),
            low=min(m.rate for m in ms),
            high=max(m.rate for m in ms),
            cpu_us=statistics.median(us),
        )
        for ms, us in zip(slices, cpu, strict=True)
    ]


def at_share_of_max(port: int, target: Target, max_rate: float) -> PacedResult:
    body = (target.body or "").encode()
    requests = []
    for path, token in target.requests:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        if body:
            headers["Content-Type"] = "application/json"
        requests.append(raw_request(target.method, HOST, port, path, headers, body))
    return paced(HOST, port, requests, rate=max_rate * PACED_SHARE, seconds=PACED_SECONDS, connections=CONNECTIONS)


@dataclass(frozen=True)
class Account:
    token: str
    applications: list[str]
    round_id: str


def seed(client: httpx.Client, url: str, n: int) -> Account:
    """An account with 60 applications and a round of 3 interviewers over a bank of 500 questions."""
    email, password = f"load{n}@example.com", "a load benchmark passphrase"
    me = client.post("/auth/register", json={"email": email, "password": password}).raise_for_status().json()
    token = client.post("/auth/token", data={"username": email, "password": password}).raise_for_status().json()
    auth = {"Authorization": f"Bearer {token['access_token']}"}
    applications = [
        client.post(
            "/applications",
            json={"company": f"Company {i}", "position": "Engineer", "salary_currency": "EUR"},
            headers=auth,
        )
        .raise_for_status()
        .json()["id"]
        for i in range(APPLICATIONS)
    ]
    starter = len(client.get("/questions", params={"limit": 200}, headers=auth).json()["items"])
    seed_question_bank(url, uuid.UUID(me["id"]), PLAN_QUESTIONS - starter)
    roles = {r["name"]: r["id"] for r in client.get("/roles", headers=auth).json()["items"]}
    round_ = (
        client.post(f"/applications/{applications[0]}/rounds", json={"kind": "second"}, headers=auth)
        .raise_for_status()
        .json()
    )
    for i, role in enumerate(PLAN_INTERVIEWERS):
        client.post(
            f"/rounds/{round_['id']}/interviewers",
            json={"name": f"Person {i}", "role_id": roles[role], "question_minutes": 15},
            headers=auth,
        ).raise_for_status()
    return Account(token["access_token"], applications, round_["id"])


def targets_for(accounts: list[Account]) -> dict[str, Target]:
    list_path = "/api/v1/applications?limit=50"
    return {
        "list": Target("GET /applications?limit=50", [(list_path, a.token) for a in accounts]),
        "plan": Target("GET /rounds/{id}/plan", [(f"/api/v1/rounds/{a.round_id}/plan", a.token) for a in accounts]),
        "write": Target(
            "PATCH /applications/{id}",
            [(f"/api/v1/applications/{a.applications[n]}", a.token) for n in range(50) for a in accounts],
            method="PATCH",
            body=json.dumps({"notes": "Called the recruiter; second round booked."}),
        ),
    }


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "  n/a"


def _row(name: str, m: Measured, base: Measured | None = None, base_name: str = "") -> str:
    spread = f"{m.low:.0f}-{m.high:.0f}"
    row = f"  {name:<32} {m.rate:7.0f} {spread:>11} {m.p50_ms:7.2f} {m.p99_ms:8.2f} {m.errors:6d} {m.cpu_us:8.0f}"
    if base is None:
        return row
    return row + f"   {_pct(m.rate, base.rate)} {_pct(base.cpu_us, m.cpu_us)}  of {base_name}"


def _paced_row(name: str, p: PacedResult) -> str:
    kinds = ", ".join(f"{n} x {status or 'socket'}" for status, n in sorted(p.statuses.items()))
    row = f"  {name:<32} {p.target_rate:7.0f} {p.achieved_rate:7.0f} {p.p50_ms:7.2f} {p.p99_ms:8.2f} {p.errors:6d}"
    return row + (f"   ({kinds})" if kinds else "")


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {cpu}, {time.strftime('%Y-%m-%d')}"


def bench_load() -> bool:
    """Run the load benchmark and print its table; False when wrk is missing."""
    if shutil.which("wrk") is None:
        print(WRK_MISSING, file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'load.db'}"
        upgrade(url)
        page_file = Path(folder) / "page.json"
        log = Path(folder) / "server.log"
        env = {**os.environ, "SECONDROUND_DATABASE_URL": url, "SECONDROUND_ENVIRONMENT": "test"}
        env["SECONDROUND_BENCH_PAGE"] = str(page_file)
        env["SECONDROUND_AUTH_RATE_LIMIT"] = "1000/minute"  # the set-up signs in several accounts at once
        with serving("api", env, "/api/v1/health", log) as port:
            with httpx.Client(base_url=f"http://{HOST}:{port}/api/v1", timeout=30) as client:
                accounts = [seed(client, url, n) for n in range(ACCOUNTS)]
                auth = {"Authorization": f"Bearer {accounts[0].token}"}
                page = client.get("/applications", params={"limit": 50}, headers=auth).raise_for_status()
                page_file.write_bytes(page.content)
                plan = client.get(f"/rounds/{accounts[0].round_id}/plan", headers=auth).raise_for_status().json()
            planned = sum(len(i["questions"]) for i in plan["interviewers"])
            targets = targets_for(accounts)
            list_path = targets["list"].requests[0][0]
            ceiling_target = Target("ceiling", [(list_path, None)])
            with (
                serving("bare", env, list_path, log) as bare_port,
                serving("fastapi_async", env, list_path, log) as async_port,
                serving("fastapi_sync", env, list_path, log) as sync_port,
            ):
                rows = [(bare_port, ceiling_target), (async_port, ceiling_target), (sync_port, ceiling_target)]
                rows += [(port, target) for target in targets.values()]
                bare, in_async, in_sync, *measured = interleaved(rows)
            real = dict(zip(targets, measured, strict=True))
            at70 = {key: at_share_of_max(port, targets[key], real[key].rate) for key in targets}

    print(
        f"\nLoad on loopback: wrk, 1 thread, {CONNECTIONS} connections; each row in {ROUNDS} slices of "
        f"{SLICE_SECONDS} s"
        f"\n  taken in turns (median slice; range of the slices' rates). CPU us: the server's CPU time per"
        f"\n  request, steadier on a shared machine; ratio by CPU: the rate ratio if each had a core to itself."
        f"\n  python -m secondround.server (one process), SQLite"
        f"\n  machine: {machine()}"
    )
    print(
        f"  {'':<32} {'req/s':>7} {'range':>11} {'p50 ms':>7} {'p99 ms':>8} {'errors':>6} {'CPU us':>8}"
        f"   {'ratio by':>6} {'rate':>5} {'CPU':>6}"
    )
    print(_row("bare ASGI, same 50 applications", bare))
    print(_row("FastAPI in memory, async def", in_async, bare, "bare"))
    print(_row("FastAPI in memory, def", in_sync, bare, "bare"))
    print(_row(targets["list"].name, real["list"], in_async, "in-memory async"))
    print(_row(targets["plan"].name, real["plan"], bare, "bare"))
    print(_row(targets["write"].name, real["write"], bare, "bare"))
    print(f"  (plan: {len(PLAN_INTERVIEWERS)} interviewers, {PLAN_QUESTIONS} questions, {planned} planned)")

    print(f"\nAt {PACED_SHARE:.0%} of each maximum rate, constant-rate client (latency from when each request was due)")
    print(f"  {'':<32} {'target':>7} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>8} {'errors':>6}")
    for key, target in targets.items():
        print(_paced_row(target.name, at70[key]))

    checks = [
        (f"list >= {LIST_TARGET:.0%} of in-memory async", real["list"].rate >= LIST_TARGET * in_async.rate),
        (f"plan >= {PLAN_TARGET:.0%} of bare", real["plan"].rate >= PLAN_TARGET * bare.rate),
        (
            "the same by CPU",
            real["list"].cpu_us * LIST_TARGET <= in_async.cpu_us and real["plan"].cpu_us * PLAN_TARGET <= bare.cpu_us,
        ),
        (
            f"p99 < {P99_TARGET_MS:.0f} ms at {PACED_SHARE:.0%} of max",
            all(p.p99_ms < P99_TARGET_MS for p in at70.values()),
        ),
        (
            "zero errors",
            all(m.errors == 0 for m in [bare, in_async, in_sync, *real.values()])
            and all(p.errors == 0 for p in at70.values()),
        ),
    ]
    print("  -> " + "; ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in checks))
    return True

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
from secondround.config import REPO_ROOT, Settings
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

# Targets (issue 14): rates as a share of a ceiling measured in the same run.
LIST_TARGET = 0.25  # of the in-memory async FastAPI list
PLAN_TARGET = 0.03  # of the bare ASGI endpoint
P99_TARGET_MS = 100.0
WORKERS = int(os.environ.get("SECONDROUND_BENCH_WORKERS", "2"))  # the multi-process row: 1 vs WORKERS


class WrongAnswers(RuntimeError):
    """A row got answers other than the ones it expects: its rate would time an error, so it has none."""


@dataclass(frozen=True)
class Measured:
    rate: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors, timeouts, non-2xx answers and answers without the expected body
    low: float = 0.0  # slowest and fastest slice
    high: float = 0.0
    cpu_us: float = 0.0  # server CPU time (user + system) per request
    requests: int = 0
    first_bad: str = ""  # the first wrong answer: status and the start of its body


@dataclass(frozen=True)
class Target:
    """What wrk (and the paced client) send: one method and body, (path, bearer token) pairs in rotation;
    and what every answer must be to count: a 2xx whose body contains `expect`."""

    name: str
    requests: list[tuple[str, str | None]]
    expect: str
    method: str = "GET"
    body: str | None = None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def server_command(app: str, port: int, workers: int = 1) -> list[str]:
    """The API as production serves it (`python -m secondround.server`, default logging) in `workers`
    processes; a ceiling (bench/ceilings.py) through the same server code."""
    if app == "api":
        server = [sys.executable, "-m", "secondround.server", "--host", HOST, "--port", str(port)]
        return server + (["--workers", str(workers)] if workers > 1 else [])
    return [sys.executable, "-m", "bench.ceilings", app, str(port)]


SERVER_PIDS: dict[int, int] = {}  # port -> pid of the server process listening there


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(port: int) -> float:
    """CPU time the server on `port` has used so far (all its threads and worker processes, user and
    system)."""
    root = SERVER_PIDS[port]
    ticks = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = _stat(int(entry))
        except OSError:
            continue
        if int(entry) == root or int(fields[1]) == root:  # the server, or a worker it forked
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


@contextmanager
def serving(
    app: str,
    env: dict[str, str],
    ready_path: str,
    log: Path,
    command: Callable[[int], list[str]] | None = None,
    workers: int = 1,
) -> Iterator[int]:
    """Serve `app` (or run `command(port)`) and yield its port once `ready_path` answers 200."""
    port = _free_port()
    with log.open("ab") as out:
        process = subprocess.Popen(
            (command or (lambda port: server_command(app, port, workers)))(port),
            env=env,
            cwd=REPO_ROOT / "backend",
            stdout=out,
            stderr=subprocess.STDOUT,
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
    command += [f"http://{HOST}:{port}{first_path}", "--", target.method, target.body or "-", rotation, target.expect]
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    found = re.search(r"^WRK_SUMMARY (\{.*\})$", out, re.MULTILINE)
    if found is None:
        raise RuntimeError(f"wrk printed no summary:\n{out}")
    s = json.loads(found.group(1))
    return Measured(
        rate=s["requests"] / (s["duration_us"] / 1e6),
        p50_ms=s["p50_us"] / 1000,
        p99_ms=s["p99_us"] / 1000,
        errors=s["socket_errors"] + s["timeouts"] + s["non2xx"] + s["wrong_body"],
        requests=s["requests"],
        first_bad=s["first_bad"],
    )


def check_answers(port: int, target: Target) -> None:
    """Send each of the row's requests once and refuse the row, loudly, unless every answer is what it
    expects: a row that times a 401, a 404 or a 422 would print a fast number for an error."""
    with httpx.Client(base_url=f"http://{HOST}:{port}", timeout=30) as client:
        for path, token in target.requests[:8]:
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            if target.body:
                headers["Content-Type"] = "application/json"
            answer = client.request(target.method, path, headers=headers, content=target.body)
            if not answer.is_success or target.expect not in answer.text:
                raise WrongAnswers(
                    f"{target.name}: {target.method} {path} answered {answer.status_code} "
                    f"({answer.text[:200]!r}); the row expects a 2xx containing {target.expect!r}"
                )


def interleaved(rows: list[tuple[int, Target]]) -> list[Measured]:
    """Measure every row in turns (ROUNDS slices each), so a burst of load from elsewhere on the machine
    hits all rows alike; report the median slice of each row, with the range of its rates."""
    for port, target in rows:
        check_answers(port, target)
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
            requests=sum(m.requests for m in ms),
            first_bad=next((m.first_bad for m in ms if m.first_bad), ""),
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
    return paced(
        HOST,
        port,
        requests,
        rate=max_rate * PACED_SHARE,
        seconds=PACED_SECONDS,
        connections=CONNECTIONS,
        expect=target.expect.encode(),
    )


@dataclass(frozen=True)
class Account:
    token: str
    applications: list[str]
    round_id: str


def seed(client: httpx.Client, url: str, n: int, questions: int = PLAN_QUESTIONS, panel: int = 0) -> Account:
    """An account with 60 applications and a round of 3 interviewers (or `panel` ones) over a bank of
    `questions` questions, starter kit included: within the per-account cap."""
    cap = Settings().max_questions_per_account
    if questions > cap:
        raise ValueError(f"{questions} questions is over the per-account cap of {cap}")
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
    starter = len(client.get("/questions", params={"limit": 200}, headers=auth).raise_for_status().json()["items"])
    seed_question_bank(url, uuid.UUID(me["id"]), questions - starter)
    roles = {r["name"]: r["id"] for r in client.get("/roles", headers=auth).raise_for_status().json()["items"]}
    round_ = (
        client.post(f"/applications/{applications[0]}/rounds", json={"kind": "second"}, headers=auth)
        .raise_for_status()
        .json()
    )
    people = [PLAN_INTERVIEWERS[i % len(PLAN_INTERVIEWERS)] for i in range(panel or len(PLAN_INTERVIEWERS))]
    for i, role in enumerate(people):
        client.post(
            f"/rounds/{round_['id']}/interviewers",
            json={"name": f"Person {i}", "role_id": roles[role], "question_minutes": 15},
            headers=auth,
        ).raise_for_status()
    return Account(token["access_token"], applications, round_["id"])


def targets_for(accounts: list[Account]) -> dict[str, Target]:
    list_path = "/api/v1/applications?limit=50"
    return {
        "list": Target("GET /applications?limit=50", [(list_path, a.token) for a in accounts], '"next_cursor":"'),
        "plan": Target(
            "GET /rounds/{id}/plan",
            [(f"/api/v1/rounds/{a.round_id}/plan", a.token) for a in accounts],
            '"closing_interviewer_id":"',
        ),
        "write": Target(
            "PATCH /applications/{id}",
            [(f"/api/v1/applications/{a.applications[n]}", a.token) for n in range(50) for a in accounts],
            '"notes":"Called the recruiter',
            method="PATCH",
            body=json.dumps({"notes": "Called the recruiter; second round booked."}),
        ),
    }


# Sequential rows: one request at a time, every row in turn (interleaved), each answer checked.
SEQUENTIAL_REPEAT = int(os.environ.get("SECONDROUND_BENCH_SEQUENTIAL", "101"))
ME_TARGET = 1.25  # /me at most 25% slower than /health
CAP_PLAN_TARGET_MS = 100.0  # the plan of a panel of 5 over a bank at the question cap


@dataclass(frozen=True)
class Sequential:
    name: str
    path: str
    token: str | None
    expect: str  # a text every answer's body must contain
    accept: str = "application/json"


def sequential_rows(accounts: list[Account], capped: Account) -> list[Sequential]:
    a, token = accounts[0], accounts[0].token
    round_path = f"/api/v1/rounds/{a.round_id}"
    return [
        Sequential("GET /health", "/api/v1/health", None, '"status":"ok"'),
        Sequential("GET /me", "/api/v1/me", token, '"email":"load0@'),
        Sequential("GET /applications/{id}", f"/api/v1/applications/{a.applications[1]}", token, '"company":"'),
        Sequential("GET /applications?limit=50", "/api/v1/applications?limit=50", token, '"next_cursor":"'),
        Sequential("GET /rounds/{id}/plan", f"{round_path}/plan", token, '"closing_interviewer_id":"'),
        Sequential("GET /rounds/{id}/prep-sheet", f"{round_path}/prep-sheet", token, "## ", "text/markdown"),
        Sequential("GET /rounds/{id}/readiness", f"{round_path}/readiness", token, '"total":9'),
        Sequential("GET /readiness", "/api/v1/readiness", token, '"items":[{'),
        Sequential(
            "GET /rounds/{id}/plan at the cap",
            f"/api/v1/rounds/{capped.round_id}/plan",
            capped.token,
            '"closing_interviewer_id":"',
        ),
    ]


def check_answer(row: Sequential, answer: httpx.Response) -> None:
    if answer.status_code != 200 or row.expect not in answer.text:
        raise WrongAnswers(
            f"{row.name}: GET {row.path} answered {answer.status_code} ({answer.text[:200]!r}); "
            f"the row expects 200 containing {row.expect!r}"
        )


def measure_sequential(port: int, rows: list[Sequential], repeat: int) -> list[float]:
    """Median milliseconds of each row, the rows taken in turns so noise hits them alike."""
    samples: list[list[float]] = [[] for _ in rows]
    with httpx.Client(base_url=f"http://{HOST}:{port}", timeout=30) as client:
        for sweep in range(repeat + 3):  # three sweeps of warm-up
            for i, row in enumerate(rows):
                headers = {"Accept": row.accept} | ({"Authorization": f"Bearer {row.token}"} if row.token else {})
                started = time.perf_counter()
                answer = client.get(row.path, headers=headers)
                elapsed = (time.perf_counter() - started) * 1000
                check_answer(row, answer)  # every answer, not only the first: none is timed unchecked
                if sweep >= 3:
                    samples[i].append(elapsed)
    return [statistics.median(ms) for ms in samples]


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


def refuse_errors(named: dict[str, Measured]) -> None:
    """A row with a single wrong answer has no rate worth printing: stop, and say what came back."""
    wrong = {name: m for name, m in named.items() if m.errors}
    if wrong:
        raise WrongAnswers(
            "; ".join(
                f"{name}: {m.errors} of {m.requests} answers wrong, first: {m.first_bad!r}" for name, m in wrong.items()
            )
        )


def bench_load() -> bool:
    """Run the load benchmark and print its table; False when wrk is missing. A missed target prints
    MISSED; a wrong answer (WrongAnswers) stops the run."""
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
                capped = seed(client, url, ACCOUNTS, questions=Settings().max_questions_per_account, panel=5)
                auth = {"Authorization": f"Bearer {accounts[0].token}"}
                page = client.get("/applications", params={"limit": 50}, headers=auth).raise_for_status()
                page_file.write_bytes(page.content)
                plan = client.get(f"/rounds/{accounts[0].round_id}/plan", headers=auth).raise_for_status().json()
            planned = sum(len(i["questions"]) for i in plan["interviewers"])
            sequential = sequential_rows(accounts, capped)
            sequential_ms = measure_sequential(port, sequential, SEQUENTIAL_REPEAT)
            targets = targets_for(accounts)
            list_path = targets["list"].requests[0][0]
            ceiling_target = Target("ceiling", [(list_path, None)], '"next_cursor":"')
            with (
                serving("bare", env, list_path, log) as bare_port,
                serving("fastapi_async", env, list_path, log) as async_port,
                serving("fastapi_sync", env, list_path, log) as sync_port,
            ):
                rows = [(bare_port, ceiling_target), (async_port, ceiling_target), (sync_port, ceiling_target)]
                rows += [(port, target) for target in targets.values()]
                bare, in_async, in_sync, *measured = interleaved(rows)
            real = dict(zip(targets, measured, strict=True))
            refuse_errors({"bare": bare, "in-memory async": in_async, "in-memory sync": in_sync, **real})
            at70 = {key: at_share_of_max(port, targets[key], real[key].rate) for key in targets}
        # 1 process against WORKERS, side by side, on the same database.
        with (
            serving("api", env, "/api/v1/health", log) as one_port,
            serving("api", env, "/api/v1/health", log, workers=WORKERS) as many_port,
        ):
            scaled_keys = ["list", "plan"]
            scaled_rows = [(p, targets[k]) for k in scaled_keys for p in (one_port, many_port)]
            scaled = interleaved(scaled_rows)
        refuse_errors(
            {
                f"{k} x{n}": m
                for (k, n), m in zip([(k, n) for k in scaled_keys for n in (1, WORKERS)], scaled, strict=True)
            }
        )

    print(
        f"\nSequential: one request at a time over HTTP to python -m secondround.server (SQLite), the rows in"
        f"\n  turns, {SEQUENTIAL_REPEAT} sweeps; median ms. Every answer checked (status 200 and a field of its body)."
    )
    health_ms = sequential_ms[0]
    for row, ms in zip(sequential, sequential_ms, strict=True):
        print(f"  {row.name:<36} {ms:8.2f} ms  {ms / health_ms:6.2f}x /health")
    print(
        f"  (plan: {len(PLAN_INTERVIEWERS)} interviewers, {PLAN_QUESTIONS} questions, {planned} planned; "
        f"at the cap: 5 interviewers, {Settings().max_questions_per_account:,} questions)"
    )

    print(
        f"\nLoad on loopback: wrk, 1 thread, {CONNECTIONS} connections; each row in {ROUNDS} slices of "
        f"{SLICE_SECONDS} s"
        f"\n  taken in turns (median slice; range of the slices' rates). CPU us: the server's CPU time per"
        f"\n  request, steadier on a shared machine; ratio by CPU: the rate ratio if each had a core to itself."
        f"\n  python -m secondround.server (one process), SQLite. Errors: any answer but a 2xx with the"
        f"\n  expected body (a row with one is refused, not printed)."
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

    print(f"\nAt {PACED_SHARE:.0%} of each maximum rate, constant-rate client (latency from when each request was due)")
    print(f"  {'':<32} {'target':>7} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>8} {'errors':>6}")
    for key, target in targets.items():
        print(_paced_row(target.name, at70[key]))

    print(f"\n1 process against {WORKERS}, side by side (--workers); wrk as above")
    print(f"  {'':<32} {'1 proc':>7} {f'{WORKERS} procs':>8} {'growth':>7}  {'CPU us 1':>8} {f'CPU us {WORKERS}':>8}")
    growth = {}
    for i, key in enumerate(scaled_keys):
        one, many = scaled[2 * i], scaled[2 * i + 1]
        growth[key] = many.rate / one.rate
        print(
            f"  {targets[key].name:<32} {one.rate:7.0f} {many.rate:8.0f} {growth[key]:6.2f}x  "
            f"{one.cpu_us:8.0f} {many.cpu_us:8.0f}"
        )

    me_ratio = sequential_ms[1] / health_ms
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
        ("zero errors", all(p.errors == 0 for p in at70.values())),
        (f"/me within {ME_TARGET - 1:.0%} of /health ({me_ratio:.2f}x)", me_ratio <= ME_TARGET),
        (
            f"plan at the cap < {CAP_PLAN_TARGET_MS:.0f} ms ({sequential_ms[-1]:.1f})",
            sequential_ms[-1] < CAP_PLAN_TARGET_MS,
        ),
        (f"{WORKERS} processes serve more than 1 (list x{growth['list']:.2f})", growth["list"] > 1.1),
    ]
    print("  -> " + "; ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in checks))
    return True

"""Benchmark of the plan: the engine alone on growing inputs, and GET /rounds/{id}/plan end to end.

Everything is measured side by side in one run and reported as medians and ratios, because the
machines are shared and noisy: a ratio between two things timed together means more than a
number of milliseconds on its own.
"""

import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx

from bench.engine_cases import make_case
from bench.load import bench_load
from bench.naive_greedy import naive_plan
from bench.seeding import seed_question_bank
from secondround.config import REPO_ROOT
from secondround.db.migrations import upgrade
from secondround.plan_engine import build_plan

ENGINE_CASES = [(1, 50), (5, 500), (10, 5_000)]
ENGINE_TARGET_MS = 25.0  # 10 x 5,000, median, one core
ENDPOINT_TARGET_MS = 100.0
ENDPOINT_QUESTIONS = 5_000


def median_ms(run: Callable[[], object], repeat: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        run()
    samples = []
    gc_was_enabled = gc.isenabled()
    gc.disable()  # collect between samples, not inside them
    try:
        for _ in range(repeat):
            started = time.perf_counter()
            run()
            samples.append((time.perf_counter() - started) * 1000)
            gc.collect()
    finally:
        if gc_was_enabled:
            gc.enable()
    return statistics.median(samples)


def bench_engine() -> None:
    print("Plan engine alone (median of 31 runs)")
    print(f"  {'interviewers x questions':>26} {'engine ms':>10} {'naive greedy ms':>16} {'naive/engine':>13}")
    for interviewers, questions in ENGINE_CASES:
        case = make_case(interviewers, questions, seed=7)
        engine = median_ms(lambda case=case: build_plan(case), 31)
        naive = median_ms(lambda case=case: naive_plan(case), 31)
        label = f"{interviewers} x {questions:,}"
        print(f"  {label:>26} {engine:>10.2f} {naive:>16.2f} {naive / engine:>12.1f}x")
        if (interviewers, questions) == ENGINE_CASES[-1]:
            verdict = "meets" if engine < ENGINE_TARGET_MS else "MISSES"
            print(f"  -> 10 x 5,000 engine median {engine:.2f} ms {verdict} the {ENGINE_TARGET_MS:.0f} ms target")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_endpoint() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        upgrade(url)
        port = _free_port()
        env = {**os.environ, "SECONDROUND_DATABASE_URL": url, "SECONDROUND_ENVIRONMENT": "test"}
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "secondround.asgi:app", "--port", str(port), "--log-level", "warning"],
            env=env,
            cwd=REPO_ROOT / "backend",
        )
        try:
            base = f"http://127.0.0.1:{port}/api/v1"
            client = httpx.Client(base_url=base, timeout=30)
            for _ in range(100):
                try:
                    client.get("/health")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            email, password = "bench@example.com", "benchmark password"
            me = client.post("/auth/register", json={"email": email, "password": password}).json()
            token = client.post("/auth/token", data={"username": email, "password": password}).json()["access_token"]
            client.headers["Authorization"] = f"Bearer {token}"
            seed_question_bank(url, uuid.UUID(me["id"]), ENDPOINT_QUESTIONS)
            roles = [r["id"] for r in client.get("/roles").json()["items"]]
            application = client.post("/applications", json={"company": "Bench", "position": "Engineer"}).json()
            round_ = client.post(f"/applications/{application['id']}/rounds", json={"kind": "second"}).json()
            for i in range(5):
                client.post(
                    f"/rounds/{round_['id']}/interviewers",
                    json={"name": f"Person {i}", "role_id": roles[i % len(roles)], "question_minutes": 15},
                )
            plan_url = f"/rounds/{round_['id']}/plan"
            assert client.get(plan_url).status_code == 200

            health = median_ms(lambda: client.get("/health"), 51)
            me_ms = median_ms(lambda: client.get("/me"), 51)
            plan = median_ms(lambda: client.get(plan_url), 31)
            sheet = median_ms(lambda: client.get(plan_url, params={"format": "markdown"}), 31)
            bank = client.get(plan_url).json()
            backlog = bank["backlog_total"]
            print(
                f"\nPlan endpoint end to end on SQLite, real HTTP to uvicorn "
                f"({ENDPOINT_QUESTIONS:,} questions in the bank, 5 interviewers; median)"
            )
            print(f"  GET /health                 {health:8.2f} ms")
            print(f"  GET /me (auth + 1 query)    {me_ms:8.2f} ms")
            print(
                f"  GET /rounds/{{id}}/plan       {plan:8.2f} ms   {plan / me_ms:5.1f}x /me   "
                f"(backlog of {backlog:,} in the body)"
            )
            print(f"  GET .../plan?format=markdown {sheet:7.2f} ms   {sheet / me_ms:5.1f}x /me")
            verdict = "meets" if plan < ENDPOINT_TARGET_MS else "MISSES"
            print(f"  -> plan endpoint median {plan:.2f} ms {verdict} the {ENDPOINT_TARGET_MS:.0f} ms target")
            client.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    # `python -m bench load` runs the load benchmark alone; `python -m bench profile ROW [SECONDS]`
    # samples the server under one of its rows (bench/profile.py).
    if sys.argv[1:2] == ["profile"]:
        from bench.profile import main as profile

        profile(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 10)
        sys.exit(0)
    if sys.argv[1:2] == ["models"]:
        from bench.request_models import main as request_models

        request_models()
        sys.exit(0)
    only_load = sys.argv[1:] == ["load"]
    if not only_load:
        bench_engine()
        bench_endpoint()
    if not bench_load():
        sys.exit(1)

"""`make bench`: the plan engine alone on growing inputs; the server one request at a time and under
load (bench/load.py); then, when PostgreSQL answers, the same service at scale (bench/scale.py).

Everything is measured side by side in one run and reported as medians and ratios, because the
machines are shared and noisy: a ratio between two things timed together means more than a
number of milliseconds on its own.

    python -m bench                  everything
    python -m bench load             the load benchmark alone
    python -m bench seed [...]       fill a database at scale (bench/scale_seed.py; --help)
    python -m bench scale [...]      the rows at scale on PostgreSQL (bench/scale.py; --help)
    python -m bench profile ROW [S]  sample the server under one load row (bench/profile.py)
    python -m bench models           the request-model experiment (bench/request_models.py)
"""

import gc
import statistics
import sys
import time
from collections.abc import Callable

from bench.engine_cases import make_case
from bench.load import bench_load
from bench.naive_greedy import naive_plan
from secondround.plan_engine import build_plan

ENGINE_CASES = [(1, 50), (5, 500), (10, 5_000)]
ENGINE_TARGET_MS = 25.0  # 10 x 5,000, median, one core


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
    if sys.argv[1:2] == ["seed"]:
        from bench.scale_seed import main as seed

        seed(sys.argv[2:])
        sys.exit(0)
    if sys.argv[1:2] == ["scale"]:
        from bench.scale import main as scale

        scale(sys.argv[2:])
        sys.exit(0)
    only_load = sys.argv[1:] == ["load"]
    if not only_load:
        bench_engine()
    if not bench_load():
        sys.exit(1)
    if not only_load:
        from bench.scale import run_if_postgres

        run_if_postgres()

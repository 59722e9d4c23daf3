"""Where a loaded server spends its time: `python -m bench profile list|plan|write [SECONDS]`.

Serves the API as the load benchmark does, drives one of its rows with wrk, and samples the server
with py-spy meanwhile (only the thread holding the GIL, so waiting threads do not count). Prints
the share of samples in which each function is on the stack: our code, and the library steps that
cost most on this stack (ORM loading, validation, thread hand-offs).
"""

import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import httpx

from bench import load
from secondround.db.migrations import upgrade

SHOWN = re.compile(
    r"secondround/|run_sync_in_worker_thread|Condition\.notify|model_validate|serialize_response|"
    r"solve_dependencies|Session\.execute \(sqlalchemy|orm/loading\.py|h11_impl"
)


def summarize(raw: Path, top: int = 40) -> None:
    inclusive: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        total += int(count)
        names = set()
        for frame in stack.split(";"):
            found = re.match(r"(.*?) \((.*?):\d+\)", frame)
            if found:
                names.add(f"{found.group(1)} ({found.group(2).split('site-packages/')[-1].split('backend/')[-1]})")
        for name in names:
            inclusive[name] += int(count)
    print(f"{total} samples with the GIL held; share of them with the function on the stack:")
    shown = [(name, n) for name, n in inclusive.most_common() if SHOWN.search(name)]
    for name, n in shown[:top]:
        print(f"  {100 * n / total:5.1f}%  {name}")


def main(row: str, seconds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'profile.db'}"
        upgrade(url)
        env = {**os.environ, "SECONDROUND_DATABASE_URL": url, "SECONDROUND_ENVIRONMENT": "test"}
        env["SECONDROUND_AUTH_RATE_LIMIT"] = "1000/minute"
        with load.serving("api", env, "/api/v1/health", Path(folder) / "server.log") as port:
            with httpx.Client(base_url=f"http://{load.HOST}:{port}/api/v1", timeout=30) as client:
                accounts = [load.seed(client, url, n) for n in range(load.ACCOUNTS)]
            targets = load.targets_for(accounts)
            load.wrk(port, targets[row], 1)
            pid = next(int(p) for p in os.listdir("/proc") if p.isdigit() and _serves(int(p), port))
            raw = Path(folder) / "profile.txt"
            spy = subprocess.Popen(
                [
                    str(Path(sys.executable).with_name("py-spy")),
                    "record",
                    "--pid",
                    str(pid),
                    "--gil",
                    "--nonblocking",
                    "--rate",
                    "200",
                ]
                + ["--format", "raw", "--output", str(raw), "--duration", str(seconds)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            measured = load.wrk(port, targets[row], seconds)
            spy.wait(timeout=seconds + 30)
        print(f"{targets[row].name}: {measured.rate:.0f} req/s, p50 {measured.p50_ms:.1f} ms under py-spy")
        summarize(raw)


def _serves(pid: int, port: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"secondround.server" in cmdline and str(port).encode() in cmdline


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10)

"""`python -m secondround.server --workers N`: N processes serve one port, a dead one is replaced, and
SIGTERM stops them all."""

import os
import signal
import time
from pathlib import Path

import httpx

from tests.support.servers import running_server


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        found |= {int(child) for child in children}
    return found


def _wait_for(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_workers_share_the_port_are_replaced_and_stop_together(database, tmp_path):
    with running_server(database.url, tmp_path / "server.log", workers=2) as server:
        parent = server.process.pid
        assert _wait_for(lambda: len(_children(parent)) == 2), server.log_text()
        first = _children(parent)
        with httpx.Client(base_url=server.base_url, timeout=10) as client:
            assert all(client.get("/api/v1/health").status_code == 200 for _ in range(20))

        victim = min(first)
        os.kill(victim, signal.SIGKILL)
        assert _wait_for(lambda: len(_children(parent)) == 2 and victim not in _children(parent)), server.log_text()
        assert httpx.get(f"{server.base_url}/api/v1/health", timeout=10).status_code == 200
        assert f"worker {victim} exited" in server.log_text()

        workers = _children(parent)
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=20) == 0, server.log_text()
    assert not any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in workers)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "Z"

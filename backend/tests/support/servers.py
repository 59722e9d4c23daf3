"""The real server (`python -m secondround.server`) as a subprocess, for tests that kill it, starve it
or need its production limits."""

import os
import re
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

_LISTENING = re.compile(r"listening on (http://\S+:\d+)")


@dataclass
class ServerProcess:
    process: subprocess.Popen
    base_url: str
    log_path: Path

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush; whatever was acknowledged must already be on disk."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


def server_env(database_url: str, **settings: object) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SECONDROUND_")}
    env.update(
        SECONDROUND_DATABASE_URL=database_url,
        SECONDROUND_ENVIRONMENT="test",
        SECONDROUND_SECRET_KEY="test-secret-" + "x" * 20,
    )
    env.update({f"SECONDROUND_{k.upper()}": str(v) for k, v in settings.items()})
    return env


@contextmanager
def running_server(
    database_url: str,
    log_path: Path,
    *,
    startup_timeout: float = 30,
    workers: int = 1,
    access_log: bool = False,
    **settings: object,
):
    """Start the server on a free loopback port and stop it afterwards (SIGTERM, then SIGKILL)."""
    proc = start_server(
        database_url, log_path, startup_timeout=startup_timeout, workers=workers, access_log=access_log, **settings
    )
    try:
        yield proc
    finally:
        stop_server(proc)


def start_server(
    database_url: str,
    log_path: Path,
    *,
    startup_timeout: float = 30,
    workers: int = 1,
    access_log: bool = False,
    **settings: object,
) -> ServerProcess:
    log_file = log_path.open("wb")
    quiet = [] if access_log else ["--no-access-log"]
    process = subprocess.Popen(
        [sys.executable, "-m", "secondround.server", "--port", "0", *quiet, "--workers", str(workers)],
        env=server_env(database_url, **settings),
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    log_file.close()
    deadline = time.monotonic() + startup_timeout
    while time.monotonic() < deadline:
        match = _LISTENING.search(log_path.read_text(errors="replace"))
        if match and process.poll() is None:
            base_url = match.group(1)
            if _answers(base_url):
                return ServerProcess(process, base_url, log_path)
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"the server did not start:\n{log_path.read_text()[-3000:]}")


def _answers(base_url: str) -> bool:
    try:
        return httpx.get(f"{base_url}/api/v1/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def stop_server(server: ServerProcess) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=10)

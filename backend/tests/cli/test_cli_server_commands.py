"""`migrate`, `serve` and `worker`: the service's own commands, on the test's engine."""

import re
import signal
import subprocess
import time

import httpx
from sqlalchemy import create_engine, inspect, text

from secondround.db.migrations import head_revision
from tests.support.command_line import COMMAND, command_env, run_command
from tests.support.servers import server_env


def _revision(url: str) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("select version_num from alembic_version")).scalar_one()
    finally:
        engine.dispose()


def test_migrate_makes_a_fresh_sqlite_database_and_runs_again_harmlessly(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    env = command_env(tmp_path, SECONDROUND_DATABASE_URL=url)
    done = run_command(["migrate"], env, timeout=180)
    assert done.code == 0, done
    assert f"revision {head_revision()}" in done.stderr
    assert _revision(url) == head_revision()
    engine = create_engine(url)
    assert {"users", "applications", "rounds"} <= set(inspect(engine).get_table_names())
    engine.dispose()
    again = run_command(["migrate"], env, timeout=180)
    assert again.code == 0, again


def test_migrate_on_the_test_database_leaves_it_at_head(database, tmp_path):
    # SQLite or PostgreSQL, whichever this run tests: already migrated, so nothing to do but say so.
    done = run_command(["migrate"], command_env(tmp_path, SECONDROUND_DATABASE_URL=database.url), timeout=180)
    assert done.code == 0, done
    assert "The database is up to date" in done.stderr
    assert "password" not in done.stderr.lower() or "***" in done.stderr
    assert _revision(database.url) == head_revision()


def test_migrate_that_cannot_reach_the_database_says_why_in_one_sentence(tmp_path):
    url = "postgresql://postgres:secret@127.0.0.1:9/nothing"  # nothing listens on port 9
    done = run_command(["migrate"], command_env(tmp_path, SECONDROUND_DATABASE_URL=url), timeout=180)
    assert done.code == 1, done
    assert "The migration stopped:" in done.stderr and "Traceback" not in done.stderr
    assert "secret" not in done.stderr  # the URL is shown with its password hidden


def _start(args: list[str], env: dict[str, str], log) -> subprocess.Popen:
    return subprocess.Popen([COMMAND, *args], env=env, stdout=log, stderr=subprocess.STDOUT)


def _wait_for(pattern: str, path, process: subprocess.Popen, timeout: float = 60) -> re.Match:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        match = re.search(pattern, path.read_text(errors="replace"))
        if match:
            return match
        assert process.poll() is None, path.read_text()
        time.sleep(0.1)
    raise AssertionError(f"no {pattern!r} in:\n{path.read_text()}")


def test_serve_runs_the_production_server_until_sigterm(database, tmp_path):
    env = {**server_env(database.url), **command_env(tmp_path, SECONDROUND_DATABASE_URL=database.url)}
    env.update(SECONDROUND_ENVIRONMENT="test", SECONDROUND_SECRET_KEY="test-secret-" + "x" * 20)
    log_path = tmp_path / "serve.log"
    with log_path.open("wb") as log:
        process = _start(["serve", "--port", "0", "--no-access-log", "--log-level", "info"], env, log)
    try:
        base = _wait_for(r"listening on (http://\S+:\d+)", log_path, process).group(1)
        for _ in range(50):
            try:
                assert httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200
                break
            except httpx.TransportError:
                time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        # Uvicorn shuts down gracefully, then ends by the signal it caught, as `python -m secondround.server` does.
        assert process.wait(timeout=30) in (0, -signal.SIGTERM), log_path.read_text()
        assert "Application shutdown complete" in log_path.read_text()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_worker_starts_and_stops_on_sigterm(database, tmp_path):
    env = {**server_env(database.url), **command_env(tmp_path, SECONDROUND_DATABASE_URL=database.url)}
    env.update(SECONDROUND_ENVIRONMENT="test", SECONDROUND_SECRET_KEY="test-secret-" + "x" * 20)
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        process = _start(["worker"], env, log)
    try:
        _wait_for(r"webhook worker started", log_path, process)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0, log_path.read_text()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

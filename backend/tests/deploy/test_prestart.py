"""The prestart service's exact command (docker/compose.yaml) on a fresh database: two at once, one
migrates while the other waits for it, and both succeed; a database that never answers fails it
within its bounded retries, with a log line per try; the worker's health check follows the schema."""

import fcntl
import subprocess
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, make_url

from secondround.db.migrations import current_revision, head_revision
from secondround.deploy.prestart import MIGRATION_LOCK_KEY
from tests.support.databases import DATABASE_KIND, postgres_database, sqlite_database
from tests.support.deploy import compose_command, compose_service, local_argv, process_env


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database (no migration run) on this pass's engine."""
    factory = postgres_database if DATABASE_KIND == "postgres" else sqlite_database
    with factory(tmp_path, f"prestart_{uuid.uuid4().hex[:6]}") as db:
        yield db.url


def _prestart(url: str, log: Path, *extra: str) -> subprocess.Popen:
    argv = local_argv(compose_command("prestart")) + list(extra)
    env = process_env("prestart", SECONDROUND_DATABASE_URL=url, SECONDROUND_SECRET_KEY="prestart-" + "x" * 24)
    with log.open("wb") as out:
        return subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT)


class _HeldLock:
    """The migration lock, held by the test the way a running prestart holds it."""

    def __init__(self, url: str) -> None:
        self.url = url
        if DATABASE_KIND == "postgres":
            dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
            self.connection = psycopg.connect(dsn, autocommit=True)
            self.connection.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
        else:
            database = Path(make_url(url).database or "")
            self.handle = database.with_name(database.name + ".migrate.lock").open("a")
            fcntl.flock(self.handle, fcntl.LOCK_EX)

    def release(self) -> None:
        if DATABASE_KIND == "postgres":
            self.connection.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))
            self.connection.close()
        else:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()


def _wait_for_line(log: Path, text: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while text not in log.read_text(errors="replace"):
        assert time.monotonic() < deadline, f"{log.name} never said {text!r}:\n{log.read_text()}"
        time.sleep(0.05)


def test_two_prestarts_at_once_migrate_once_and_both_succeed(fresh_database, tmp_path):
    assert compose_service("prestart")["restart"] == "no"
    logs = [tmp_path / "prestart-1.log", tmp_path / "prestart-2.log"]
    # Both start while the lock is taken (as if a third were migrating), so both must wait, and
    # then exactly one of them migrates while the other waits for it.
    held = _HeldLock(fresh_database)
    try:
        processes = [_prestart(fresh_database, log) for log in logs]
        for log in logs:
            _wait_for_line(log, "another prestart is migrating the database; waiting")
    finally:
        held.release()
    codes = [p.wait(timeout=120) for p in processes]
    texts = [log.read_text() for log in logs]
    assert codes == [0, 0], "\n\n".join(texts)
    migrated = [t for t in texts if "migrating the schema from nothing to" in t]
    waited = [t for t in texts if "the schema is already at" in t]
    assert len(migrated) == 1 and len(waited) == 1, "\n\n".join(texts)
    for text in texts:
        assert "the database answers (attempt 1 of 30)" in text
        assert "prestart done: the API can start" in text
    engine = create_engine(fresh_database)
    try:
        with engine.connect() as connection:
            assert current_revision(connection) == head_revision()
    finally:
        engine.dispose()
    # Once more on a migrated database: nothing to do, at once.
    again = _prestart(fresh_database, tmp_path / "prestart-3.log")
    assert again.wait(timeout=60) == 0
    assert "nothing to migrate" in (tmp_path / "prestart-3.log").read_text()


def test_a_database_that_never_answers_fails_the_prestart_after_bounded_retries(tmp_path):
    with __import__("socket").socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once the socket is closed
    url = f"postgresql://postgres@127.0.0.1:{port}/nothing"
    started = time.monotonic()
    process = _prestart(url, tmp_path / "down.log", "--attempts", "3", "--delay", "0.2")
    assert process.wait(timeout=60) == 1
    text = (tmp_path / "down.log").read_text()
    assert text.count("the database is not answering yet") == 2, text
    assert "(attempt 2 of 3)" in text and "trying again in 0.2 s" in text
    assert "prestart failed: the database did not answer after 3 attempts" in text
    assert time.monotonic() - started < 30


def test_the_worker_health_check_says_whether_the_schema_is_migrated(fresh_database, tmp_path):
    check = compose_service("worker")["healthcheck"]["test"]
    assert check[0] == "CMD"
    env = process_env("worker", SECONDROUND_DATABASE_URL=fresh_database, SECONDROUND_SECRET_KEY="w-" + "x" * 30)
    before = subprocess.run(local_argv(check[1:]), env=env, capture_output=True, text=True, timeout=60)
    assert before.returncode == 1 and "the schema is at nothing" in before.stderr
    assert _prestart(fresh_database, tmp_path / "p.log").wait(timeout=120) == 0
    after = subprocess.run(local_argv(check[1:]), env=env, capture_output=True, text=True, timeout=60)
    assert after.returncode == 0, after.stderr

"""`python -m secondround.deploy.prestart`: wait for the database, then migrate it to the latest
revision, once, however many of these start at the same time.

Run before the API processes (docker/compose.yaml runs it as a one-shot service they depend on):

- the database may still be starting: it is tried `--attempts` times, `--delay` seconds apart, with
  one log line per failed try, and the command fails (exit 1) if it never answers;
- on PostgreSQL the upgrade runs under a session advisory lock, so a second prestart (another
  replica, a second deployment started at the same moment) waits for the first, then finds the
  schema at head and does nothing; on SQLite a lock file beside the database does the same;
- the database URL is the API's own, `SECONDROUND_DATABASE_URL`.

Exit status 0: the schema is at head. 1: the database never answered, or another prestart held the
lock for longer than `--lock-wait` seconds, or a migration failed (its error is logged).
"""

import argparse
import contextlib
import fcntl
import hashlib
import logging
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from sqlalchemy import Connection, Engine, make_url, text
from sqlalchemy.exc import DBAPIError

from secondround.config import get_settings
from secondround.db.migrations import alembic_config, current_revision, head_revision
from secondround.db.session import DatabaseLimits, create_db_engine

log = logging.getLogger("secondround.prestart")

# The advisory lock's key: any fixed 64-bit number the app uses for nothing else.
MIGRATION_LOCK_KEY = int.from_bytes(hashlib.sha256(b"secondround:migrations").digest()[:8], "big", signed=True)


class PrestartFailed(Exception):
    """The reason, in a sentence, that the API must not start."""


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def wait_for_database(engine: Engine, attempts: int, delay: float) -> None:
    """Return once `SELECT 1` answers; PrestartFailed after `attempts` failed tries."""
    started = time.monotonic()
    for attempt in range(1, attempts + 1):
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except DBAPIError as error:
            if attempt == attempts:
                raise PrestartFailed(
                    f"the database did not answer after {attempts} attempts over {time.monotonic() - started:.0f} s: "
                    f"{_first_line(error)}"
                ) from error
            log.warning(
                "the database is not answering yet (attempt %d of %d): %s; trying again in %g s",
                attempt,
                attempts,
                _first_line(error),
                delay,
            )
            time.sleep(delay)
        else:
            log.info("the database answers (attempt %d of %d)", attempt, attempts)
            return


@contextlib.contextmanager
def _postgres_lock(connection: Connection, lock_wait: float) -> Iterator[None]:
    """Hold the migration advisory lock (session level, so it outlives the transactions inside)."""
    started = time.monotonic()
    said = False
    while not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY}).scalar():
        connection.commit()
        if not said:
            log.info("another prestart is migrating the database; waiting for it (at most %g s)", lock_wait)
            said = True
        if time.monotonic() - started > lock_wait:
            raise PrestartFailed(f"another prestart held the migration lock for more than {lock_wait:g} s")
        time.sleep(0.25)
    connection.commit()
    if said:
        log.info("the other prestart finished after %.1f s", time.monotonic() - started)
    try:
        yield
    finally:
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
        connection.commit()


@contextlib.contextmanager
def _sqlite_lock(database: str | None, lock_wait: float) -> Iterator[None]:
    """An exclusive lock on `<database>.migrate.lock` (none for an in-memory database)."""
    if not database or database == ":memory:":
        yield
        return
    path = Path(database).with_name(Path(database).name + ".migrate.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with path.open("a") as handle:
        said = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not said:
                    log.info("another prestart is migrating the database; waiting for it (at most %g s)", lock_wait)
                    said = True
                if time.monotonic() - started > lock_wait:
                    raise PrestartFailed(
                        f"another prestart held the migration lock for more than {lock_wait:g} s"
                    ) from None
                time.sleep(0.25)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def migrate(engine: Engine, lock_wait: float) -> str:
    """Upgrade to head under the lock; return the revision the schema is at."""
    head = head_revision()
    with engine.connect() as connection:
        is_postgres = connection.dialect.name == "postgresql"
        if is_postgres:
            # A migration may rewrite a big table: no statement deadline here (lock_timeout stays, so
            # a migration that waits behind a long transaction fails instead of stalling every query).
            connection.execute(text("SET statement_timeout = 0"))
            connection.commit()
        lock = _postgres_lock(connection, lock_wait) if is_postgres else _sqlite_lock(engine.url.database, lock_wait)
        with lock:
            before = current_revision(connection)
            connection.commit()
            if before == head:
                log.info("the schema is already at %s (head): nothing to migrate", head)
                return head
            log.info("migrating the schema from %s to %s", before or "nothing", head)
            started = time.monotonic()
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            connection.commit()
            after = current_revision(connection)
            connection.commit()
            if after != head:
                raise PrestartFailed(f"the schema is at {after}, not at {head}, after the upgrade")
            log.info("migrated to %s in %.1f s", head, time.monotonic() - started)
            return after


def run(url: str, *, attempts: int, delay: float, lock_wait: float) -> str:
    limits = DatabaseLimits(pool_size=1, connect_timeout=3)
    engine = create_db_engine(url, limits, pooled=False)
    try:
        log.info("prestart: database %s", make_url(url).render_as_string(hide_password=True))
        wait_for_database(engine, attempts, delay)
        return migrate(engine, lock_wait)
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m secondround.deploy.prestart", description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=30, help="tries to reach the database (default 30)")
    parser.add_argument("--delay", type=float, default=2.0, help="seconds between tries (default 2)")
    parser.add_argument(
        "--lock-wait", type=float, default=600.0, help="seconds to wait for another prestart's migration (default 600)"
    )
    args = parser.parse_args(argv)
    if args.attempts < 1:
        parser.error("--attempts must be 1 or more")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("alembic").setLevel(logging.INFO)
    try:
        run(get_settings().sqlalchemy_url, attempts=args.attempts, delay=args.delay, lock_wait=args.lock_wait)
    except PrestartFailed as failure:
        log.error("prestart failed: %s", failure)
        return 1
    except DBAPIError as error:
        log.error("prestart failed: the migration stopped with a database error: %s", _first_line(error))
        return 1
    log.info("prestart done: the API can start")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Database engine and the per-request session (one transaction per request)."""

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from anyio import CancelScope, CapacityLimiter, to_thread
from fastapi import Depends, Request
from sqlalchemy import Engine, Executable, NullPool, Row, create_engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session

from secondround.api.app_state import app_state
from secondround.api.problems import ServiceUnavailable


@dataclass(frozen=True)
class DatabaseLimits:
    """How long the database may make a request wait, and how many connections a process holds."""

    pool_size: int = 16
    pool_timeout: float = 3
    connect_timeout: int = 3
    statement_timeout: float = 10
    lock_timeout: float = 5
    busy_timeout: float = 5

    @classmethod
    def from_settings(cls, settings) -> "DatabaseLimits":
        return cls(
            pool_size=settings.max_active_requests,
            pool_timeout=settings.queue_timeout_seconds,
            connect_timeout=settings.db_connect_timeout_seconds,
            statement_timeout=settings.db_statement_timeout_seconds,
            lock_timeout=settings.db_lock_timeout_seconds,
            busy_timeout=settings.sqlite_busy_timeout_seconds,
        )


def create_db_engine(url: str, limits: DatabaseLimits | None = None, *, pooled: bool = True) -> Engine:
    """The engine for `url`. `pooled=False` opens a fresh connection for every use (health probes)."""
    limits = limits or DatabaseLimits()
    parsed = make_url(url)
    # One connection per request that runs at once (the admission limit); a little overflow for
    # the odd use outside a request. Waiting for one is bounded and ends in a 503.
    pool = (
        {"pool_size": limits.pool_size, "max_overflow": 4, "pool_timeout": limits.pool_timeout}
        if pooled
        else {"poolclass": NullPool}
    )
    if parsed.get_backend_name() != "sqlite":
        # statement_timeout and lock_timeout are enforced by the server; connect_timeout by libpq. A
        # transaction left open by a wedged request is ended after a minute, so its locks go too.
        statement_ms, lock_ms = int(limits.statement_timeout * 1000), int(limits.lock_timeout * 1000)
        options = (
            f"-c statement_timeout={statement_ms} -c lock_timeout={lock_ms}"
            " -c idle_in_transaction_session_timeout=60000"
        )
        connect_args = {"connect_timeout": limits.connect_timeout, "options": options}
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **pool)

    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    # Requests run in a thread pool, so one connection may move between threads.
    in_memory = not parsed.database or parsed.database == ":memory:"
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": limits.busy_timeout},
        **({} if in_memory else pool),  # an in-memory database lives in one connection
    )

    @event.listens_for(engine, "connect")
    def _tune_sqlite(dbapi_connection, _record) -> None:  # pragma: no branch
        # We emit BEGIN ourselves (below); pysqlite's own transaction handling would get in the way.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # WAL lets readers run while one writer writes; the busy timeout makes a second writer wait
        # (a few seconds, then a 503) instead of failing at once; SQLite only enforces foreign keys
        # when asked; synchronous=FULL syncs the WAL at every commit, so an acknowledged write
        # survives a power cut (NORMAL may lose the last ones; docs/decisions.md).
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(limits.busy_timeout * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        # A writing request takes SQLite's write lock up front (BEGIN IMMEDIATE): two writers then
        # queue on the busy timeout instead of one failing when it upgrades a stale read snapshot.
        writes = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    return engine


WRITE_OPTION = "secondround_writes"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def writes(db: Session) -> bool:
    """Whether the session belongs to a request that may write (an unsafe method)."""
    return db.info.get(WRITE_OPTION, False)


async def get_db(request: Request) -> AsyncIterator[Session]:
    """Open the request's session; commit when the endpoint returns, roll back if it raises.

    Used with scope="function" so the commit happens before the response is sent: a client
    never sees a 2xx for a change that then failed to commit.

    Async, although the session is sync: making a Session does no IO (it connects at its first
    statement, inside a sync dependency or endpoint, in a worker thread), so only the commit needs
    a worker thread, which saves a thread hop per request over a sync generator.
    """
    engine = app_state(request.app).engine
    may_write = request.method in UNSAFE_METHODS
    if may_write:
        engine = engine.execution_options(**{WRITE_OPTION: True})
    db = Session(engine, expire_on_commit=False, info={WRITE_OPTION: may_write})
    # Like FastAPI's own sync-generator exit: shielded from cancellation, and on a limiter of its
    # own so ending a session never waits for a worker thread that waits for a connection.
    exit_limiter = CapacityLimiter(1)
    try:
        yield db
    except BaseException:
        with CancelScope(shield=True):
            await to_thread.run_sync(_rollback_and_close, db, limiter=exit_limiter)
        raise
    if getattr(request.state, "abandoned", False):
        # The client already got a 503 (middleware/admission.py): do not commit behind its back.
        with CancelScope(shield=True):
            await to_thread.run_sync(_rollback_and_close, db, limiter=exit_limiter)
        raise ServiceUnavailable("The request took too long and was not saved; try again.")
    with CancelScope(shield=True):
        await to_thread.run_sync(_commit_and_close, db, limiter=exit_limiter)


def _commit_and_close(db: Session) -> None:
    try:
        db.commit()
    except BaseException:
        db.rollback()
        raise
    finally:
        db.close()


def _rollback_and_close(db: Session) -> None:
    try:
        db.rollback()
    finally:
        db.close()


DbSession = Annotated[Session, Depends(get_db, scope="function")]


def plain_rows(db: Session, statement: Executable) -> Sequence[Row]:
    """Run a select of plain columns on the session's connection, inside its transaction.

    Session.execute would also work, but it hands every row through the ORM's result machinery;
    straight from the connection a page of 50 rows reads about a sixth faster. For reads of
    columns only, never entities (nothing is autoflushed or put in the identity map).
    """
    return db.connection().execute(statement).all()

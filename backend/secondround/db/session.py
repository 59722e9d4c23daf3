"""Database engine and the per-request session (one transaction per request)."""

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Annotated, Concatenate, ParamSpec, TypeVar

from anyio import CancelScope, CapacityLimiter, to_thread
from fastapi import Depends, Request
from sqlalchemy import Engine, Executable, NullPool, Row, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.util.concurrency import greenlet_spawn
from sqlmodel import Session
from sqlmodel.ext.asyncio.session import AsyncSession

from secondround.api.app_state import app_state
from secondround.api.problems import ServiceUnavailable

P = ParamSpec("P")
T = TypeVar("T")


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


def create_async_db_engine(url: str, limits: DatabaseLimits) -> AsyncEngine:
    """PostgreSQL's engine for requests: psycopg in async mode, with the same limits as create_db_engine."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgresql+psycopg"):
        parsed = parsed.set(drivername="postgresql+psycopg_async")
    statement_ms, lock_ms = int(limits.statement_timeout * 1000), int(limits.lock_timeout * 1000)
    options = (
        f"-c statement_timeout={statement_ms} -c lock_timeout={lock_ms} -c idle_in_transaction_session_timeout=60000"
    )
    return create_async_engine(
        parsed,
        pool_pre_ping=True,
        pool_size=limits.pool_size,
        max_overflow=4,
        pool_timeout=limits.pool_timeout,
        connect_args={"connect_timeout": limits.connect_timeout, "options": options},
    )


WRITE_OPTION = "secondround_writes"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def writes(db: Session) -> bool:
    """Whether the session belongs to a request that may write (an unsafe method)."""
    return db.info.get(WRITE_OPTION, False)


class RequestSession:
    """A request's database session, reached from async code: `await db.run(fn, *args)` calls
    `fn(session, *args)` with a sync SQLModel Session, so services and queries stay plain functions.

    How `run` reaches the database is the request model (docs/decisions.md, "The request model"):
    - PostgreSQL: SQLAlchemy's asyncio engine on psycopg's async mode; `fn` runs on the event loop
      (in a greenlet) and each statement awaits the driver: no worker thread at all.
    - SQLite, reading: on the event loop (in a greenlet, like PostgreSQL's, so a CPU-heavy step can
      still leave the loop: helpers/off_loop.py). SQLite is a library in this process: a query is
      CPU work that holds the interpreter anyway, and a thread only added hand-offs (twice the CPU
      per page).
    - SQLite, writing: in a worker thread, because BEGIN IMMEDIATE may wait for another process's
      write lock (busy timeout) and a commit syncs the disk; neither may stall the event loop.
    """

    def __init__(self, session: Session | None, async_session: AsyncSession | None, *, writes: bool) -> None:
        self._session = session
        self._async_session = async_session
        self.writes = writes
        # Each writing SQLite request has a limiter of its own, so ending its session never waits
        # for a worker thread that waits for a connection.
        self._limiter = CapacityLimiter(1) if writes and session is not None else None

    async def run(self, fn: Callable[Concatenate[Session, P], T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        if self._async_session is not None:
            # The sync session behind sqlmodel's AsyncSession is a sqlmodel Session.
            return await self._async_session.run_sync(fn, *args, **kwargs)  # type: ignore[arg-type]
        assert self._session is not None
        if self._limiter is None:
            return await greenlet_spawn(partial(fn, self._session, *args, **kwargs))
        return await to_thread.run_sync(partial(fn, self._session, *args, **kwargs), limiter=self._limiter)

    async def _end(self, commit: bool) -> None:
        def end(db: Session) -> None:
            try:
                if commit:
                    db.commit()
                else:
                    db.rollback()
            except BaseException:
                db.rollback()
                raise
            finally:
                db.close()

        # Shielded like FastAPI's own exit of a dependency: a cancelled request still ends its transaction.
        with CancelScope(shield=True):
            if self._async_session is not None:
                try:
                    if commit:
                        await self._async_session.commit()
                    else:
                        await self._async_session.rollback()
                except BaseException:
                    await self._async_session.rollback()
                    raise
                finally:
                    await self._async_session.close()
            else:
                assert self._session is not None
                limiter = self._limiter or CapacityLimiter(1)
                if self.writes:
                    await to_thread.run_sync(end, self._session, limiter=limiter)
                else:
                    end(self._session)  # ending a read transaction does no IO worth a thread

    async def commit_and_close(self) -> None:
        await self._end(commit=True)

    async def rollback_and_close(self) -> None:
        await self._end(commit=False)


class Database:
    """The app's database: what requests run on, and a plain sync engine for tools and probes."""

    def __init__(self, url: str, limits: DatabaseLimits | None = None) -> None:
        self.url = url
        self.limits = limits or DatabaseLimits()
        self.is_sqlite = make_url(url).get_backend_name() == "sqlite"
        self._sync_engine: Engine | None = None
        self.async_engine: AsyncEngine | None = None
        if self.is_sqlite:
            self._sync_engine = create_db_engine(url, self.limits)
        else:
            self.async_engine = create_async_db_engine(url, self.limits)

    @property
    def engine(self) -> Engine:
        """A sync engine on the same database (SQLite: the one requests use; PostgreSQL: a second,
        lazily connected pool on psycopg's sync mode, for tools and tests)."""
        if self._sync_engine is None:
            self._sync_engine = create_db_engine(self.url, self.limits)
        return self._sync_engine

    @property
    def request_engine(self) -> Engine:
        """The engine whose events see every statement a request runs."""
        return self.async_engine.sync_engine if self.async_engine is not None else self.engine

    @property
    def dialect_name(self) -> str:
        return self.request_engine.dialect.name

    def session(self, *, writes: bool) -> RequestSession:
        info = {WRITE_OPTION: writes}
        if self.async_engine is not None:
            return RequestSession(
                None, AsyncSession(self.async_engine, expire_on_commit=False, info=info), writes=writes
            )
        engine = self.engine.execution_options(**{WRITE_OPTION: True}) if writes else self.engine
        return RequestSession(Session(engine, expire_on_commit=False, info=info), None, writes=writes)

    async def in_transaction(self, fn: Callable[Concatenate[Session, P], T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """`fn` in a write transaction of its own, committed when it returns (the background
        workers' unit of work; a request's transaction is the request dependency's)."""
        db = self.session(writes=True)
        try:
            result = await db.run(fn, *args, **kwargs)
        except BaseException:
            await db.rollback_and_close()
            raise
        await db.commit_and_close()
        return result

    async def read(self, fn: Callable[Concatenate[Session, P], T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """`fn` in a read-only session of its own, rolled back after."""
        db = self.session(writes=False)
        try:
            return await db.run(fn, *args, **kwargs)
        finally:
            await db.rollback_and_close()

    async def dispose(self) -> None:
        if self.async_engine is not None:
            await self.async_engine.dispose()
        if self._sync_engine is not None:
            self._sync_engine.dispose()

    def dispose_sync(self) -> None:
        """Close every pooled connection from a thread with no event loop running (tests, tools)."""
        if self.async_engine is not None:
            asyncio.run(self.async_engine.dispose())
        if self._sync_engine is not None:
            self._sync_engine.dispose()


async def get_db(request: Request) -> AsyncIterator[RequestSession]:
    """Open the request's session; commit when the endpoint returns, roll back if it raises.

    Used with scope="function" so the commit happens before the response is sent: a client
    never sees a 2xx for a change that then failed to commit.
    """
    db = app_state(request.app).database.session(writes=request.method in UNSAFE_METHODS)
    try:
        yield db
    except BaseException:
        await db.rollback_and_close()
        raise
    if getattr(request.state, "abandoned", False):
        # The client already got a 503 (middleware/admission.py): do not commit behind its back.
        await db.rollback_and_close()
        raise ServiceUnavailable("The request took too long and was not saved; try again.")
    await db.commit_and_close()


DbSession = Annotated[RequestSession, Depends(get_db, scope="function")]


def plain_rows(db: Session, statement: Executable) -> Sequence[Row]:
    """Run a select of plain columns on the session's connection, inside its transaction.

    Session.execute would also work, but it hands every row through the ORM's result machinery;
    straight from the connection a page of 50 rows reads about a sixth faster. For reads of
    columns only, never entities (nothing is autoflushed or put in the identity map).
    """
    return db.connection().execute(statement).all()

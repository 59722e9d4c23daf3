"""A database that is down, hung or busy is a 503 with Retry-After, never a 500 and never a minute.

Two parts: the errors that mean "the database cannot serve us right now" become a
`/problems/service-unavailable` problem; and a probe, run on a fresh connection in its own small
thread budget with its own deadline, tells whether the database answers at all (readiness, and the
admission middleware when a request stalls).
"""

import asyncio
import time
from dataclasses import dataclass

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Engine, text
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from secondround.api.app_state import app_state
from secondround.api.problems import ServiceUnavailable, error_response
from secondround.db.migrations import current_revision

RETRY_AFTER_SECONDS = 2
# SQLite reports programming mistakes ("no such column") as OperationalError too; only these mean
# the database is busy or cannot be reached.
_SQLITE_UNAVAILABLE = ("locked", "busy", "unable to open", "disk i/o", "database or disk is full", "interrupted")


def is_unavailable(exc: BaseException) -> bool:
    if isinstance(exc, (PoolTimeoutError, DisconnectionError, InterfaceError)):
        return True
    if isinstance(exc, OperationalError):
        if type(exc.orig).__module__.startswith("sqlite3"):
            return any(marker in str(exc.orig).lower() for marker in _SQLITE_UNAVAILABLE)
        return True  # psycopg: connection failures, statement/lock timeouts, deadlocks, serialization
    return False


def unavailable(detail: str) -> ServiceUnavailable:
    return ServiceUnavailable(detail, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def install_database_failure_handlers(app: FastAPI) -> None:
    async def _database_unavailable(request: Request, exc: Exception) -> JSONResponse:
        if not is_unavailable(exc):
            raise exc  # a bug, not an outage: the generic handler logs it as such
        # A request has just seen the database fail: readiness must not answer from a cached "ok".
        app_state(request.app).db_probe.forget()
        detail = (
            f"The database is unavailable or busy ({type(getattr(exc, 'orig', None) or exc).__name__}); "
            f"try again in {RETRY_AFTER_SECONDS} seconds."
        )
        return error_response(unavailable(detail), instance=request.url.path)

    for error in (OperationalError, InterfaceError, DisconnectionError, PoolTimeoutError):
        app.add_exception_handler(error, _database_unavailable)


@dataclass(frozen=True)
class ProbeResult:
    ok: bool
    detail: str
    revision: str | None = None
    at: float = 0.0


class DatabaseProbe:
    """Asks the database for its schema revision on a fresh connection, at most one probe at a time.

    The probe runs in a worker thread of its own budget (a hung database must not take the
    request threads with it) and its answer is awaited for `timeout` seconds at most. Answers are
    shared by the callers that arrive while it runs; a failure is reused for `reuse_seconds`.
    """

    def __init__(self, engine: Engine, *, timeout: float = 1.0, reuse_seconds: float = 1.0) -> None:
        self.engine = engine
        self.timeout = timeout
        self.reuse_seconds = reuse_seconds
        self.last: ProbeResult | None = None
        self._running: asyncio.Task | None = None
        self._threads = anyio.CapacityLimiter(2)

    def forget(self) -> None:
        """Drop the reused answer, so the next check asks the database again."""
        self.last = None

    def recently_down(self, within: float) -> bool:
        return self.last is not None and not self.last.ok and time.monotonic() - self.last.at < within

    async def check(self) -> ProbeResult:
        # Only a failure is reused (so a down database is not hammered); "ready" is always asked
        # afresh, or a probe would report a database that froze a moment ago as ready. Callers that
        # arrive while a probe runs share it, so a burst still costs one connection.
        if self.last is not None and not self.last.ok and time.monotonic() - self.last.at < self.reuse_seconds:
            return self.last
        if self._running is None or self._running.done():
            self._running = asyncio.ensure_future(self._probe())
        return await asyncio.shield(self._running)

    async def _probe(self) -> ProbeResult:
        result = ProbeResult(False, f"the database did not answer within {self.timeout:g} s", at=time.monotonic())
        with anyio.move_on_after(self.timeout):
            try:
                revision = await anyio.to_thread.run_sync(self._ask, abandon_on_cancel=True, limiter=self._threads)
                result = ProbeResult(True, "ok", revision, at=time.monotonic())
            except Exception as exc:  # any driver error means "not available"
                result = ProbeResult(False, f"the database is unreachable ({type(exc).__name__})", at=time.monotonic())
        self.last = result
        return result

    def _ask(self) -> str | None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            return current_revision(connection)

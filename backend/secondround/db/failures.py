"""A database that is down, hung or busy is a 503 with Retry-After, never a 500 and never a minute.

Two parts: the errors that mean "the database cannot serve us right now" become a
`/problems/service-unavailable` problem; and a probe, run on a fresh connection in its own small
thread budget, tells whether the database answers at all (readiness, and the admission middleware
when a request stalls). "Down" is decided on evidence from the database only (DatabaseProbe).
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
from secondround.db.session import DatabaseLimits

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
    # True only on evidence from the database itself: a driver error, or one of its own deadlines
    # (libpq's connect_timeout, the server's statement_timeout, SQLite's busy timeout). A probe that
    # merely ran out of our wall-clock patience is not evidence: the interpreter may have been busy.
    down: bool = False


# The probe's own deadlines, enforced by the driver and the server rather than by our clock:
# libpq's connect_timeout (its minimum, 2 s) and a statement_timeout for the two small queries.
PROBE_LIMITS = DatabaseLimits(connect_timeout=2, statement_timeout=1.5, lock_timeout=1.0, busy_timeout=1.5)


class DatabaseProbe:
    """Asks the database for its schema revision on a fresh connection, at most one probe at a time.

    Only the database can say it is down. A probe runs in a worker thread of its own budget (a hung
    database must not take the request threads with it) and ends in an answer or a driver error;
    its length is bounded by the driver's and the server's own deadlines (PROBE_LIMITS), which a
    busy interpreter does not shorten. Callers that arrive while it runs share it. `check(wait=...)`
    gives up waiting after `wait` seconds and says so ("inconclusive": not ready, not down);
    `evidence()` waits for the database's own answer. Only a failure with evidence (`down`) is
    remembered, for `reuse_seconds`, and only it makes the admission middleware refuse requests.
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
        return self.last is not None and self.last.down and time.monotonic() - self.last.at < within

    async def check(self, wait: float | None = None) -> ProbeResult:
        """The database's answer, or after `wait` seconds (default: `timeout`) an inconclusive one."""
        wait = self.timeout if wait is None else wait
        try:
            return await asyncio.wait_for(self.evidence(), wait)
        except TimeoutError:
            return ProbeResult(False, f"the database did not answer within {wait:g} s", at=time.monotonic())

    async def evidence(self) -> ProbeResult:
        """Wait for the database's own answer: a revision, or a driver error (bounded by PROBE_LIMITS)."""
        # Only a failure is reused (so a down database is not hammered); "ready" is always asked
        # afresh, or a probe would report a database that froze a moment ago as ready.
        if self.recently_down(within=self.reuse_seconds):
            assert self.last is not None
            return self.last
        if self._running is None or self._running.done():
            self._running = asyncio.ensure_future(self._probe())
        return await asyncio.shield(self._running)

    async def _probe(self) -> ProbeResult:
        try:
            revision = await anyio.to_thread.run_sync(self._ask, abandon_on_cancel=True, limiter=self._threads)
            result = ProbeResult(True, "ok", revision, at=time.monotonic())
        except Exception as exc:  # a driver error: the database says it cannot serve
            result = ProbeResult(False, _why(exc), at=time.monotonic(), down=True)
        self.last = result
        return result

    def _ask(self) -> str | None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            return current_revision(connection)


def _why(exc: Exception) -> str:
    reason = str(getattr(exc, "orig", None) or exc).lower()
    if "timeout" in reason or "timed out" in reason or "canceling statement" in reason:
        return "the database did not answer in time"
    return f"the database is unreachable ({type(getattr(exc, 'orig', None) or exc).__name__})"

"""Admission control: how many requests run at once, per account and in all, and for how long.

A running request holds a pooled connection (and, for a SQLite write, a worker thread; see "The
request model" in docs/decisions.md). Without a limit in front, a crowd of requests would queue on
the pool until its timeout and fail together. So, on the event loop, before any connection is taken:

- one account (keyed on the account once a request with the credential has named it; before that,
  and for a missing or unknown credential, on the client address) runs at most `per_account`
  requests at once; one more is refused at once with a 429 and Retry-After;
- at most `slots` requests run at once (the pool has a connection for each); the rest wait in
  line up to `queue_timeout`, then get a 503 with Retry-After;
- a request that runs longer than `stall_check` makes the middleware ask the database whether it
  still answers (on a fresh connection, db/failures.py); if the database says it cannot (a driver
  error or one of its own deadlines), or after `request_timeout`, the client gets a 503 and the
  request's transaction is not committed (db/session.py). Its slot stays taken until the request
  really ends, so a hung database cannot make the server open ever more connections or threads.
- once the database has said it is down, every request is refused for a moment (Retry-After) rather
  than sent to wait on it. A probe that only ran out of wall-clock time on a busy interpreter is
  not such evidence and never refuses anyone.
"""

import asyncio
import hashlib
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from secondround.accounts.credentials import SESSION_COOKIE as _SESSION_COOKIE
from secondround.api.problems import ProblemError, ServiceUnavailable, TooManyRequests, error_response
from secondround.db.failures import RETRY_AFTER_SECONDS, DatabaseProbe

log = logging.getLogger("secondround")
SESSION_COOKIE = _SESSION_COOKIE.encode()
# Paths that never wait in line: liveness, and readiness (which has its own deadline).
UNLIMITED_PATHS = frozenset({"/api/v1/health", "/api/v1/health/ready"})
# The per-account limit as the RateLimit fields name it, and the wait its 429 asks for.
IN_PROGRESS_POLICY = "per-account-in-progress"
IN_PROGRESS_RETRY_SECONDS = 1
KNOWN_ACCOUNTS = 10_000  # credential -> account entries remembered (least recently used dropped)


def credential_key(scope: Scope) -> str:
    """Who is asking: a hash of the bearer token or session cookie, else the client address."""
    for name, value in scope["headers"]:
        if name == b"authorization" and value[:7].lower() == b"bearer ":
            return "cred:" + hashlib.sha256(value[7:].strip()).hexdigest()[:32]
        if name == b"cookie" and SESSION_COOKIE in value:
            for part in value.split(b";"):
                key, _, cookie = part.strip().partition(b"=")
                if key == SESSION_COOKIE and cookie:
                    return "cred:" + hashlib.sha256(cookie).hexdigest()[:32]
    return address_key(scope)


def address_key(scope: Scope) -> str:
    client = scope.get("client")
    return "addr:" + (client[0] if client else "unknown")


@dataclass
class AdmissionCounts:
    """Requests holding a slot, and waiting for one: read by /metrics (observability/metrics.py)."""

    admitted: int = 0
    waiting: int = 0


class AdmissionMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        slots: int,
        per_account: int,
        queue_timeout: float,
        request_timeout: float,
        probe: DatabaseProbe,
        stall_check: float = 2.0,
        counts: AdmissionCounts | None = None,
    ) -> None:
        self.app = app
        self.counts = counts or AdmissionCounts()  # read by /metrics
        self.slots = slots
        self.per_account = per_account
        self.queue_timeout = queue_timeout
        self.request_timeout = request_timeout
        self.probe = probe
        self.stall_check = stall_check
        self._semaphore: asyncio.Semaphore | None = None
        self._running: dict[str, int] = {}
        self._accounts: OrderedDict[str, str] = OrderedDict()  # credential key -> "account:<id>"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in UNLIMITED_PATHS or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        if self._semaphore is None:  # made here, on the server's event loop
            self._semaphore = asyncio.Semaphore(self.slots)
            # Every admitted request can have a worker thread, with some to spare for the rest.
            threads = anyio.to_thread.current_default_thread_limiter()
            threads.total_tokens = max(threads.total_tokens, self.slots + 8)

        credential = credential_key(scope)
        # A credential not yet known to name an account (new, random, revoked) counts with its
        # address: random Authorization headers must not each get a limit of their own.
        key = self._accounts.get(credential) or address_key(scope)
        if self._running.get(key, 0) >= self.per_account:
            detail = f"This account already has {self.per_account} requests in progress; wait for them to finish."
            await _refuse(scope, receive, send, TooManyRequests(detail, headers=self._in_progress_fields()))
            return
        if self.probe.recently_down(within=RETRY_AFTER_SECONDS):
            await _refuse(scope, receive, send, ServiceUnavailable("The database is not answering; try again soon."))
            return

        self._running[key] = self._running.get(key, 0) + 1
        counts = self.counts
        counts.waiting += 1
        try:
            semaphore = self._semaphore
            await asyncio.wait_for(semaphore.acquire(), self.queue_timeout)
        except TimeoutError:
            self._finished(key)
            await _refuse(scope, receive, send, ServiceUnavailable("The server is busy; try again in a moment."))
            return
        except BaseException:  # cancelled while in line (shutdown)
            self._finished(key)
            raise
        finally:
            counts.waiting -= 1
        counts.admitted += 1

        started = time.monotonic()
        state = {"response_started": False, "abandoned": False}

        async def guarded_send(message: Message) -> None:
            if state["abandoned"]:
                return  # the client already has its 503
            if message["type"] == "http.response.start":
                state["response_started"] = True
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, guarded_send))

        def done(_task: asyncio.Task) -> None:
            semaphore.release()
            counts.admitted -= 1
            self._finished(key)
            self._remember_account(credential, scope)
            error = None if _task.cancelled() else _task.exception()
            if error is not None and state["abandoned"]:  # nobody else will see it
                log.error("error after a 503 on %s %s", scope["method"], scope["path"], exc_info=error)

        task.add_done_callback(done)

        finished, _ = await asyncio.wait({task}, timeout=self.stall_check)
        if finished:
            task.result()
            return
        # The request runs long: a slow query, a busy interpreter, or a database that stopped
        # answering. Only the database's own answer tells them apart (db/failures.py): wait for the
        # request or for that evidence, whichever comes first, up to the request's deadline.
        probe = asyncio.ensure_future(self.probe.evidence())
        remaining = self.request_timeout - (time.monotonic() - started)
        either: set[asyncio.Future[Any]] = {task, probe}
        first, _ = await asyncio.wait(either, timeout=max(0.0, remaining), return_when=asyncio.FIRST_COMPLETED)
        if task in first:
            probe.cancel()  # the shared probe itself runs on (shielded) for whoever else waits
            task.result()
            return
        if probe in first and (verdict := probe.result()).down:
            detail = f"The database is not answering ({verdict.detail}); the request was not saved. Try again soon."
        else:
            probe.cancel()
            remaining = self.request_timeout - (time.monotonic() - started)
            finished, _ = await asyncio.wait({task}, timeout=max(0.0, remaining))
            if finished:
                task.result()
                return
            detail = f"The request took longer than {self.request_timeout:g} s and was not saved; try again."
        if state["response_started"]:
            await task  # the response is already under way: let it finish
            return
        state["abandoned"] = True
        scope.setdefault("state", {})["abandoned"] = True  # db/session.py refuses to commit it
        await _refuse(scope, receive, send, ServiceUnavailable(detail))

    def _in_progress_fields(self) -> dict[str, str]:
        """The RateLimit fields of this limit (draft-ietf-httpapi-ratelimit-headers): its quota units are
        requests in progress, none is left, and the window is the second Retry-After names."""
        return {
            "RateLimit-Policy": f'"{IN_PROGRESS_POLICY}";q={self.per_account};w={IN_PROGRESS_RETRY_SECONDS}',
            "RateLimit": f'"{IN_PROGRESS_POLICY}";r=0;t={IN_PROGRESS_RETRY_SECONDS}',
        }

    def _finished(self, key: str) -> None:
        left = self._running.get(key, 1) - 1
        if left:
            self._running[key] = left
        else:
            self._running.pop(key, None)

    def _remember_account(self, credential: str, scope: Scope) -> None:
        """Once a credential is known to belong to an account, count it with the account's others."""
        account = scope.get("state", {}).get("account_id")
        if account is None or not credential.startswith("cred:"):
            return
        self._accounts[credential] = f"account:{account}"
        self._accounts.move_to_end(credential)
        while len(self._accounts) > KNOWN_ACCOUNTS:
            self._accounts.popitem(last=False)


async def _refuse(scope: Scope, receive: Receive, send: Send, error: ProblemError) -> None:
    """Answer before (or instead of) the app, with the error's problem document and Retry-After."""
    retry_after = IN_PROGRESS_RETRY_SECONDS if isinstance(error, TooManyRequests) else RETRY_AFTER_SECONDS
    await error_response(error, instance=scope["path"], headers={"Retry-After": str(retry_after)})(scope, receive, send)

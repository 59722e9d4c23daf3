"""Time limits and a connection cap for uvicorn's HTTP/1.1 protocol (h11).

Uvicorn closes idle keep-alive connections but has no limit on how long a client may take to send
its request: a socket that sends half a request line and then nothing holds a file descriptor for
ever, and enough of them exhaust the process. This protocol adds:

- a header deadline: the request head must be complete within `header_timeout` of the connection
  opening (or of its first byte after a keep-alive pause);
- a body deadline: the body must be complete within `body_timeout` of the head;
- a cap on open connections: past it, a new connection evicts the oldest one that is not in the
  middle of a request (half-open or idle keep-alive) and has had a second to send one; only when
  there is none is the new one refused. A flood of half-open sockets therefore cannot lock out a
  client that sends its request at once, and a burst of new sockets cannot evict that client
  before its request has arrived.

A connection past a deadline is closed without a response and without a log line per connection
(a count is kept instead, so a flood cannot flood the log).
"""

import asyncio
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


@dataclass
class ConnectionLimits:
    header_timeout: float
    body_timeout: float
    max_connections: int
    # A connection may be evicted once it has been idle this long (seconds).
    eviction_grace: float = 1.0
    # Connections not in the middle of a request, oldest first, with when they became idle: the
    # ones a new connection may evict.
    idle: "OrderedDict[GuardedH11Protocol, float]" = field(default_factory=OrderedDict)
    closed_for_timeout: int = 0
    evicted: int = 0
    refused: int = 0


class GuardedH11Protocol(H11Protocol):
    limits: ConnectionLimits  # set on the subclass made by `protocol_with_limits`

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._deadline_kind: str | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.limits.max_connections and not self._evict_one():
            self.limits.refused += 1
            self._close()
            return
        self._track_state()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_deadline()
        self.limits.idle.pop(self, None)
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        self._track_state()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._track_state()

    def _evict_one(self) -> bool:
        """Close the oldest connection that holds no request and has had its chance; False if none."""
        if not self.limits.idle:
            return False
        victim, since = next(iter(self.limits.idle.items()))
        if victim is self or self.loop.time() - since < self.limits.eviction_grace:
            return False  # the oldest idle one is too young: so is every other
        self.limits.idle.pop(victim)
        self.limits.evicted += 1
        victim._close()
        return True

    def _busy(self) -> bool:
        return self.cycle is not None and not self.cycle.response_complete

    def _track_state(self) -> None:
        """Arm the deadline that matches where the client is in its request."""
        if self.transport is None or self.transport.is_closing():
            return
        state = self.conn.their_state
        if state is h11.IDLE and not self._busy():
            self.limits.idle.setdefault(self, self.loop.time())
            # Between requests uvicorn's keep-alive timer runs until the next byte arrives; from then
            # on (or from the start of a fresh connection) the head must come in time.
            if self.timeout_keep_alive_task is None:
                self._arm("header", self.limits.header_timeout)
        else:
            self.limits.idle.pop(self, None)
            if state is h11.SEND_BODY:
                self._arm("body", self.limits.body_timeout)
            else:
                self._cancel_deadline()

    def _arm(self, kind: str, seconds: float) -> None:
        if self._deadline_kind == kind:
            return  # already running: a trickle of bytes does not extend it
        self._cancel_deadline()
        self._deadline_kind = kind
        self._deadline = self.loop.call_later(seconds, self._on_deadline)

    def _cancel_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = None
        self._deadline_kind = None

    def _on_deadline(self) -> None:
        self._deadline = None
        self._deadline_kind = None
        self.limits.closed_for_timeout += 1
        self._close()

    def _close(self) -> None:
        self.limits.idle.pop(self, None)
        self._cancel_deadline()
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.keep_alive = False
        self.transport.close()


def protocol_with_limits(limits: ConnectionLimits) -> type[GuardedH11Protocol]:
    """A protocol class bound to one server's limits (uvicorn takes a class, not an instance)."""
    return type("GuardedH11Protocol", (GuardedH11Protocol,), {"limits": limits})

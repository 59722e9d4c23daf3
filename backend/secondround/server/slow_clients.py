"""Time limits and a connection cap for uvicorn's HTTP/1.1 protocol (h11).

Uvicorn closes idle keep-alive connections but has no limit on how long a client may take to send
its request, nor to read its response: a socket that sends half a request line and then nothing,
or that pipelines requests for a large file and never reads, holds a file descriptor (and, for
the second, a response and its buffers) for ever; enough of them exhaust the process. This
protocol adds:

- a header deadline: the request head must be complete within `header_timeout` of the connection
  opening (or of its first byte after a keep-alive pause);
- a body deadline: the body must be complete within `body_timeout` of the head;
- a send deadline: a response the client has stopped reading (the transport's buffer is full and
  asyncio paused our writing) for `send_timeout` seconds ends the connection;
- a cap on open connections: past it, a new connection evicts the oldest one that holds no request
  in progress (half-open or idle keep-alive) once it has had a second to send one
  (`eviction_grace`), else the oldest whose client stopped reading its response; only when there is
  neither is the new one refused. A flood of half-open or never-reading sockets therefore cannot
  lock out a client that sends its request and reads its answer, and a burst of new sockets cannot
  evict that client before its request has arrived;
- a cap per client address (`max_per_address`, 0 for none): the same eviction, among that
  address's own connections, so one address cannot take the whole cap.

A connection past a deadline is cut off (aborted: a close would wait for the client to read what
is buffered) without a response and without a log line per connection (a count is kept instead,
so a flood cannot flood the log).
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
    send_timeout: float = 30.0
    max_per_address: int = 0  # 0: no cap per address
    # An idle connection may be evicted once it has been idle this long (seconds).
    eviction_grace: float = 1.0
    # The connections a new one may evict, oldest first, with when they became so: those not in
    # the middle of a request, and those whose client stopped reading its response.
    idle: "OrderedDict[GuardedH11Protocol, float]" = field(default_factory=OrderedDict)
    stalled: "OrderedDict[GuardedH11Protocol, float]" = field(default_factory=OrderedDict)
    per_address: dict[str, int] = field(default_factory=dict)
    closed_for_timeout: int = 0
    closed_for_not_reading: int = 0
    evicted: int = 0
    refused: int = 0


class GuardedH11Protocol(H11Protocol):
    limits: ConnectionLimits  # set on the subclass made by `protocol_with_limits`

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._deadline_kind: str | None = None
        self._send_deadline: asyncio.TimerHandle | None = None
        self._address: str | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        peer = transport.get_extra_info("peername")
        self._address = str(peer[0]) if peer else None
        limits = self.limits
        if self._address is not None:
            limits.per_address[self._address] = limits.per_address.get(self._address, 0) + 1
            crowded = 0 < limits.max_per_address < limits.per_address[self._address]
            if crowded and not self._evict_one(same_address=True):
                limits.refused += 1
                self._close()
                return
        if len(self.connections) > limits.max_connections and not self._evict_one():
            limits.refused += 1
            self._close()
            return
        self._track_state()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_deadline()
        self._cancel_send_deadline()
        self.limits.idle.pop(self, None)
        if self._address is not None:
            left = self.limits.per_address.get(self._address, 1) - 1
            if left > 0:
                self.limits.per_address[self._address] = left
            else:
                self.limits.per_address.pop(self._address, None)
            self._address = None
        super().connection_lost(exc)

    def pause_writing(self) -> None:
        """The client is not reading as fast as we write: from now on it has `send_timeout` to resume."""
        super().pause_writing()
        if self._send_deadline is None and self.transport is not None and not self.transport.is_closing():
            self.limits.stalled.setdefault(self, self.loop.time())
            self._send_deadline = self.loop.call_later(self.limits.send_timeout, self._on_send_deadline)

    def resume_writing(self) -> None:
        super().resume_writing()
        self._cancel_send_deadline()

    def _cancel_send_deadline(self) -> None:
        self.limits.stalled.pop(self, None)
        if self._send_deadline is not None:
            self._send_deadline.cancel()
        self._send_deadline = None

    def _on_send_deadline(self) -> None:
        self._send_deadline = None
        self.limits.closed_for_not_reading += 1
        self._close()

    def handle_events(self) -> None:
        super().handle_events()
        self._track_state()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._track_state()

    def _evict_one(self, *, same_address: bool = False) -> bool:
        """Close the oldest connection that holds no request and has had its chance to send one, else
        the oldest whose client stopped reading its response (of this one's address only, if
        `same_address`); False if there is neither."""
        victim = self._oldest(self.limits.idle, same_address, before=self.loop.time() - self.limits.eviction_grace)
        victim = victim or self._oldest(self.limits.stalled, same_address)
        if victim is None:
            return False
        self.limits.evicted += 1
        victim._close()
        return True

    def _oldest(
        self, candidates: "OrderedDict[GuardedH11Protocol, float]", same_address: bool, before: float | None = None
    ) -> "GuardedH11Protocol | None":
        for connection, since in candidates.items():  # oldest first
            if before is not None and since > before:
                return None  # every later one is younger still
            if connection is not self and (not same_address or connection._address == self._address):
                return connection
        return None

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
        self._cancel_send_deadline()
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.keep_alive = False
        if self.transport.get_write_buffer_size():
            # close() would first wait for the client to read what is buffered: it may never.
            self.transport.abort()
        else:
            self.transport.close()


def protocol_with_limits(limits: ConnectionLimits) -> type[GuardedH11Protocol]:
    """A protocol class bound to one server's limits (uvicorn takes a class, not an instance)."""
    return type("GuardedH11Protocol", (GuardedH11Protocol,), {"limits": limits})

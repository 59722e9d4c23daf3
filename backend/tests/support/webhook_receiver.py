"""A real webhook receiver on loopback for tests: an HTTP server in a thread that answers each POST
with the next status of its script (then 200), verifies every signature with the standardwebhooks
library, and records what came and when."""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


@dataclass
class Received:
    at: float  # time.monotonic()
    path: str
    headers: dict[str, str]
    body: bytes
    status: int  # what the receiver answered
    verified: bool


@dataclass
class Receiver:
    url: str
    port: int
    script: list[int] = field(default_factory=list)  # statuses to answer, in order; then 200
    secret: str | None = None
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_for(self, count: int, timeout: float = 10) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.received) >= count:
                    return list(self.received)
            time.sleep(0.02)
        raise AssertionError(f"the receiver got {len(self.received)} requests, expected {count}")

    @property
    def delivered(self) -> list[Received]:
        with self.lock:
            return [r for r in self.received if 200 <= r.status < 300]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            headers = {k.lower(): v for k, v in self.headers.items()}
            verified = False
            if receiver.secret:
                try:
                    Webhook(receiver.secret).verify(body, headers)
                    verified = True
                except WebhookVerificationError:
                    verified = False
            with receiver.lock:
                status = receiver.script.pop(0) if receiver.script else 200
                receiver.received.append(Received(time.monotonic(), self.path, headers, body, status, verified))
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(receiver: Receiver) -> Iterator[Receiver]:
    """Listen on the receiver's port while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", receiver.port), _handler(receiver))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def new_receiver(*script: int, port: int | None = None) -> Receiver:
    port = port or free_port()
    return Receiver(url=f"http://127.0.0.1:{port}/hooks", port=port, script=list(script))

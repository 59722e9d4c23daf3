"""Slow and half-open clients cannot hold the server: a header deadline closes them, a cap on open
connections evicts the idle ones first, and the log stays small."""

import socket
import time

import httpx
import pytest

from tests.support.servers import running_server

# Bounds in seconds: run alone, after the parallel workers (make test), not beside a browser.
pytestmark = pytest.mark.serial

HALF_OPEN = 300
CAP = 100
HEADER_TIMEOUT = 1.5


def _half_open(host: str, port: int, partial: bytes) -> socket.socket:
    sock = socket.create_connection((host, port), timeout=5)
    sock.sendall(partial)
    return sock


def _closed_by_server(sock: socket.socket, wait: float) -> bool:
    sock.settimeout(wait)
    try:
        return sock.recv(1024) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False


def test_half_open_connections_neither_block_others_nor_stay_open(database, tmp_path):
    settings = dict(header_timeout_seconds=HEADER_TIMEOUT, body_timeout_seconds=HEADER_TIMEOUT, max_connections=CAP)
    with running_server(database.url, tmp_path / "server.log", **settings) as server:
        host, port = server.base_url.removeprefix("http://").rsplit(":", 1)
        partials = [b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n", b"GET /api/v1/hea", b""]
        sockets = [_half_open(host, int(port), partials[i % 3]) for i in range(HALF_OPEN)]
        try:
            # Three times the cap was opened; once they have had their second to send a request (the
            # eviction grace), a well-behaved client evicts one and is served at once.
            time.sleep(1.2)
            started = time.monotonic()
            with httpx.Client(base_url=server.base_url, timeout=5) as client:
                assert client.get("/api/v1/health").status_code == 200
            assert time.monotonic() - started < 2

            # A body that stops halfway is cut off by the body deadline.
            slow_body = _half_open(
                host, int(port), b"POST /api/v1/auth/register HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"
            )
            sockets.append(slow_body)

            # After the deadline every half-open socket has been closed by the server.
            deadline = time.monotonic() + HEADER_TIMEOUT + 5
            still_open = [s for s in sockets if not _closed_by_server(s, max(0.01, deadline - time.monotonic()))]
            assert still_open == []
        finally:
            for s in sockets:
                s.close()

        with httpx.Client(base_url=server.base_url, timeout=5) as client:
            assert client.get("/api/v1/health").status_code == 200
        assert len(server.log_text()) < 20_000, server.log_text()[-2000:]

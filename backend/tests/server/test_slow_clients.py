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


BUNDLE = "/static-offline-docs/swagger-ui-bundle.js"  # about 1.5 MB


def _pipelined_never_reading(host: str, port: int, requests: int) -> socket.socket:
    """A client that asks for the big file `requests` times in one go and then never reads."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # so the server's writes back up soon
    sock.settimeout(5)
    sock.connect((host, port))
    sock.sendall(f"GET {BUNDLE} HTTP/1.1\r\nHost: x\r\n\r\n".encode() * requests)
    return sock


def _drained_until_closed(sock: socket.socket, within: float) -> int | None:
    """Read what the server sent until it closes or resets the connection: the bytes read, or None
    if it was still open `within` seconds from now."""
    deadline = time.monotonic() + within
    received = 0
    while time.monotonic() < deadline:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            chunk = sock.recv(1 << 20)
        except (ConnectionResetError, BrokenPipeError):
            return received
        except TimeoutError:
            return None
        if not chunk:
            return received
        received += len(chunk)
    return None


def test_clients_that_stop_reading_are_cut_off_and_never_lock_others_out(database, tmp_path):
    cap, send_timeout = 50, 4.0
    settings = dict(max_connections=cap, send_timeout_seconds=send_timeout, max_connections_per_address=0)
    with running_server(database.url, tmp_path / "server.log", **settings) as server:
        host, port = server.base_url.removeprefix("http://").rsplit(":", 1)
        with httpx.Client(base_url=server.base_url, timeout=5) as client:
            bundle_size = len(client.get(BUNDLE).content)
        assert bundle_size > 1_000_000
        stalled = [_pipelined_never_reading(host, int(port), 6) for _ in range(cap)]
        opened = time.monotonic()
        try:
            # Once their responses have backed up (the server writes a few MB to each before its
            # buffers fill), while they hold every place and after they are cut off, each health
            # check, on a new connection, is served: it evicts a stalled one.
            time.sleep(3)
            answered = []
            for _ in range(20):
                started = time.monotonic()
                with httpx.Client(base_url=server.base_url, timeout=5) as client:
                    answered.append((client.get("/api/v1/health").status_code, time.monotonic() - started))
                time.sleep(0.25)
            assert [status for status, _ in answered] == [200] * 20, answered
            assert max(seconds for _, seconds in answered) < 3, answered

            # Every never-reading socket was cut off by the send deadline, long before it got its six files.
            left = send_timeout + 8 - (time.monotonic() - opened)
            received = [_drained_until_closed(s, max(1.0, left)) for s in stalled]
            assert None not in received, f"{received.count(None)} of {cap} still open"
            assert max(r for r in received if r is not None) < 6 * bundle_size
        finally:
            for s in stalled:
                s.close()
        assert len(server.log_text()) < 20_000, server.log_text()[-2000:]


def test_one_address_cannot_take_every_connection(database, tmp_path):
    per_address = 5
    settings = dict(max_connections=100, max_connections_per_address=per_address, header_timeout_seconds=30)
    with running_server(database.url, tmp_path / "server.log", **settings) as server:
        host, port = server.base_url.removeprefix("http://").rsplit(":", 1)
        sockets = [_half_open(host, int(port), b"GET /api/v1/hea") for _ in range(per_address + 3)]
        try:
            # Past the cap, and with every connection of this address too young to evict: refused.
            closed = [_closed_by_server(s, 0.5) for s in sockets]
            assert closed.count(True) == 3, closed
            # Once the open ones have had their second, a client that sends its request evicts one.
            time.sleep(1.2)
            with httpx.Client(base_url=server.base_url, timeout=5) as client:
                assert client.get("/api/v1/health").status_code == 200
        finally:
            for s in sockets:
                s.close()

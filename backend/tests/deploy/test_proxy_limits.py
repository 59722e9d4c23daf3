"""The proxy's own limits (docker/nginx/secondround.conf.template in a local nginx): a client that does
not finish its request head is cut off after client_header_timeout, and one address gets at most
`limit_conn` requests in progress at once, the next one a 429 at once. An upstream that accepts and
never answers stands in for a busy API, so no API process is needed."""

import re
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest

from tests.support.deploy import NGINX_MISSING, NGINX_TEMPLATE, Nginx, nginx_binary, running_nginx

pytestmark = [
    pytest.mark.serial,  # bounds in seconds
    pytest.mark.pure,  # no database: once per make test
    pytest.mark.skipif(nginx_binary() is None, reason=NGINX_MISSING),
]


def _directive(name: str) -> str:
    match = re.search(rf"^\s*{name}\s+([^;]+);", NGINX_TEMPLATE.read_text(), re.M)
    assert match, name
    return match.group(1).strip()


@contextmanager
def silent_upstream() -> Iterator[int]:
    """A server that accepts connections and never answers; yields its port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(512)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=5)
        for conn in held:
            conn.close()
        listener.close()


def _tls(nginx: Nginx) -> ssl.SSLSocket:
    context = ssl.create_default_context(cafile=str(nginx.certificate))
    port = int(nginx.https_url.rsplit(":", 1)[1])
    raw = socket.create_connection(("127.0.0.1", port), timeout=30)
    return context.wrap_socket(raw, server_hostname="127.0.0.1")


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    with silent_upstream() as port, running_nginx(tmp_path_factory.mktemp("proxy"), [port]) as nginx:
        yield nginx


def test_a_request_head_sent_too_slowly_is_cut_off(proxy):
    deadline = float(_directive("client_header_timeout").rstrip("s"))
    with _tls(proxy) as conn:
        conn.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never the blank line
        started = time.monotonic()
        conn.settimeout(deadline + 10)
        try:
            answer = conn.recv(1024)
        except (ConnectionResetError, ssl.SSLError):
            answer = b""
        waited = time.monotonic() - started
    print(f"\nrequest head left unfinished: nginx closed the connection after {waited:.1f} s (limit {deadline:g} s)")
    assert deadline - 1 <= waited <= deadline + 4, waited
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer[:100]


def test_one_address_gets_at_most_the_connection_cap_then_429s(proxy):
    cap = int(_directive("limit_conn").split()[-1])
    request = b"GET /api/v1/slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    with ExitStack() as stack:
        for _ in range(cap):  # each waits on the silent upstream: a request in progress
            conn = stack.enter_context(_tls(proxy))
            conn.sendall(request)
        time.sleep(0.5)
        extra = stack.enter_context(_tls(proxy))
        started = time.monotonic()
        extra.sendall(request)
        extra.settimeout(10)
        answer = extra.recv(1024)
        waited = time.monotonic() - started
    status = answer[9:12].decode(errors="replace")
    print(f"\n{cap} requests in progress from one address: the next got {status} in {waited:.2f} s")
    assert answer.startswith(b"HTTP/1.1 429"), answer[:200]
    assert waited < 2

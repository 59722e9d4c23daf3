"""The app under test, served by uvicorn on a loopback port in this process, and plain HTTP clients."""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn
from sqlalchemy import event

from secondround.api.app_state import app_state
from secondround.config import Settings
from secondround.main import create_app
from tests.support.databases import TestDatabase


@pytest.fixture(scope="session")
def settings(database: TestDatabase) -> Settings:
    return Settings(
        database_url=database.url,
        environment="test",
        secret_key="test-secret-" + "x" * 20,
        # The suite registers and signs in hundreds of accounts from one address within a minute;
        # tests/accounts/test_sign_in_protection.py serves its own apps with tight limits.
        auth_rate_limit="10000/minute",
        auth_address_rate_limit="100000/minute",
        # Route walkers and the fuzzer send thousands of requests with one token; tests/api/test_limits.py
        # serves its own apps with tiny budgets.
        rate_limit_per_minute=1_000_000,
        # Webhook tests post to receivers on loopback; tests/webhooks drive the delivery worker
        # themselves (and prove the address guard with a second app that has it on).
        webhook_allow_private=True,
        webhook_worker_in_process=False,
    )


@pytest.fixture(scope="session")
def app(settings: Settings):
    application = create_app(settings)
    yield application
    app_state(application).database.dispose_sync()


@contextmanager
def serve(app) -> Iterator[str]:
    """Serve an app with uvicorn on a free loopback port while the block runs; yields its base URL."""
    # IPPROTO_TCP, not 0: asyncio only sets TCP_NODELAY on accepted sockets whose proto says TCP, and
    # without it every response waits ~40 ms for a delayed ACK (Nagle) before its body is sent.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def base_url(app) -> Iterator[str]:
    """The app served for the whole test run."""
    with serve(app) as url:
        yield url


def new_client(base_url: str) -> httpx.Client:
    return httpx.Client(base_url=base_url, timeout=30)


@pytest.fixture
def client(base_url) -> Iterator[httpx.Client]:
    """An anonymous HTTP client."""
    with new_client(base_url) as c:
        yield c


@contextmanager
def counting_statements(app) -> Iterator[list[str]]:
    """The SQL statements the app sends while the block runs (the server runs in this process)."""
    statements: list[str] = []
    lock = threading.Lock()  # uvicorn serves from its own thread

    def count(_conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        with lock:
            statements.append(statement)

    event.listen(app_state(app).database.request_engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(app_state(app).database.request_engine, "before_cursor_execute", count)

"""Test fixtures: one migrated database per test run, fresh users per test, real HTTP through httpx
to the app served by uvicorn on a loopback port.

The database is SQLite (default) or PostgreSQL (SECONDROUND_TEST_DATABASE=postgres with
SECONDROUND_TEST_POSTGRES_URL pointing at a server); either way the schema is made by the real
Alembic migrations. Tests isolate themselves by registering their own users, so nothing needs
deleting afterwards.
"""

import itertools
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn

from secondround.core.config import Settings
from secondround.core.migrations import upgrade
from secondround.main import create_app
from tests.databases import TestDatabase, postgres_database, sqlite_database

PASSWORD = "correct horse battery staple"
_emails = itertools.count(1)


@pytest.fixture(scope="session")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestDatabase]:
    kind = os.environ.get("SECONDROUND_TEST_DATABASE", "sqlite")
    factory = postgres_database if kind == "postgres" else sqlite_database
    with factory(tmp_path_factory.mktemp("db"), "app") as db:
        upgrade(db.url)
        yield db


@pytest.fixture(scope="session")
def settings(database: TestDatabase) -> Settings:
    return Settings(database_url=database.url, environment="test", secret_key="test-secret-" + "x" * 20)


@pytest.fixture(scope="session")
def app(settings: Settings):
    application = create_app(settings)
    yield application
    application.state.engine.dispose()


@pytest.fixture(scope="session")
def base_url(app) -> Iterator[str]:
    """Serve the app with uvicorn on a free loopback port for the whole test run."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
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
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


def new_client(base_url: str) -> httpx.Client:
    return httpx.Client(base_url=base_url, timeout=30)


@pytest.fixture
def client(base_url) -> Iterator[httpx.Client]:
    """An anonymous HTTP client."""
    with new_client(base_url) as c:
        yield c


@dataclass
class User:
    id: str
    email: str
    password: str
    token: str
    client: httpx.Client  # sends this user's bearer token

    def get(self, url: str, **kw: Any):
        return self.client.get(url, **kw)

    def post(self, url: str, **kw: Any):
        return self.client.post(url, **kw)

    def patch(self, url: str, **kw: Any):
        return self.client.patch(url, **kw)

    def put(self, url: str, **kw: Any):
        return self.client.put(url, **kw)

    def delete(self, url: str, **kw: Any):
        return self.client.delete(url, **kw)


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{next(_emails)}-{uuid.uuid4().hex[:8]}@example.com"


@pytest.fixture
def make_user(base_url):
    """Register a fresh account and return it with a client that sends its bearer token."""
    clients: list[httpx.Client] = []

    def _make(prefix: str = "user") -> User:
        c = new_client(base_url)
        clients.append(c)
        email = unique_email(prefix)
        r = c.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
        assert r.status_code == 201, r.text
        token = c.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD}).json()["access_token"]
        c.headers["Authorization"] = f"Bearer {token}"
        return User(id=r.json()["id"], email=email, password=PASSWORD, token=token, client=c)

    yield _make
    for c in clients:
        c.close()


@pytest.fixture
def user(make_user) -> User:
    return make_user("alice")


@pytest.fixture
def other_user(make_user) -> User:
    return make_user("mallory")


def assert_problem(response, status: int) -> dict:
    """The response is an RFC 9457 problem document with this status."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json"), response.headers
    body = response.json()
    assert body["status"] == status and body["title"] and body["type"]
    return body


# Small builders for the common resources, used across test modules.

def create_application(u: User, **fields: Any) -> dict:
    r = u.post("/api/v1/applications", json={"company": "Acme", "position": "Engineer", **fields})
    assert r.status_code == 201, r.text
    return r.json()


def create_round(u: User, application_id: str, **fields: Any) -> dict:
    r = u.post(f"/api/v1/applications/{application_id}/rounds", json={"kind": "second", **fields})
    assert r.status_code == 201, r.text
    return r.json()


def create_interviewer(u: User, round_id: str, **fields: Any) -> dict:
    r = u.post(f"/api/v1/rounds/{round_id}/interviewers", json={"name": "Dana Ortega", **fields})
    assert r.status_code == 201, r.text
    return r.json()


def roles_by_name(u: User) -> dict[str, dict]:
    return {r["name"]: r for r in u.get("/api/v1/roles").json()["items"]}

"""Test fixtures: one migrated database per test run, fresh users per test, real HTTP through httpx
to the app served by uvicorn on a loopback port.

The database is SQLite (default) or PostgreSQL (SECONDROUND_TEST_DATABASE=postgres with
SECONDROUND_TEST_POSTGRES_URL pointing at a server); either way the schema is made by the real
Alembic migrations. Tests isolate themselves by registering their own users, so nothing needs
deleting afterwards.
"""

import itertools
import os
import re
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.routing import APIRoute
from sqlalchemy import event

from secondround.api.app_state import app_state
from secondround.config import Settings
from secondround.db.migrations import upgrade
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
    return Settings(
        database_url=database.url,
        environment="test",
        secret_key="test-secret-" + "x" * 20,
        # The suite registers and signs in hundreds of accounts from one address within a minute;
        # tests/test_sign_in_protection.py serves its own apps with tight limits.
        auth_rate_limit="10000/minute",
        auth_address_rate_limit="100000/minute",
    )


@pytest.fixture(scope="session")
def app(settings: Settings):
    application = create_app(settings)
    yield application
    app_state(application).engine.dispose()


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
        made = register_user(base_url, prefix)
        clients.append(made.client)
        return made

    yield _make
    for c in clients:
        c.close()


@pytest.fixture
def user(make_user) -> User:
    return make_user("alice")


@pytest.fixture
def other_user(make_user) -> User:
    return make_user("mallory")


@contextmanager
def counting_statements(app) -> Iterator[list[str]]:
    """The SQL statements the app sends while the block runs (the server runs in this process)."""
    statements: list[str] = []
    lock = threading.Lock()  # uvicorn serves from its own thread

    def count(_conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        with lock:
            statements.append(statement)

    event.listen(app_state(app).engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(app_state(app).engine, "before_cursor_execute", count)


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


def create_role(u: User, **fields: Any) -> dict:
    r = u.post("/api/v1/roles", json={"name": f"Role {uuid.uuid4().hex[:8]}", **fields})
    assert r.status_code == 201, r.text
    return r.json()


def create_question(u: User, **fields: Any) -> dict:
    r = u.post(
        "/api/v1/questions",
        json={"direction": "ask", "text": "What does success look like?", "category": "evaluation_process", **fields},
    )
    assert r.status_code == 201, r.text
    return r.json()


# One object of every kind for one user, and the app's routes, for the tests that walk every route
# (isolation, bad input): a route added later is covered without touching those tests.


@dataclass
class World:
    application: dict
    round: dict
    interviewer: dict
    role: dict
    question: dict
    round_question: dict

    @property
    def path_ids(self) -> dict[str, str]:
        """Path parameter name -> the id of this world's object of that kind."""
        return {
            "application_id": self.application["id"],
            "round_id": self.round["id"],
            "interviewer_id": self.interviewer["id"],
            "role_id": self.role["id"],
            "question_id": self.question["id"],
        }


def create_world(u: User) -> World:
    application = create_application(u, company="World Co", position="Analyst")
    round_ = create_round(u, application["id"])
    role = create_role(u, focus={"teamwork": 0.7})
    interviewer = create_interviewer(u, round_["id"], role_id=role["id"])
    question = create_question(u, target_role_ids=[role["id"]])
    r = u.put(f"/api/v1/rounds/{round_['id']}/questions/{question['id']}", json={"pinned": True})
    assert r.status_code == 201, r.text
    return World(
        application=application,
        round=round_,
        interviewer=interviewer,
        role=role,
        question=question,
        round_question=r.json(),
    )


try:  # FastAPI >= 0.160 keeps included routers nested; this walks them
    from fastapi.routing import iter_route_contexts
except ImportError:  # pragma: no cover
    iter_route_contexts = None


@dataclass(frozen=True)
class ApiRoute:
    method: str
    path: str  # with {placeholders}
    name: str

    @property
    def path_params(self) -> list[str]:
        return re.findall(r"{(\w+)(?::\w+)?}", self.path)

    def url(self, ids: dict[str, str]) -> str:
        """The path with every parameter filled from `ids`; fails loudly on a parameter it does not know."""
        unknown = [p for p in self.path_params if p not in ids]
        if unknown:
            pytest.fail(
                f"{self.method} {self.path}: no test object for path parameter(s) {unknown}; "
                "teach tests.conftest.World about it"
            )
        return re.sub(r"{(\w+)(?::\w+)?}", lambda m: ids[m.group(1)], self.path)


def api_routes(app) -> list[ApiRoute]:
    """Every (method, path) the app serves under /api/v1, including routes of included routers."""
    if iter_route_contexts is not None:
        contexts = [c for c in iter_route_contexts(app.routes) if isinstance(c.original_route, APIRoute)]
    else:  # FastAPI versions that flatten included routers into app.routes
        contexts = [r for r in app.routes if isinstance(r, APIRoute)]
    routes = {
        ApiRoute(method, c.path, c.name)
        for c in contexts
        for method in c.methods
        if c.path.startswith("/api/v1") and method != "HEAD"
    }
    return sorted(routes, key=lambda r: (r.path, r.method))


def request_body_schema(app, route: ApiRoute) -> tuple[str, dict] | None:
    """(media type, JSON schema) of the route's request body from the OpenAPI document, or None."""
    operation = app.openapi()["paths"][route.path][route.method.lower()]
    content = operation.get("requestBody", {}).get("content", {})
    for media_type, spec in content.items():
        return media_type, spec["schema"]
    return None


def resolve_schema(app, schema: dict) -> dict:
    """Follow $ref and pick the non-null branch of an optional."""
    while True:
        if "$ref" in schema:
            schema = app.openapi()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in schema:
            schema = next(s for s in schema["anyOf"] if s.get("type") != "null")
        else:
            return schema


def sample_value(app, schema: dict, name: str = "", ids: dict[str, str] | None = None) -> Any:
    """A small valid value for a JSON schema: enough to build a body that passes validation."""
    schema = resolve_schema(app, schema)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    kind, fmt = schema.get("type"), schema.get("format")
    if kind == "object":
        return {
            field: sample_value(app, schema["properties"][field], field, ids) for field in schema.get("required", [])
        }
    if kind == "array":
        return []
    if kind == "boolean":
        return False
    if kind in ("integer", "number"):
        return schema.get("minimum", 1)
    if name == "password" or fmt == "password":
        return PASSWORD  # passwords must pass the strength check
    if fmt == "email" or name in ("email", "username"):
        return unique_email("sample")
    if fmt == "uuid":
        return (ids or {}).get(name, str(uuid.uuid4()))
    if fmt in ("uri", "url") or name.endswith("url"):
        return "https://example.com/page"
    if fmt == "date-time":
        return "2030-05-06T10:00:00+02:00"
    if fmt == "date":
        return "2030-05-06"
    return "Sample text " + "x" * max(0, schema.get("minLength", 1) - 12)


# Accounts shared by the tests of one module: registering and signing in cost two Argon2 hashes,
# so tests that only need *an* account use these, and must not depend on what other tests made.


def register_user(base_url: str, prefix: str) -> User:
    c = new_client(base_url)
    email = unique_email(prefix)
    r = c.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
    assert r.status_code == 201, r.text
    token = c.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD}).json()["access_token"]
    c.headers["Authorization"] = f"Bearer {token}"
    return User(id=r.json()["id"], email=email, password=PASSWORD, token=token, client=c)


@pytest.fixture(scope="module")
def module_user(base_url) -> Iterator[User]:
    u = register_user(base_url, "shared")
    yield u
    u.client.close()


@pytest.fixture(scope="module")
def module_other_user(base_url) -> Iterator[User]:
    u = register_user(base_url, "shared-other")
    yield u
    u.client.close()

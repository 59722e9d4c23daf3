"""Accounts for tests: each test registers its own, so nothing needs deleting afterwards."""

import itertools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.support.serving import new_client

PASSWORD = "correct horse battery staple"
_emails = itertools.count(1)


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


def register_user(base_url: str, prefix: str) -> User:
    c = new_client(base_url)
    email = unique_email(prefix)
    r = c.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
    assert r.status_code == 201, r.text
    token = c.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD}).json()["access_token"]
    c.headers["Authorization"] = f"Bearer {token}"
    return User(id=r.json()["id"], email=email, password=PASSWORD, token=token, client=c)


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


# Accounts shared by the tests of one module: registering and signing in cost two Argon2 hashes,
# so tests that only need *an* account use these, and must not depend on what other tests made.


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

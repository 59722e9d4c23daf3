"""Test fixtures, grouped by purpose under tests/support/:

- databases: one migrated database per test process (SQLite by default; PostgreSQL with
  SECONDROUND_TEST_DATABASE=postgres and SECONDROUND_TEST_POSTGRES_URL), made by the real migrations;
- serving: the app served by uvicorn on a loopback port, reached over real HTTP through httpx;
- accounts: fresh users per test (tests isolate themselves by registering their own accounts);
- builders, routes (the route walker), samplers, assertions: helpers that tests import directly;
- servers, pg_cluster: the real server as a subprocess, and a private PostgreSQL to stop or freeze.
"""

import pytest

# The helpers' plain `assert`s report like a test's own (before they are imported).
pytest.register_assert_rewrite("tests.support")

# Fixtures imported here are this conftest's own, so they override plugins' fixtures of one name
# (pytest-playwright's base_url).
from tests.support.accounts import make_user, module_other_user, module_user, other_user, user  # noqa: E402
from tests.support.databases import database  # noqa: E402
from tests.support.serving import app, base_url, client, settings  # noqa: E402

__all__ = [
    "app",
    "base_url",
    "client",
    "database",
    "make_user",
    "module_other_user",
    "module_user",
    "other_user",
    "settings",
    "user",
]

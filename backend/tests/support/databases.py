"""Throwaway databases for tests: a SQLite file, or a freshly created PostgreSQL database; and the
session's migrated database, one per xdist worker (each worker is its own process with its own app)."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from secondround.db.migrations import upgrade

# sqlite (the default) or postgres: which engine this run proves.
DATABASE_KIND = os.environ.get("SECONDROUND_TEST_DATABASE", "sqlite")
# "gw0", "gw1", ... under pytest-xdist; "main" when the tests run in one process.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")

only_on_postgres = pytest.mark.skipif(
    DATABASE_KIND != "postgres",
    reason="SQLite's single write lock already serialises these writes; the PostgreSQL pass proves them",
)


@dataclass(frozen=True)
class TestDatabase:
    url: str
    kind: str


@contextmanager
def sqlite_database(folder: Path, name: str) -> Iterator[TestDatabase]:
    yield TestDatabase(url=f"sqlite:///{folder / f'{name}.db'}", kind="sqlite")


@contextmanager
def postgres_database(_folder: Path, name: str) -> Iterator[TestDatabase]:
    server = os.environ.get("SECONDROUND_TEST_POSTGRES_URL")
    if not server:
        pytest.exit("SECONDROUND_TEST_DATABASE=postgres needs SECONDROUND_TEST_POSTGRES_URL", returncode=2)
    base = make_url(server.replace("postgresql+psycopg://", "postgresql://"))
    # Unique per worker and per call: workers of one run, and runs sharing a server, never meet.
    db_name = f"sr_test_{WORKER}_{name}_{uuid.uuid4().hex[:10]}"
    admin_dsn = base.render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{db_name}"')
    url = base.set(drivername="postgresql+psycopg", database=db_name).render_as_string(hide_password=False)
    try:
        yield TestDatabase(url=url, kind="postgres")
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestDatabase]:
    """This process's migrated database: xdist gives each worker its own temporary folder (so its own
    SQLite file), and postgres_database names each PostgreSQL database after the worker."""
    factory = postgres_database if DATABASE_KIND == "postgres" else sqlite_database
    with factory(tmp_path_factory.mktemp("db"), "app") as db:
        upgrade(db.url)
        yield db

"""Throwaway databases for tests: a SQLite file, or a freshly created PostgreSQL database."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url


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
    db_name = f"sr_test_{name}_{uuid.uuid4().hex[:10]}"
    admin_dsn = base.render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{db_name}"')
    url = base.set(drivername="postgresql+psycopg", database=db_name).render_as_string(hide_password=False)
    try:
        yield TestDatabase(url=url, kind="postgres")
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')

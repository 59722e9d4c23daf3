"""A scratch database on PostgreSQL for the benchmarks that measure it (dropped afterwards)."""

import os
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

SERVER = os.environ.get("SECONDROUND_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


@contextmanager
def scratch_database(name: str) -> Iterator[str]:
    """Yield the SQLAlchemy URL of a new, empty database called `name` on SERVER."""
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield "postgresql+psycopg://" + SERVER.split("://", 1)[1].rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(SERVER, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

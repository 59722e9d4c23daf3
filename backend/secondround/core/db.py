"""Database engine and the per-request session (one transaction per request)."""

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session


def create_db_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)

    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    # Requests run in a thread pool, so one connection may move between threads.
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _tune_sqlite(dbapi_connection, _record) -> None:  # pragma: no branch
        # We emit BEGIN ourselves (below); pysqlite's own transaction handling would get in the way.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # WAL lets readers run while one writer writes; the busy timeout makes a second
        # writer wait instead of failing; SQLite only enforces foreign keys when asked.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        # A writing request takes SQLite's write lock up front (BEGIN IMMEDIATE): two writers then
        # queue on the busy timeout instead of one failing when it upgrades a stale read snapshot.
        writes = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    return engine


WRITE_OPTION = "secondround_writes"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def get_session(request: Request) -> Iterator[Session]:
    """Open the request's session; commit when the endpoint returns, roll back if it raises.

    Used with scope="function" so the commit happens before the response is sent: a client
    never sees a 2xx for a change that then failed to commit.
    """
    engine = request.app.state.engine
    if request.method in UNSAFE_METHODS:
        engine = engine.execution_options(**{WRITE_OPTION: True})
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


SessionDep = Annotated[Session, Depends(get_session, scope="function")]

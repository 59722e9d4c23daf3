"""The experiment that chose the request model (docs/decisions.md): `python -m bench models`.

One endpoint, the first page of 50 applications read from a real database, served six ways by the
production server code, measured side by side with wrk in interleaved slices:

- `thread`: `def` endpoint and dependency on a sync Session (FastAPI runs each in a worker thread);
- `inline`: `async def` endpoint running the sync Session on the event loop (SQLite only: no wire);
- `asyncio`: `async def` endpoint on SQLAlchemy's asyncio engine, the ORM code in `run_sync`
  (aiosqlite on SQLite; psycopg's async mode and asyncpg on PostgreSQL).

Everything else (query, response model, server, access log) is the same, so the rows differ only in
how a request reaches the database.
"""

import os
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI
from sqlalchemy import create_engine, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlmodel import Session, col

from secondround.applications.schemas import ApplicationPage, ApplicationRead
from secondround.db.types import utcnow
from secondround.models import Application, User

OWNER = uuid.UUID("00000000-0000-4000-8000-000000000001")
COLUMNS = [col(getattr(Application, name)) for name in ApplicationRead.model_fields]
PAGE = (
    select(*COLUMNS)
    .where(col(Application.owner_id) == OWNER)
    .order_by(col(Application.created_at), col(Application.id))
    .limit(51)
)


def _page(db: Session) -> ApplicationPage:
    rows = db.connection().execute(PAGE).all()[:50]
    return ApplicationPage.model_validate({"items": [row._mapping for row in rows], "next_cursor": None})


def thread_app(url: str) -> FastAPI:
    engine = create_engine(url, pool_size=16, connect_args={"check_same_thread": False} if "sqlite" in url else {})
    app = FastAPI()

    def get_db() -> Iterator[Session]:
        with Session(engine) as db:
            yield db
            db.commit()

    @app.get("/api/v1/applications", response_model=ApplicationPage)
    def page(db: Annotated[Session, Depends(get_db)]) -> ApplicationPage:
        return _page(db)

    return app


def inline_app(url: str) -> FastAPI:
    engine = create_engine(url, pool_size=16, connect_args={"check_same_thread": False})
    app = FastAPI()

    async def get_db() -> AsyncIterator[Session]:
        db = Session(engine)
        yield db
        db.commit()
        db.close()

    @app.get("/api/v1/applications", response_model=ApplicationPage)
    async def page(db: Annotated[Session, Depends(get_db)]) -> ApplicationPage:
        return _page(db)

    return app


def asyncio_app(url: str) -> FastAPI:
    engine = create_async_engine(url, pool_size=16)
    app = FastAPI()

    async def get_db() -> AsyncIterator[AsyncSession]:
        async with AsyncSession(engine) as db:
            yield db
            await db.commit()

    @app.get("/api/v1/applications", response_model=ApplicationPage)
    async def page(db: Annotated[AsyncSession, Depends(get_db)]) -> ApplicationPage:
        return await db.run_sync(_page)

    return app


VARIANTS = {
    "sqlite thread": ("thread", "sqlite"),
    "sqlite inline": ("inline", "sqlite"),
    "sqlite aiosqlite": ("asyncio", "sqlite+aiosqlite"),
    "postgres thread (psycopg)": ("thread", "postgresql+psycopg"),
    "postgres asyncio (psycopg)": ("asyncio", "postgresql+psycopg_async"),
    "postgres asyncio (asyncpg)": ("asyncio", "postgresql+asyncpg"),
}


def seed(url: str) -> None:
    from secondround.db.migrations import upgrade

    upgrade(url)
    engine = create_engine(url)
    now = utcnow()
    with engine.begin() as connection:
        connection.execute(
            insert(User),
            [
                {
                    "id": OWNER,
                    "email": f"{OWNER}@example.com",
                    "password_hash": "-",
                    "created_at": now,
                    "updated_at": now,
                }
            ],
        )
        connection.execute(
            insert(Application),
            [
                {
                    "id": uuid.uuid4(),
                    "owner_id": OWNER,
                    "company": f"Company {i}",
                    "position": "Engineer",
                    "status": "applied",
                    "salary_currency": "EUR",
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(60)
            ],
        )
    engine.dispose()


def serve(model: str, url: str, port: int) -> None:
    from secondround.config import get_settings
    from secondround.server import production

    app = {"thread": thread_app, "inline": inline_app, "asyncio": asyncio_app}[model](url)
    settings = get_settings()
    built = production.build_server(settings, host="127.0.0.1")
    built.config.app = app
    built.config.load()
    built.run(sockets=[production.bind("127.0.0.1", port, settings.backlog)])


def main() -> None:
    from contextlib import ExitStack

    from bench import load
    from bench.postgres import scratch_database

    rows = []
    with tempfile.TemporaryDirectory() as folder, scratch_database("secondround_bench_models") as pg_url:
        sqlite_url = f"sqlite:///{Path(folder) / 'models.db'}"
        seed(sqlite_url)
        seed(pg_url)
        log = Path(folder) / "server.log"
        with ExitStack() as stack:
            for name, (model, driver) in VARIANTS.items():
                base = sqlite_url if driver.startswith("sqlite") else pg_url
                url = driver + base[base.index(":") :]
                command = [sys.executable, "-m", "bench.request_models", model, url]
                serving = load.serving(
                    name, os.environ.copy(), "/api/v1/applications", log, lambda p, c=command: [*c, str(p)]
                )
                rows.append((name, stack.enter_context(serving)))
            target = load.Target("page", [("/api/v1/applications", None)])
            measured = load.interleaved([(port, target) for _, port in rows])
    print(f"\nRequest models: one page of 50 applications from the database, one process\n  machine: {load.machine()}")
    print(f"  {'':<28} {'req/s':>7} {'range':>11} {'p50 ms':>7} {'p99 ms':>8} {'errors':>6} {'CPU us':>8}")
    for (name, _), m in zip(rows, measured, strict=True):
        print(load._row(name, m))


if __name__ == "__main__":
    if len(sys.argv) == 4:
        serve(sys.argv[1], sys.argv[2], int(sys.argv[3]))
    else:
        main()

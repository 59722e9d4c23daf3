"""The schema is made only by migrations: they must match the models and run both ways."""

import asyncio
import os
import uuid
from datetime import UTC, datetime

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Boolean, DateTime, Uuid, column, insert, inspect, select, table
from sqlmodel import SQLModel

import secondround.models  # noqa: F401
from secondround.api.app_state import app_state
from secondround.config import Settings
from secondround.db.migrations import downgrade, head_revision, upgrade
from secondround.db.session import create_db_engine
from secondround.main import create_app
from secondround.models import Question, User
from tests.support.databases import postgres_database, sqlite_database


@pytest.fixture
def scratch_db(tmp_path):
    """An empty database of the kind under test, separate from the app's."""
    kind = os.environ.get("SECONDROUND_TEST_DATABASE", "sqlite")
    factory = postgres_database if kind == "postgres" else sqlite_database
    with factory(tmp_path, "migrations") as db:
        engine = create_db_engine(db.url)
        yield db.url, engine
        engine.dispose()


def _differences(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, SQLModel.metadata)


def test_models_and_migrations_agree(scratch_db):
    url, engine = scratch_db
    upgrade(url)
    assert _differences(engine) == []


def test_downgrade_to_base_and_upgrade_again(scratch_db):
    url, engine = scratch_db
    upgrade(url)
    downgrade(url, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(url)
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head_revision()
    assert _differences(engine) == []


def test_readiness_reports_a_database_behind_its_migrations(scratch_db):
    url, _engine = scratch_db
    app = create_app(Settings(database_url=url, environment="test"))

    async def ask() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://app") as client:
            return await client.get("/api/v1/health/ready")

    response = asyncio.run(ask())
    app_state(app).database.dispose_sync()
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "run the migrations" in response.json()["detail"]


def test_older_accounts_get_the_next_panel_question_once(scratch_db):
    """An account made before revision 0004 gets "who will I meet next"; one that has it keeps one."""
    url, engine = scratch_db
    upgrade(url, "0003_engine")  # the tables are as the models say from 0003 on
    older, newer = uuid.uuid4(), uuid.uuid4()
    with engine.begin() as connection:
        for user_id in (older, newer):
            connection.execute(insert(User).values(id=user_id, email=f"{user_id}@example.com", password_hash="x"))
        connection.execute(
            insert(Question).values(
                id=uuid.uuid4(),
                owner_id=newer,
                direction="ask",
                text="Whom do I meet next?",
                category="evaluation_process",
                importance=3,
                minutes=1,
                recurring=True,
                at_end=True,
                asks_next_panel=True,
            )
        )
    upgrade(url)
    with engine.connect() as connection:
        rows = connection.execute(
            select(Question.owner_id, Question.text, Question.recurring, Question.at_end).where(
                Question.asks_next_panel.is_(True)
            )
        ).all()
    assert sorted((owner, text) for owner, text, *_ in rows) == sorted(
        [(older, "Who will I meet next, and what are their roles?"), (newer, "Whom do I meet next?")]
    )
    assert all(recurring and at_end for *_, recurring, at_end in rows)


def test_applications_number_their_next_round_after_the_highest_they_hold(scratch_db):
    """Revision 0005 gives each application the number its next round gets: one more than its
    highest, so no number still in use is given again (1 for an application without rounds)."""
    url, engine = scratch_db
    upgrade(url, "0004")
    now = datetime.now(UTC)

    def stamps() -> list:
        return [column("created_at", DateTime(timezone=True)), column("updated_at", DateTime(timezone=True))]

    applications = table(
        "applications",
        column("id", Uuid),
        column("owner_id", Uuid),
        *(column(name) for name in ("company", "position", "status")),
        *stamps(),
    )
    rounds = table(
        "rounds",
        column("id", Uuid),
        column("owner_id", Uuid),
        column("application_id", Uuid),
        *(column(name) for name in ("sequence", "kind", "status", "outcome")),
        column("follow_up_on_is_manual", Boolean),
        *stamps(),
    )
    owner, busy, empty = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    with engine.begin() as connection:
        connection.execute(insert(User).values(id=owner, email=f"{owner}@example.com", password_hash="x"))
        for application_id in (busy, empty):
            connection.execute(
                insert(applications).values(
                    id=application_id,
                    owner_id=owner,
                    company="Acme",
                    position="Engineer",
                    status="applied",
                    created_at=now,
                    updated_at=now,
                )
            )
        for sequence in (1, 2, 5):
            connection.execute(
                insert(rounds).values(
                    id=uuid.uuid4(),
                    owner_id=owner,
                    application_id=busy,
                    sequence=sequence,
                    kind="other",
                    status="planned",
                    outcome="pending",
                    follow_up_on_is_manual=False,
                    created_at=now,
                    updated_at=now,
                )
            )
    upgrade(url)
    numbers = table("applications", column("id", Uuid), column("next_round_sequence"))
    with engine.connect() as connection:
        assert dict(connection.execute(select(numbers.c.id, numbers.c.next_round_sequence)).all()) == {
            busy: 6,
            empty: 1,
        }

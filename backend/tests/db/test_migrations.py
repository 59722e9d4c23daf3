"""The schema is made only by migrations: they must match the models and run both ways."""

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
from tests.support.event_loop import run_async


@pytest.fixture
def scratch_db(tmp_path):
    """An empty database of the kind under test, separate from the app's."""
    kind = os.environ.get("SECONDROUND_TEST_DATABASE", "sqlite")
    factory = postgres_database if kind == "postgres" else sqlite_database
    with factory(tmp_path, "migrations") as db:
        engine = create_db_engine(db.url)
        yield db.url, engine
        engine.dispose()


# The users table as the older revisions have it (the model's later columns, such as the reminder's,
# are not there yet): what the data migrations below start from.
OLD_USERS = table(
    "users",
    *(
        column(c.name, c.type)
        for c in User.__table__.columns  # type: ignore[attr-defined]
        if c.name in ("id", "email", "password_hash", "time_zone", "created_at", "updated_at")
    ),
)


def insert_old_user(connection, user_id: uuid.UUID) -> None:
    now = datetime.now(UTC)
    connection.execute(
        insert(OLD_USERS).values(
            id=user_id,
            email=f"{user_id}@example.com",
            password_hash="x",
            time_zone="UTC",
            created_at=now,
            updated_at=now,
        )
    )


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

    response = run_async(ask())
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
            insert_old_user(connection, user_id)
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
        insert_old_user(connection, owner)
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


def test_starter_tips_the_user_left_unchanged_become_tips_and_their_own_answers_stay(scratch_db):
    """Revision 0008: a prepared answer still exactly the starter kit's advice is a tip, not an answer
    (the readiness checklist then starts with answers to prepare); one the user rewrote stays theirs."""
    url, engine = scratch_db
    upgrade(url, "0006")
    owner = uuid.uuid4()
    kept_tip = "Situation, task, what I did, measurable result; then what I learned."
    rows = {
        "unchanged": (
            "Walk me through a project you are proud of and what your part in it was.",
            kept_tip,
        ),
        "rewritten": (
            "Why do you want to work for us rather than a competitor?",
            "Northwind's route planner is the tool I have used every day for six years.",
        ),
        "none": ("When could you start?", None),
    }
    ids = {key: uuid.uuid4() for key in rows}
    old = datetime(2026, 11, 1, tzinfo=UTC)
    with engine.begin() as connection:
        insert_old_user(connection, owner)
        for key, (text, answer) in rows.items():
            connection.execute(
                insert(_QUESTIONS_AT_0006).values(
                    id=ids[key],
                    owner_id=owner,
                    direction="expect",
                    text=text,
                    category="skills_experience",
                    importance=5,
                    minutes=2,
                    prepared_answer=answer,
                    archived=False,
                    created_at=old,
                    updated_at=old,
                )
            )
    upgrade(url)
    with engine.connect() as connection:
        found = {
            row.id: row
            for row in connection.execute(
                select(Question.id, Question.prepared_answer, Question.tip, Question.updated_at)
            )
        }
    assert (found[ids["unchanged"]].prepared_answer, found[ids["unchanged"]].tip) == (None, kept_tip)
    assert found[ids["unchanged"]].updated_at > old  # its plans and ETag change
    assert (found[ids["rewritten"]].prepared_answer, found[ids["rewritten"]].tip) == (rows["rewritten"][1], None)
    assert found[ids["rewritten"]].updated_at == old
    assert (found[ids["none"]].prepared_answer, found[ids["none"]].tip) == (None, None)

    downgrade(url, "0006")  # the tips go back where no answer was written since
    questions = table("questions", column("id", Uuid), column("prepared_answer"))
    with engine.connect() as connection:
        back = dict(connection.execute(select(questions.c.id, questions.c.prepared_answer)).all())
    assert back[ids["unchanged"]] == kept_tip and back[ids["rewritten"]] == rows["rewritten"][1]


# The questions table as revision 0006 left it (the model has columns added since).
_QUESTIONS_AT_0006 = table(
    "questions",
    column("id", Uuid),
    column("owner_id", Uuid),
    *(column(name) for name in ("direction", "text", "category", "importance", "minutes", "prepared_answer")),
    column("archived", Boolean),
    column("created_at", DateTime(timezone=True)),
    column("updated_at", DateTime(timezone=True)),
)

"""Every list query, with its keyset order, is served by an index (SQLite's query plan says so).

SQLite plans by the schema alone (no statistics until ANALYZE), so its EXPLAIN QUERY PLAN shows
whether an index exists for a query's filter and order: a bare `SCAN <table>` means a full scan,
and `USE TEMP B-TREE FOR ORDER BY` means the rows are sorted on every request.
"""

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import sqlite

from secondround.applications import service as applications
from secondround.applications.service import keyset as applications_keyset
from secondround.db.session import create_db_engine
from secondround.follow_ups import service as follow_ups
from secondround.follow_ups.schemas import FollowUpWhen
from secondround.follow_ups.service import keyset as follow_ups_keyset
from secondround.interviewers import service as interviewers
from secondround.interviewers.service import keyset as interviewers_keyset
from secondround.questions import service as questions
from secondround.questions.scope import QuestionScope
from secondround.questions.service import keyset as questions_keyset
from secondround.readiness import service as readiness
from secondround.readiness.service import keyset as readiness_keyset
from secondround.roles import service as roles
from secondround.roles.service import keyset as roles_keyset
from secondround.round_questions import service as round_questions
from secondround.round_questions.service import keyset as round_questions_keyset
from secondround.rounds import service as rounds
from secondround.rounds.service import keyset as rounds_keyset

ID = uuid.uuid4()
SINCE = datetime(2026, 1, 1, tzinfo=UTC)


def questions_list(**filters):
    """The questions list with no filter but the ones given."""
    chosen = dict(
        direction=None,
        category=None,
        q=None,
        archived=None,
        scope=QuestionScope.ALL,
        application_id=None,
        updated_after=None,
    )
    return questions.list_statement(ID, **{**chosen, **filters})


LIST_QUERIES = {
    "applications": (applications.list_statement(ID, status=None, q=None, updated_after=None), applications_keyset),
    "applications?status": (
        applications.list_statement(ID, status="offer", q=None, updated_after=None),
        applications_keyset,
    ),
    "roles": (roles.list_statement(ID, updated_after=None), roles_keyset),
    "questions": (questions_list(), questions_keyset),
    "questions?direction&archived": (questions_list(direction="ask", archived=False), questions_keyset),
    "questions?application_id": (questions_list(application_id=ID), questions_keyset),
    "questions?scope=bank": (questions_list(scope=QuestionScope.BANK), questions_keyset),
    "rounds": (rounds.list_statement(ID, updated_after=None), rounds_keyset),
    "interviewers": (interviewers.list_statement(ID, updated_after=None), interviewers_keyset),
    "round questions": (round_questions.list_statement(ID, updated_after=None), round_questions_keyset),
    "follow-ups": (follow_ups.list_statement(ID, when=FollowUpWhen.DUE, today=date(2026, 1, 1)), follow_ups_keyset),
    "follow-ups?when=all": (
        follow_ups.list_statement(ID, when=FollowUpWhen.ALL, today=date(2026, 1, 1)),
        follow_ups_keyset,
    ),
    "readiness": (readiness.upcoming_statement(ID, now=SINCE, updated_after=None), readiness_keyset),
    "questions?updated_after": (questions_list(updated_after=SINCE), None),
}


@pytest.fixture(scope="module")
def sqlite_engine(database):
    if database.kind != "sqlite":
        pytest.skip("query plans are checked on SQLite, whose planner needs no statistics")
    engine = create_db_engine(database.url)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("name", sorted(LIST_QUERIES))
def test_list_query_uses_an_index(sqlite_engine, name):
    statement, keyset = LIST_QUERIES[name]
    if keyset is not None:
        statement = statement.order_by(*keyset.columns).limit(51)
    sql = str(statement.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    with sqlite_engine.connect() as connection:
        plan = [row[-1] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {sql}"))]
    full_scans = [step for step in plan if step.startswith("SCAN") and "INDEX" not in step]
    assert not full_scans, f"{name}: {plan}"
    if keyset is not None:
        assert not any("TEMP B-TREE FOR ORDER BY" in step for step in plan), f"{name}: {plan}"

"""Reading the change feed: the account's changes in commit order.

Rows are numbered (`seq`) when they are written. On PostgreSQL a number taken at insert time is not
commit order in general: a transaction that took number 7 may commit after one that took number 8,
and a client that had read up to 8 would never see 7. Here every transaction that records changes
holds its account's lock (changes/capture.lock_account) from before its first number until it
commits, so within one account the numbers are taken, and committed, one transaction after the
other: reading "after n" never skips a change. SQLite's writers take turns anyway (BEGIN IMMEDIATE).
docs/decisions.md, "The change feed".

A cursor is signed (api/pagination.py) and holds the position and an instant: that of its last change,
or of the read when the feed was read to its end. A cursor older than the retention window is a 410:
the deletions after it may be gone (capture.purge_statement keeps one more day than it promises).
"""

import uuid
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlmodel import Session, col

from secondround.accounts.schemas import MeRead
from secondround.answers import service as answers_service
from secondround.answers.schemas import ApplicationAnswerRead
from secondround.api.pagination import decode_cursor, encode_cursor
from secondround.api.problems import BadRequest, CursorExpired
from secondround.applications.schemas import ApplicationRead
from secondround.changes.schemas import ChangePage, ChangeRead
from secondround.db.types import utcnow
from secondround.interviewers.schemas import InterviewerRead
from secondround.models import (
    Application,
    ApplicationAnswer,
    Change,
    Interviewer,
    Question,
    Role,
    Round,
    RoundQuestion,
    User,
)
from secondround.questions import service as questions_service
from secondround.questions.schemas import QuestionRead
from secondround.roles.schemas import RoleRead
from secondround.round_questions import service as round_questions_service
from secondround.round_questions.schemas import RoundQuestionRead
from secondround.rounds.schemas import RoundRead

SCOPE = "changes"
START = 0  # before every row

Key = tuple[str, uuid.UUID, uuid.UUID | None]


def _position(secret: str, after: str | None, retention_days: int) -> int:
    if after is None:
        return START
    decoded = decode_cursor(secret, SCOPE, after)
    if len(decoded) != 2:
        raise BadRequest("The cursor is invalid, tampered with, or belongs to another list.")
    seq, at = decoded
    if not (isinstance(seq, int) and isinstance(at, datetime)):
        raise BadRequest("The cursor is invalid, tampered with, or belongs to another list.")
    if at < utcnow() - timedelta(days=retention_days):
        raise CursorExpired(
            f"This cursor is from {at.date().isoformat()}, and the feed keeps deletions for {retention_days} days "
            "only. Discard your copy and read the feed again from the start, without after."
        )
    return seq


def read(
    db: Session, owner_id: uuid.UUID, *, secret: str, after: str | None, limit: int, retention_days: int
) -> ChangePage:
    position = _position(secret, after, retention_days)
    statement = select(Change).where(col(Change.owner_id) == owner_id, col(Change.seq) > position)
    rows = list(db.execute(statement.order_by(col(Change.seq)).limit(limit + 1)).scalars())
    has_more = len(rows) > limit
    rows = rows[:limit]
    now = utcnow()
    current = _current(db, owner_id, [r for r in rows if r.action != "deleted"])

    def cursor(seq: int, at: datetime) -> str:
        return encode_cursor(secret, SCOPE, [seq, at])

    items = [
        ChangeRead(
            cursor=cursor(r.seq or 0, r.occurred_at),
            resource=r.resource,
            id=r.resource_id,
            parent_id=r.parent_id,
            action=r.action,
            occurred_at=r.occurred_at,
            data=current.get((r.resource, r.resource_id, r.parent_id)) if r.action != "deleted" else None,
        )
        for r in rows
    ]
    last = (rows[-1].seq or 0) if rows else position
    # Read to the end: the cursor is as fresh as this read (an idle account's poll never expires).
    at = rows[-1].occurred_at if has_more else now
    return ChangePage(items=items, next_cursor=cursor(last, at), has_more=has_more)


def _current(db: Session, owner_id: uuid.UUID, rows: list[Change]) -> dict[Key, Any]:
    """The current representation of each resource the rows name, read in one statement per kind."""
    wanted: dict[str, set[tuple[uuid.UUID, uuid.UUID | None]]] = defaultdict(set)
    for r in rows:
        wanted[r.resource].add((r.resource_id, r.parent_id))
    found: dict[Key, Any] = {}

    def by_id(model: Any, schema: type[BaseModel], name: str, owner: Any) -> None:
        ids = [i for i, _ in wanted.get(name, ())]
        if not ids:
            return
        for obj in db.execute(select(model).where(col(model.id).in_(ids), owner == owner_id)).scalars():
            found[(name, obj.id, None)] = schema.model_validate(obj)

    by_id(User, MeRead, "account", col(User.id))
    by_id(Role, RoleRead, "role", col(Role.owner_id))
    by_id(Application, ApplicationRead, "application", col(Application.owner_id))
    by_id(Round, RoundRead, "round", col(Round.owner_id))
    by_id(Interviewer, InterviewerRead, "interviewer", col(Interviewer.owner_id))
    question_ids = [i for i, _ in wanted.get("question", ())]
    if question_ids:
        questions = list(
            db.execute(
                select(Question).where(col(Question.id).in_(question_ids), col(Question.owner_id) == owner_id)
            ).scalars()
        )
        for question in questions_service.with_targets(db, questions):
            found[("question", question.id, None)] = QuestionRead.model_validate(question)
    entries = [(p, i) for i, p in wanted.get("round_question", ()) if p is not None]
    if entries:
        statement = round_questions_service.list_statement_for_entries(entries).where(
            col(RoundQuestion.owner_id) == owner_id
        )
        for row in db.execute(statement):
            found[("round_question", row.question_id, row.round_id)] = RoundQuestionRead.model_validate(row._asdict())
    answers = [(p, i) for i, p in wanted.get("application_answer", ()) if p is not None]
    if answers:
        statement = answers_service.list_statement_for_answers(answers).where(
            col(ApplicationAnswer.owner_id) == owner_id
        )
        for row in db.execute(statement):
            found[("application_answer", row.question_id, row.application_id)] = ApplicationAnswerRead.model_validate(
                row._asdict()
            )
    return found
